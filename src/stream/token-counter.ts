import { selectEncoding } from '../count.js';
import type { Encoding } from '../encoding.js';
import type { AnyEncodingName } from '../encodings/any-encoding-name.js';
import { InvalidArgumentError } from '../errors.js';
import { describeValue } from '../describe.js';
import { readOptions } from '../options.js';
import { cutRulesFor } from './cut-rules.js';
import { NfcStage } from './nfc-stage.js';
import { SafeCutText } from './safe-cut-text.js';
import { SentencePieceEncoding } from '../sentencepiece/sentencepiece-encoding.js';
import { SentencePieceStreamCounter } from './sentencepiece-counter.js';

export interface TokenCounterOptions {
  /** The model whose encoding to use. @default 'gpt-4o' */
  readonly model?: string;
  /** The encoding to use instead of a model's. */
  readonly encoding?: AnyEncodingName;
}

/** The options `createTokenCounter` and `countFile` take. */
export const TOKEN_COUNTER_OPTIONS = ['model', 'encoding'] as const;

/** Counts the tokens of text that arrives in chunks. */
export interface TokenCounter {
  /** Adds the next chunk of text. Chunks may be cut anywhere, even inside a surrogate pair. */
  write(chunk: string): void;
  /** Tokens counted so far, not including the text still held back (see `end`). */
  readonly counted: number;
  /** Counts what is held back and returns the exact total. The counter cannot be written to after. */
  end(): number;
}

/**
 * A counter for text that arrives in chunks — a file read in pieces, a stream, a generator. The
 * total is exactly `countTokens(wholeText)` wherever the chunks were cut: text is counted only up
 * to a safe cut (see `CutScanner`: a place no pre-tokenizer piece and no token crosses), and the
 * rest is held until more arrives. It holds about 64K characters of ordinary text, of numbers,
 * whitespace, emoji or NUL alike; it throws `PieceTooLongError` rather than hold more than
 * `UNCUT_LIMIT` characters (4 MiB) with no safe cut, which takes one pre-tokenizer piece that long.
 * Special-token text counts as ordinary text.
 *
 * @example
 * const counter = createTokenCounter({ model: 'gpt-4o' });
 * for await (const chunk of stream) counter.write(chunk);
 * counter.end(); // the exact total
 */
export function createTokenCounter(options?: TokenCounterOptions): TokenCounter {
  return counterFor(selectEncoding(readOptions(options, TOKEN_COUNTER_OPTIONS, 'createTokenCounter') as TokenCounterOptions));
}

/** The counter for `encoding`: SentencePiece (gemma3) has its own cut rule (sentencepiece-counter.ts). @internal */
export function counterFor(encoding: Encoding | SentencePieceEncoding): TokenCounter {
  return encoding instanceof SentencePieceEncoding ? new SentencePieceStreamCounter(encoding) : new StreamCounter(encoding);
}

/**
 * The counter behind `createTokenCounter`, with what the tests measure: it counts each segment
 * `SafeCutText` hands on (text up to a safe cut), so the counts add up to the whole text's.
 * @internal
 */
export class StreamCounter implements TokenCounter {
  readonly #encoding: Encoding;
  readonly #text: SafeCutText;
  /** For an encoding that normalizes its text (qwen2): the NFC form, handed on as it is known. */
  readonly #nfc: NfcStage | null;
  readonly #count = (segment: string): void => {
    this.#counted += this.#encoding.count(segment);
  };
  #counted = 0;
  #ended = false;

  /** `flushAt` as SafeCutText takes it (smaller in tests, to cut more often). */
  constructor(encoding: Encoding, flushAt?: number) {
    this.#encoding = encoding;
    this.#nfc = encoding.normalization === 'NFC' ? new NfcStage() : null;
    this.#text = new SafeCutText(cutRulesFor(encoding, { normalized: this.#nfc !== null }), flushAt);
  }

  write(chunk: string): void {
    if (this.#ended) throw new InvalidArgumentError('write', 'was called after end(); create a new counter for more text.');
    if (typeof chunk !== 'string') throw new InvalidArgumentError('chunk', `must be a string, got ${describeValue(chunk)}.`);
    this.#text.write(this.#nfc === null ? chunk : this.#nfc.write(chunk), this.#count);
  }

  get counted(): number {
    return this.#counted;
  }

  end(): number {
    if (!this.#ended) {
      this.#ended = true;
      if (this.#nfc !== null) this.#text.write(this.#nfc.end(), this.#count);
      this.#text.end(this.#count);
    }
    return this.#counted;
  }

  /** Characters held now, not yet counted. */
  get held(): number {
    return this.#text.held + (this.#nfc?.held ?? 0);
  }

  /** The most characters held at once. */
  get mostHeld(): number {
    return this.#text.mostHeld;
  }

  /** Characters the cut search has read, counting a character read twice twice. */
  get examined(): number {
    return this.#text.examined;
  }
}
