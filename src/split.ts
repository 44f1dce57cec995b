import { describeValue } from './describe.js';
import { InvalidArgumentError } from './errors.js';
import { boundaryOffsets, checkSplittable, readSplitOptions, takeChunks, type SplitOptions, type TextChunk } from './split-rule.js';

export type { SplitOptions, TextChunk } from './split-rule.js';

/**
 * Splitting a document into chunks of at most N tokens, for retrieval and embedding APIs: cut at
 * token boundaries that are also character boundaries, prefer a paragraph or sentence end when
 * one is near the limit, and check each chunk by counting it on its own, since the tokens of a
 * slice counted alone may differ from the slice of the whole text's tokens at its edges. The rule
 * is split-rule.ts's, shared with `createTextSplitter`, which gives the same chunks for text that
 * arrives in pieces.
 */

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
  const rule = readSplitOptions(options, 'splitByTokens');
  if (rule.encoding.normalization !== null && text.normalize(rule.encoding.normalization) !== text) {
    // The tokens would be of the normalized text, and chunks cut by them would lose or shift characters.
    throw new InvalidArgumentError(
      'text',
      `is not in ${rule.encoding.normalization}, which ${rule.encoding.name} normalizes text to before splitting it, so its chunks could not be slices of the text as given. Split text.normalize('${rule.encoding.normalization}') instead.`,
    );
  }
  checkSplittable(rule.encoding, text, 'text');
  const ids = rule.encoding.encode(text);
  const offsets = boundaryOffsets(text, rule.encoding.tokenByteLengths(ids));
  const chunks: TextChunk[] = [];
  takeChunks({ text, base: 0, offsets, last: ids.length, final: true }, rule, 0, (chunk) => chunks.push(chunk));
  return chunks;
}
