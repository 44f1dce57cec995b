import { selectEncoding } from './count.js';
import { describeValue } from './describe.js';
import type { Encoding } from './encoding.js';
import type { EncodingName } from './encodings/specs.js';
import { InvalidArgumentError } from './errors.js';
import { readOptions } from './options.js';

/**
 * Splitting a document into chunks of at most N tokens, for retrieval and embedding APIs: cut at
 * token boundaries that are also character boundaries, prefer a paragraph or sentence end when
 * one is near the limit, and check each chunk by counting it on its own, since the tokens of a
 * slice counted alone may differ from the slice of the whole text's tokens at its edges.
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
  /** Count with this encoding instead of a model's. */
  readonly encoding?: EncodingName | 'gpt2';
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

const OPTIONS = ['maxTokens', 'overlap', 'model', 'encoding'] as const;

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
 * For each token boundary k (0 … tokens), its string index, or -1 where the boundary falls inside
 * a character (a character spread over several tokens, as emoji often are).
 */
function boundaryOffsets(text: string, byteLengths: Uint32Array): Int32Array {
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

/**
 * How good a place `at` is to end a chunk: 3 after a blank line, 2 after a line end or a sentence
 * end, 1 after white space, 0 inside a word.
 */
function cutQuality(text: string, at: number): number {
  if (at >= text.length) return 4;
  const before = text.charAt(at - 1);
  if (before === '\n') return text.charAt(at - 2) === '\n' || text.slice(at - 3, at) === '\n\r\n' ? 3 : 2;
  if ('.!?。！？'.includes(before)) return 2;
  if (/\s/.test(before)) return /[.!?。！？]["'’”)\]]?$/.test(text.slice(Math.max(0, at - 4), at - 1)) ? 2 : 1;
  return 0;
}

/** How far back from the limit a better cut is looked for: a quarter of the chunk. */
const REACH = 4;

/** The end (a token boundary) of the chunk that starts at boundary `from`. */
function chunkEnd(text: string, encoding: Encoding, offsets: Int32Array, from: number, maxTokens: number): number {
  const last = offsets.length - 1;
  const limit = Math.min(from + maxTokens, last);
  const floor = limit === last ? limit : Math.max(from + 1, limit - Math.floor(maxTokens / REACH));
  let best = -1;
  let bestQuality = -1;
  for (let k = limit; k >= floor; k--) {
    if (offsets[k]! < 0) continue;
    const quality = cutQuality(text, offsets[k]!);
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
  while (encoding.count(text.slice(offsets[from]!, offsets[best]!)) > maxTokens) {
    let previous = best - 1;
    while (previous > from && offsets[previous]! < 0) previous--;
    if (previous <= from) break;
    best = previous;
  }
  return best;
}

/**
 * Splits `text` into chunks of at most `maxTokens` tokens each (counted on their own), cut at token
 * boundaries that are character boundaries, preferring a blank line, a line end or a sentence end
 * within the last quarter of a chunk. With `overlap`, each chunk after the first starts that many
 * tokens before the previous one ended. Special-token text counts as ordinary text.
 *
 * @throws {InvalidArgumentError} for a non-string text, bad options, or a `maxTokens` below the
 *   tokens one character takes (use 4 or more).
 * @example
 * ```ts
 * const chunks = splitByTokens(longDocument, { maxTokens: 512, overlap: 64, model: 'text-embedding-3-small' });
 * chunks[0]; // { text: '…', start: 0, end: 2113, tokens: 508 }
 * splitByTokens(text, { maxTokens: 100 }).map((c) => c.text).join('') === text; // true without overlap
 * ```
 */
export function splitByTokens(text: string, options: SplitOptions): TextChunk[] {
  if (typeof text !== 'string') throw new InvalidArgumentError('text', `must be a string, got ${describeValue(text)}.`);
  if (options === undefined) throw new InvalidArgumentError('options', 'is required: pass { maxTokens } (and optionally overlap, model or encoding).');
  const o = readOptions(options, OPTIONS, 'splitByTokens');
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
    ...(o.encoding !== undefined && { encoding: o.encoding as EncodingName }),
  });
  const ids = encoding.encode(text);
  const offsets = boundaryOffsets(text, encoding.tokenByteLengths(ids));
  const last = ids.length;
  const chunks: TextChunk[] = [];
  let from = 0;
  while (from < last) {
    const end = chunkEnd(text, encoding, offsets, from, maxTokens);
    const chunk = text.slice(offsets[from], offsets[end]);
    chunks.push({ text: chunk, start: offsets[from]!, end: offsets[end]!, tokens: encoding.count(chunk) });
    if (end === last) break;
    // The next chunk starts `overlap` tokens back, at a character boundary, and always moves on.
    let next = end - overlap;
    while (next > from + 1 && offsets[next]! < 0) next--;
    from = next > from && offsets[next]! >= 0 ? next : end;
  }
  return chunks;
}
