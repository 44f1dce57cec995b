import {
  CLASS_MASK, LETTER_SET, NUMBER, PUNCT_SET, WHITESPACE_SET,
  charClass, contractionEnd, skipAsciiLetters, skipClasses, whitespacePieceEnd, wideRunEnd,
} from './char-class.js';

/**
 * The end of the piece starting at `start`, under the GPT-2 split pattern (r50k_base, p50k_base,
 * p50k_edit):
 *
 *   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
 *
 * A hand-written scanner over char codes, equivalent to the pattern under Rust's regex semantics
 * (test/split.test.ts compares its pieces with the regex's).
 */
export function nextPieceGpt2(table: Uint8Array, text: string, start: number, end: number): number {
  const first = text.charCodeAt(start);
  if (first === 39) {
    const contraction = contractionEnd(text, start, end, false);
    if (contraction > 0) return contraction;
  }
  // Fast path for the common English word: an optional space, then ASCII letters ended by ASCII.
  // The general path below gives the same piece; a non-ASCII character next goes there.
  const letters = first === 32 ? start + 1 : start;
  if (letters < end && ((text.charCodeAt(letters) | 0x20) - 97) >>> 0 < 26) {
    const wordEnd = skipAsciiLetters(text, letters + 1, end, true);
    if (wordEnd === end || text.charCodeAt(wordEnd) < 0x80) return wordEnd;
  }
  let runStart = start;
  let cls = charClass(table, text, start, end) & CLASS_MASK;
  if (first === 32 && start + 1 < end) {
    // ` ?` before a letter, number or punctuation run
    const next = charClass(table, text, start + 1, end) & CLASS_MASK;
    if (((1 << next) & WHITESPACE_SET) === 0) {
      runStart = start + 1;
      cls = next;
    }
  }
  const bit = 1 << cls;
  if ((bit & LETTER_SET) !== 0) return skipClasses(table, text, runStart, end, LETTER_SET);
  if (cls === NUMBER) return skipClasses(table, text, runStart, end, 1 << NUMBER);
  if ((bit & PUNCT_SET) !== 0) return skipClasses(table, text, runStart, end, PUNCT_SET);
  return whitespacePieceEnd(table, text, start, end, false);
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
