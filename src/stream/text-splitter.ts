import { describeValue } from '../describe.js';
import { ENCODING_SPECS } from '../encodings/specs.js';
import { InvalidArgumentError } from '../errors.js';
import { boundaryOffsets, checkSplittable, CUT_LOOK_BEHIND, readSplitOptions, takeChunks, type SplitOptions, type SplitRule, type TextChunk } from '../split-rule.js';
import { cutRulesFor } from './cut-rules.js';
import { SafeCutText } from './safe-cut-text.js';
import { SentencePieceEncoding } from '../sentencepiece/sentencepiece-encoding.js';
import { SentencePieceCutText } from './sentencepiece-cut-text.js';

/** Splits text that arrives in pieces into the chunks `splitByTokens` gives for the whole text. */
export interface TextSplitter {
  /** Adds the next piece of text (cut anywhere, even inside a surrogate pair); returns the chunks it completes, often none. */
  write(text: string): TextChunk[];
  /** Ends the text and returns the chunks left. The splitter cannot be written to after. */
  end(): TextChunk[];
}

/**
 * A splitter for text that arrives in pieces — a file read in parts, a stream — giving exactly the
 * chunks `splitByTokens(wholeText, options)` gives, `start` and `end` counted from the start of
 * the whole text, wherever the pieces were cut. It holds one chunk's text and the text read past it
 * up to the next safe cut (where the whole text's tokens are known: see `createTokenCounter`),
 * about `maxTokens` tokens plus 64K characters however long the text, and throws
 * `PieceTooLongError` where more than `UNCUT_LIMIT` characters (4 MiB) come with no safe cut (one
 * pre-tokenizer piece that long; split such text whole with `splitByTokens`). Built-in encodings
 * only.
 *
 * @throws {InvalidArgumentError} for bad options (as `splitByTokens`), from `write` for a
 *   non-string, after `end`, or for a `maxTokens` below the tokens one character takes.
 * @example
 * const splitter = createTextSplitter({ maxTokens: 512, overlap: 64 });
 * for await (const piece of stream) for (const chunk of splitter.write(piece)) store(chunk);
 * for (const chunk of splitter.end()) store(chunk);
 */
export function createTextSplitter(options: SplitOptions): TextSplitter {
  const rule = readSplitOptions(options, 'createTextSplitter');
  if (!Object.hasOwn(ENCODING_SPECS, rule.encoding.name) && !(rule.encoding instanceof SentencePieceEncoding)) {
    throw new InvalidArgumentError(
      'options.encoding',
      `${rule.encoding.name} cannot be split as a stream: its safe cuts are known only for the built-in encodings (${Object.keys(ENCODING_SPECS).join(', ')}) and gemma3. Split the whole text with splitByTokens instead.`,
    );
  }
  return new StreamSplitter(rule);
}

/**
 * The splitter behind `createTextSplitter`. Text comes from `SafeCutText` in segments that end at
 * safe cuts; each is encoded on its own, which gives the whole text's tokens, and its token
 * boundaries join the window. `takeChunks` (split-rule.ts, the rule `splitByTokens` uses) chooses
 * chunks from the window as soon as it holds more than `maxTokens` boundaries past a chunk's start;
 * the text and boundaries before the next chunk's start are then let go.
 * @internal
 */
export class StreamSplitter implements TextSplitter {
  readonly #rule: SplitRule;
  readonly #text: SafeCutText | SentencePieceCutText;
  /** The input from `#base` on, to the end of the last segment. */
  #window = '';
  #base = 0;
  /** The positions of the token boundaries from the next chunk's start on (-1 inside a character); `#held` of them. */
  #offsets = new Float64Array(1024);
  #held = 1;
  #ended = false;
  #mostBoundaries = 0;
  #mostCharacters = 0;
  readonly #take = (segment: string): void => this.#append(segment);

  /** `flushAt`: see `SafeCutText` (the tests make segments small). */
  constructor(rule: SplitRule, flushAt?: number) {
    this.#rule = rule;
    const encoding = rule.encoding;
    this.#text = encoding instanceof SentencePieceEncoding ? new SentencePieceCutText(encoding, flushAt) : new SafeCutText(cutRulesFor(encoding), flushAt);
  }

  write(text: string): TextChunk[] {
    if (this.#ended) throw new InvalidArgumentError('write', 'was called after end(); create a new splitter for more text.');
    if (typeof text !== 'string') throw new InvalidArgumentError('text', `must be a string, got ${describeValue(text)}.`);
    checkSplittable(this.#rule.encoding, text, 'text');
    const before = this.#held;
    this.#text.write(text, this.#take);
    return this.#held === before ? [] : this.#choose(false);
  }

  end(): TextChunk[] {
    if (this.#ended) return [];
    this.#ended = true;
    this.#text.end(this.#take);
    return this.#choose(true);
  }

  /** The most token boundaries held at once, for the tests' bound on memory. */
  get mostBoundaries(): number {
    return this.#mostBoundaries;
  }

  /** The most characters held at once: the window's and those waiting for a safe cut. */
  get mostCharacters(): number {
    return this.#mostCharacters;
  }

  /** Encodes a segment (text up to a safe cut) and adds it and its token boundaries to the window. */
  #append(segment: string): void {
    if (segment === '') return;
    const encoding = this.#rule.encoding;
    const ids = encoding.encode(segment);
    const local = boundaryOffsets(segment, encoding.tokenByteLengths(ids));
    const start = this.#base + this.#window.length;
    if (this.#held + ids.length > this.#offsets.length) {
      const grown = new Float64Array(Math.max(2 * this.#offsets.length, this.#held + ids.length));
      grown.set(this.#offsets.subarray(0, this.#held));
      this.#offsets = grown;
    }
    for (let k = 1; k < local.length; k++) this.#offsets[this.#held++] = local[k]! < 0 ? -1 : start + local[k]!;
    this.#window += segment;
    this.#mostBoundaries = Math.max(this.#mostBoundaries, this.#held);
    this.#mostCharacters = Math.max(this.#mostCharacters, this.#window.length + this.#text.held);
  }

  /** The chunks the window decides now; then lets go of what comes before the next chunk's start. */
  #choose(final: boolean): TextChunk[] {
    const last = this.#held - 1;
    if (!final && this.#rule.maxTokens >= last) return [];
    const chunks: TextChunk[] = [];
    const next = takeChunks({ text: this.#window, base: this.#base, offsets: this.#offsets, last, final }, this.#rule, 0, (chunk) => chunks.push(chunk));
    if (next > 0) {
      const start = this.#offsets[next]!;
      const base = Math.max(this.#base, start - CUT_LOOK_BEHIND);
      this.#window = this.#window.slice(base - this.#base);
      this.#base = base;
      this.#offsets.copyWithin(0, next, this.#held);
      this.#held -= next;
    }
    return chunks;
  }
}
