import { LETTER_SET, contractionEnd, skipAsciiLetters, wideRunEnd } from './char-class.js';
import { GPT2_RULES } from '../encodings/split-rules.js';
import { compiledRules, nextPieceFromRules } from './split-rules-scan.js';

/**
 * The end of the piece starting at `start`, under the GPT-2 split pattern (r50k_base, p50k_base,
 * p50k_edit):
 *
 *   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
 *
 * A fast path for the commonest piece, then the pattern as data (GPT2_RULES) interpreted; both held
 * to the pattern's regex by test/pretokenizers.test.ts and test/split-rules.test.ts.
 */
export function nextPieceGpt2(table: Uint8Array, text: string, start: number, end: number): number {
  const first = text.charCodeAt(start);
  if (first === 39) {
    const contraction = contractionEnd(text, start, end, false);
    if (contraction > 0) return contraction;
  }
  // Fast path for the common English word: an optional space, then ASCII letters ended by ASCII.
  // The rules' interpreter (split-rules-scan.ts, over GPT2_RULES) decides every other piece.
  const letters = first === 32 ? start + 1 : start;
  if (letters < end && ((text.charCodeAt(letters) | 0x20) - 97) >>> 0 < 26) {
    const wordEnd = skipAsciiLetters(text, letters + 1, end, true);
    if (wordEnd === end || text.charCodeAt(wordEnd) < 0x80) return wordEnd;
  }
  return nextPieceFromRules(compiledRules(GPT2_RULES), text, start, end);
}

/**
 * ` ?\p{L}+` at `s` in a copy of the units (the encode loop's wide mode): the end of the piece, or
 * -1 when the scanner must decide — no letter at `s` (or after the space there), half of an astral
 * character where it could be a letter, or the end of the copy, `end` (the text may go on).
 */
export function wideWordGpt2(table: Uint8Array, units: Uint16Array, s: number, end: number): number {
  let k = s;
  let unit = units[k]!;
  if (unit === 32) {
    if (k + 1 >= end) return -1;
    unit = units[++k]!;
  }
  if (((1 << table[unit]!) & LETTER_SET) === 0) return -1;
  return wideRunEnd(table, units, k + 1, end, LETTER_SET);
}
