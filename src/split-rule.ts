import { selectEncoding } from './count.js';
import { describeValue } from './describe.js';
import type { Encoding } from './encoding.js';
import type { AnyEncodingName } from './encodings/any-encoding-name.js';
import type { SentencePieceEncoding } from './sentencepiece/sentencepiece-encoding.js';
import { InvalidArgumentError } from './errors.js';
import { readOptions } from './options.js';

/**
 * Where chunks of at most N tokens end: the one rule behind `splitByTokens` (the whole text at
 * once) and `createTextSplitter` (text that arrives in pieces). Both hand `takeChunks` a window of
 * the input's token boundaries; the whole text is simply a window that holds all of them.
 */

export interface SplitOptions {
  /** The most tokens a chunk may have, counted on its own. At least 1. */
  readonly maxTokens: number;
  /**
   * Tokens each chunk repeats from the end of the one before (context for retrieval), fewer than
   * `maxTokens`. With 0 the chunks join back into the text exactly. @default 0
   */
  readonly overlap?: number;
  /** Count with this model's tokenizer. @default 'gpt-4o' */
  readonly model?: string;
  /** Count with this encoding instead of a model's (`createTextSplitter` takes only the built-in ones). */
  readonly encoding?: AnyEncodingName;
}

export interface TextChunk {
  /** The chunk: `text.slice(start, end)` of the input. */
  text: string;
  /** Where it starts in the input, in UTF-16 code units (string indices). */
  start: number;
  /** Where it ends in the input (exclusive). The next chunk starts here, or `overlap` tokens before. */
  end: number;
  /** Its tokens, counted on its own; at most `maxTokens`. */
  tokens: number;
}

/** The options read and checked: what `takeChunks` needs. */
export interface SplitRule {
  readonly encoding: Encoding | SentencePieceEncoding;
  readonly maxTokens: number;
  readonly overlap: number;
}

const OPTIONS = ['maxTokens', 'overlap', 'model', 'encoding'] as const;

/**
 * Refuses text whose tokens cannot be placed back in it: for gemma3, text holding U+2581 (`▁`), the
 * mark SentencePiece turns spaces into, which its tokens decode as a space (one byte where the text
 * had three), so the chunks' positions would be wrong. `field` names the text in the error.
 */
export function checkSplittable(encoding: Encoding | SentencePieceEncoding, text: string, field: string): void {
  if (encoding.name === 'gemma3' && text.includes('\u2581')) {
    throw new InvalidArgumentError(
      field,
      `holds U+2581 (▁) at index ${text.indexOf('\u2581')}, which gemma3 reads as its mark for a space, so its tokens cannot be placed back in the text to split it. Remove or replace that character before splitting (counting is not affected).`,
    );
  }
}

/** Reads and checks the options of `fn` (`splitByTokens`, `createTextSplitter`). */
export function readSplitOptions(options: SplitOptions, fn: string): SplitRule {
  if (options === undefined) throw new InvalidArgumentError('options', 'is required: pass { maxTokens } (and optionally overlap, model or encoding).');
  const o = readOptions(options, OPTIONS, fn);
  const maxTokens = o.maxTokens;
  if (typeof maxTokens !== 'number' || !Number.isSafeInteger(maxTokens) || maxTokens < 1) {
    throw new InvalidArgumentError('options.maxTokens', `must be a whole number of tokens, 1 or more, got ${describeValue(maxTokens)}.`);
  }
  const overlap = o.overlap ?? 0;
  if (typeof overlap !== 'number' || !Number.isSafeInteger(overlap) || overlap < 0 || overlap >= maxTokens) {
    throw new InvalidArgumentError('options.overlap', `must be a whole number of tokens from 0 to maxTokens - 1 (${maxTokens - 1}), got ${describeValue(overlap)}.`);
  }
  const encoding = selectEncoding({
    ...(o.model !== undefined && { model: o.model as string }),
    ...(o.encoding !== undefined && { encoding: o.encoding as AnyEncodingName }),
  });
  return { encoding, maxTokens, overlap };
}

/**
 * What `takeChunks` reads: part of the input's text and the token boundaries in it. Positions are
 * in UTF-16 units from the start of the whole input.
 */
export interface TokenWindow {
  /** The input from position `base` on, to the position of boundary `last`. */
  readonly text: string;
  readonly base: number;
  /**
   * The position of each token boundary held, in order (index 0 is the first held, not the
   * input's first), or -1 where the boundary falls inside a character. It may be longer than
   * `last + 1`: a buffer.
   */
  readonly offsets: ArrayLike<number>;
  /** The index in `offsets` of the last boundary held. */
  readonly last: number;
  /** Whether boundary `last` is the end of the input. */
  readonly final: boolean;
}

/** Characters before a place that `cutQuality` reads: a window must hold this many before a chunk's start. */
export const CUT_LOOK_BEHIND = 4;

/**
 * Emits the chunks that start at boundary `from` and after, for as long as the window decides
 * them: to the end of the input when the window is `final`, else while `maxTokens` boundaries
 * beyond a chunk's start are held and one more (so the chunk's end does not depend on what is not
 * held yet). Returns the boundary the next chunk starts at (`last` when the input is done).
 */
export function takeChunks(window: TokenWindow, rule: SplitRule, from: number, emit: (chunk: TextChunk) => void): number {
  const { offsets, last } = window;
  while (from < last && (window.final || from + rule.maxTokens < last)) {
    const { end, tokens } = chunkEnd(window, rule, from);
    emit({ text: textBetween(window, offsets[from]!, offsets[end]!), start: offsets[from]!, end: offsets[end]!, tokens });
    if (end === last) return last;
    // The next chunk starts `overlap` tokens back, at a character boundary, and always moves on.
    let next = end - rule.overlap;
    while (next > from + 1 && offsets[next]! < 0) next--;
    from = next > from && offsets[next]! >= 0 ? next : end;
  }
  return from;
}

/** A UTF-8 code point's length in bytes, from the UTF-16 unit at `i` (a lone surrogate is U+FFFD, 3 bytes). */
function codePointBytes(text: string, i: number): { bytes: number; units: number } {
  const unit = text.charCodeAt(i);
  if (unit < 0x80) return { bytes: 1, units: 1 };
  if (unit < 0x800) return { bytes: 2, units: 1 };
  if (unit >= 0xd800 && unit <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return { bytes: 4, units: 2 };
  }
  return { bytes: 3, units: 1 };
}

/**
 * For each token boundary k (0 … tokens) of `text`, whose tokens have the UTF-8 lengths
 * `byteLengths`, its string index, or -1 where the boundary falls inside a character (a character
 * spread over several tokens, as emoji often are).
 */
export function boundaryOffsets(text: string, byteLengths: Uint32Array): Int32Array {
  const offsets = new Int32Array(byteLengths.length + 1).fill(-1);
  offsets[0] = 0;
  let unit = 0;
  let byte = 0;
  let tokenEnd = 0;
  for (let k = 0; k < byteLengths.length; k++) {
    tokenEnd += byteLengths[k]!;
    while (byte < tokenEnd && unit < text.length) {
      const { bytes, units } = codePointBytes(text, unit);
      byte += bytes;
      unit += units;
    }
    if (byte === tokenEnd) offsets[k + 1] = unit;
  }
  return offsets;
}

function textBetween(window: TokenWindow, start: number, end: number): string {
  return window.text.slice(start - window.base, end - window.base);
}

/**
 * How good a place `at` is to end a chunk: 4 at the end of the input, 3 after a blank line, 2
 * after a line end or a sentence end, 1 after white space, 0 inside a word. Reads at most
 * `CUT_LOOK_BEHIND` characters before `at`.
 */
function cutQuality(window: TokenWindow, at: number): number {
  const text = window.text;
  const i = at - window.base;
  if (window.final && i >= text.length) return 4;
  const before = text.charAt(i - 1);
  if (before === '\n') return text.charAt(i - 2) === '\n' || text.slice(Math.max(0, i - 3), i) === '\n\r\n' ? 3 : 2;
  if ('.!?。！？'.includes(before)) return 2;
  if (/\s/.test(before)) return /[.!?。！？]["'’”)\]]?$/.test(text.slice(Math.max(0, i - 4), i - 1)) ? 2 : 1;
  return 0;
}

/** How far back from the limit a better cut is looked for: a quarter of the chunk. */
const REACH = 4;

/** The end (a boundary index) of the chunk that starts at boundary `from`, and the chunk's tokens counted on their own. */
function chunkEnd(window: TokenWindow, rule: SplitRule, from: number): { end: number; tokens: number } {
  const { offsets, last } = window;
  const { encoding, maxTokens } = rule;
  const limit = Math.min(from + maxTokens, last);
  const floor = window.final && limit === last ? limit : Math.max(from + 1, limit - Math.floor(maxTokens / REACH));
  let best = -1;
  let bestQuality = -1;
  for (let k = limit; k >= floor; k--) {
    if (offsets[k]! < 0) continue;
    const quality = cutQuality(window, offsets[k]!);
    if (quality > bestQuality) {
      best = k;
      bestQuality = quality;
    }
  }
  if (best < 0) {
    for (let k = floor - 1; k > from && best < 0; k--) if (offsets[k]! >= 0) best = k;
  }
  if (best < 0) {
    throw new InvalidArgumentError(
      'options.maxTokens',
      `(${maxTokens}) is smaller than the tokens of one character at index ${offsets[from]}; a character can take up to 4 tokens, so use 4 or more.`,
    );
  }
  // Counted alone, a slice may take a token more than it did inside the text: step back until it fits.
  let tokens: number;
  while ((tokens = encoding.count(textBetween(window, offsets[from]!, offsets[best]!))) > maxTokens) {
    let previous = best - 1;
    while (previous > from && offsets[previous]! < 0) previous--;
    if (previous <= from) break;
    best = previous;
  }
  return { end: best, tokens };
}
