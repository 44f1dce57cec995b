import {
  CJK_IDEOGRAPHS_COUNT, CJK_IDEOGRAPHS_FIRST, LETTER_SET, LOWER, NEWLINE, NUMBER, OTHER, UPPER, contractionEnd, wideRunEnd,
} from './char-class.js';
import { CL100K_RULES } from '../encodings/split-rules.js';
import { compiledRules, nextPieceFromRules } from './split-rules-scan.js';
import { asciiDigitsEnd, asciiPunctuationEnd, asciiWhitespaceEnd } from './ascii-pieces.js';

/**
 * The end of the piece starting at `start`, under the cl100k_base split pattern, in the form the
 * npm `tiktoken` package (our exact reference) runs:
 *
 *   (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*
 *   |\s*[\r\n]+|\s+(?!\S)|\s+
 *
 * tiktoken's current Python source uses a possessive rewrite with an extra `\s++$` branch; the two
 * differ only on a whitespace run that ends the text and holds a newline followed by other
 * whitespace, where this follows the npm package (see PERFORMANCE.md, "Exactness").
 */
export function nextPieceCl100k(table: Uint8Array, text: string, start: number, end: number): number {
  const first = text.charCodeAt(start);
  if (first === 39) {
    const contraction = contractionEnd(text, start, end, true);
    if (contraction > 0) return contraction;
  }
  // Most pieces are decided by a short look at the BMP characters that start them; the rules'
  // interpreter (split-rules-scan.ts, over CL100K_RULES) decides the rest.
  if (first < 0x80) {
    const piece = asciiPieceCl100k(table, text, start, end, first);
    if (piece >= 0) return piece;
  } else if (((1 << table[first]!) & LETTER_SET) !== 0) {
    const piece = lettersEnd(table, text, start, end);
    if (piece >= 0) return piece;
  }
  return nextPieceFromRules(compiledRules(CL100K_RULES), text, start, end);
}

/**
 * The same pattern for a piece that starts with an ASCII character other than a contraction's
 * apostrophe, decided from ASCII characters alone, or -1 when a non-ASCII character decides where it
 * ends. Each case is the first alternative that matches there: letters; one to three digits; any
 * other character but \r or \n leading letters; punctuation (or a space before it) with the
 * newlines after it; the whitespace alternatives.
 */
function asciiPieceCl100k(table: Uint8Array, text: string, start: number, end: number, first: number): number {
  const cls = table[first]!;
  if (cls === UPPER || cls === LOWER) return lettersEnd(table, text, start, end);
  if (cls === NUMBER) return asciiDigitsEnd(table, text, start, end);
  if (cls === NEWLINE) return asciiWhitespaceEnd(table, text, start, end);
  if (start + 1 >= end) return -1;
  const next = text.charCodeAt(start + 1);
  const nextCls = table[next]!;
  if (((1 << nextCls) & LETTER_SET) !== 0) return lettersEnd(table, text, start + 1, end);
  if (next >= 0x80) return -1;
  if (cls === OTHER) return asciiPunctuationEnd(table, text, start, end, false);
  if (first === 32 && nextCls === OTHER) return asciiPunctuationEnd(table, text, start + 1, end, false);
  return asciiWhitespaceEnd(table, text, start, end);
}

/** `\p{L}+` from the BMP letter at `s`; -1 if half of an astral character (perhaps a letter) follows. */
function lettersEnd(table: Uint8Array, text: string, s: number, end: number): number {
  let k = s + 1;
  for (; k < end; k++) {
    const unit = text.charCodeAt(k);
    if (unit - CJK_IDEOGRAPHS_FIRST < CJK_IDEOGRAPHS_COUNT && unit >= CJK_IDEOGRAPHS_FIRST) continue;
    if (((1 << table[unit]!) & LETTER_SET) === 0) break;
  }
  return k < end && (text.charCodeAt(k) & 0xf800) === 0xd800 ? -1 : k;
}

/**
 * `\p{L}+` at `s` in a copy of the units (the encode loop's wide mode), after perhaps one character
 * that is not a letter, digit, \r or \n leading it: the end of the piece, or -1 when the scanner
 * must decide — an apostrophe at `s` (a contraction comes first), a character at `s` or after the
 * lead that is no letter, half of an astral character where it could be a letter, or the end of
 * the copy, `end` (the text may go on).
 */
export function wideWordCl100k(table: Uint8Array, units: Uint16Array, s: number, end: number): number {
  let k = s;
  let unit = units[k]!;
  if (((1 << table[unit]!) & LETTER_SET) === 0) {
    const cls = table[unit]!;
    if (cls === NEWLINE || cls === NUMBER || unit === 39 || (unit & 0xf800) === 0xd800 || k + 1 >= end) return -1;
    unit = units[++k]!;
    if (((1 << table[unit]!) & LETTER_SET) === 0) return -1;
  }
  return wideRunEnd(table, units, k + 1, end, LETTER_SET);
}
