import {
  CJK_IDEOGRAPHS_COUNT, CJK_IDEOGRAPHS_FIRST, LETTER_SET, LOWER, MARK, NEWLINE, NUMBER, OTHER, OTHER_LETTER,
  SPACE, UPPER,
  contractionEnd, wideRunEnd,
} from './char-class.js';
import { asciiDigitsEnd, asciiPunctuationEnd, asciiWhitespaceEnd } from './ascii-pieces.js';
import { O200K_RULES } from '../encodings/split-rules.js';
import { compiledRules, nextPieceFromRules } from './split-rules-scan.js';

/** [\p{Lm}\p{Lo}\p{M}]: in both of the pattern's letter runs, so a run of them is one word */
const OTHER_LETTER_OR_MARK = (1 << OTHER_LETTER) | (1 << MARK);

/**
 * The end of the piece starting at `start`, under the o200k_base split pattern (also o200k_harmony):
 *
 *   [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 *   |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 *   |\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
 *
 * (O200K_RULES in src/encodings/split-rules.ts is that pattern as data.) The fast paths below
 * decide the common pieces — ASCII, BMP words of one letter class, a punctuation or space lead
 * before one; every other piece (astral characters, marks, mixed letter classes, which need the
 * pattern's backtracking) is the rules' interpreter's (split-rules-scan.ts).
 */
export function nextPieceO200k(table: Uint8Array, text: string, start: number, end: number): number {
  // Most pieces are decided by a short look at the BMP characters that start them; the rules'
  // interpreter decides the rest.
  const first = text.charCodeAt(start);
  if (first < 0x80) {
    const piece = asciiPieceO200k(table, text, start, end, first);
    if (piece >= 0) return piece;
  } else {
    const piece = bmpWordEnd(table, text, start, end, table[first]!);
    if (piece >= 0) return piece;
  }
  return nextPieceFromRules(compiledRules(O200K_RULES), text, start, end);
}

/**
 * The same pattern for a piece that starts with an ASCII character, decided from ASCII characters
 * alone (most of any English or code), or -1 when a non-ASCII character decides where it ends. Each
 * case is the first alternative of the pattern that matches there:
 * - letters: `[A-Z]*[a-z]+` or `[A-Z]+[a-z]*`, then a contraction (the runs go on through any
 *   upper- or lower-case letter of the BMP, whose classes the pattern treats the same way);
 * - digits: one to three;
 * - any other character but \r or \n before a letter: the optional lead of a word;
 * - punctuation (or a space before it): ` ?[^\s\p{L}\p{N}]+[\r\n/]*`;
 * - whitespace: the whitespace alternatives.
 * `table` gives the classes of ASCII characters as for any other (ASCII holds no marks or other
 * letters, and its only whitespace is \t–\r and the space).
 */
function asciiPieceO200k(table: Uint8Array, text: string, start: number, end: number, first: number): number {
  const cls = table[first]!;
  if (cls === UPPER || cls === LOWER) return casedWordEnd(table, text, start, end);
  if (cls === NUMBER) return asciiDigitsEnd(table, text, start, end);
  if (cls === NEWLINE) return asciiWhitespaceEnd(table, text, start, end);
  if (start + 1 >= end) return -1;
  const next = text.charCodeAt(start + 1);
  const nextCls = table[next]!;
  if (nextCls === UPPER || nextCls === LOWER) return casedWordEnd(table, text, start + 1, end);
  if (next >= 0x80) return nextCls === OTHER_LETTER ? otherLettersEnd(table, text, start + 1, end) : -1;
  if (cls === OTHER) return asciiPunctuationEnd(table, text, start, end, true);
  if (first === 32 && nextCls === OTHER) return asciiPunctuationEnd(table, text, start + 1, end, true);
  return asciiWhitespaceEnd(table, text, start, end);
}

/**
 * The piece at `s`, a non-ASCII BMP character of class `cls`, when it is a word of one of the two
 * simple shapes below, or punctuation or a space leading one (CJK text puts "，" before its words);
 * else -1.
 */
function bmpWordEnd(table: Uint8Array, text: string, s: number, end: number, cls: number): number {
  if (cls === UPPER || cls === LOWER) return casedWordEnd(table, text, s, end);
  if (cls === OTHER_LETTER) return otherLettersEnd(table, text, s, end);
  if ((cls === OTHER || cls === SPACE) && (text.charCodeAt(s) & 0xf800) !== 0xd800 && s + 1 < end) {
    const next = table[text.charCodeAt(s + 1)]!;
    if (next === UPPER || next === LOWER) return casedWordEnd(table, text, s + 1, end);
    if (next === OTHER_LETTER) return otherLettersEnd(table, text, s + 1, end);
  }
  return -1;
}

/**
 * A word of upper- then lower-case letters at `s` (a cased letter): `[A-Z]*[a-z]+` or `[A-Z]+[a-z]*`,
 * through any cased BMP letters (Lu and Lt lead as A–Z do, Ll follows as a–z does).
 */
function casedWordEnd(table: Uint8Array, text: string, s: number, end: number): number {
  let k = s;
  while (k < end && table[text.charCodeAt(k)] === UPPER) k++;
  while (k < end && table[text.charCodeAt(k)] === LOWER) k++;
  return wordEndsAt(table, text, k, end, true);
}

/**
 * A word of other letters (Lo, Lm: CJK, Thai, Arabic…) and marks at `s` (an other letter): the
 * characters are in both of the pattern's letter classes, so the word is the whole run.
 */
function otherLettersEnd(table: Uint8Array, text: string, s: number, end: number): number {
  let k = s + 1;
  for (; k < end; k++) {
    const unit = text.charCodeAt(k);
    if (unit - CJK_IDEOGRAPHS_FIRST < CJK_IDEOGRAPHS_COUNT && unit >= CJK_IDEOGRAPHS_FIRST) continue;
    if (((1 << table[unit]!) & OTHER_LETTER_OR_MARK) === 0) break;
  }
  return wordEndsAt(table, text, k, end, false);
}

/**
 * The end of a piece whose letters run to `k`: `k`, or past a contraction there; -1 when the
 * character at `k` could continue the word under the general rules (a letter of another class, a
 * mark, half of an astral character). `casedEnds`: a cased letter at `k` ends a cased word.
 */
function wordEndsAt(table: Uint8Array, text: string, k: number, end: number, casedEnds: boolean): number {
  if (k === end) return k;
  const unit = text.charCodeAt(k);
  if (unit === 39) {
    const contraction = contractionEnd(text, k, end, true);
    return contraction > 0 ? contraction : k;
  }
  return wordEndsBefore(table, unit, k, casedEnds);
}

/** `wordEndsAt` where the character at `k` is `unit`, not an apostrophe. */
function wordEndsBefore(table: Uint8Array, unit: number, k: number, casedEnds: boolean): number {
  if (unit < 0x80) return casedEnds || ((1 << table[unit]!) & LETTER_SET) === 0 ? k : -1;
  if ((unit & 0xf800) === 0xd800) return -1;
  const cls = table[unit]!;
  if (cls === OTHER_LETTER || cls === MARK) return -1;
  if (cls === UPPER || cls === LOWER) return casedEnds ? k : -1;
  return k;
}

/**
 * `bmpWordEnd` over a copy of the units (the encode loop's wide mode), for the piece at `s`, which
 * may start with any character: the end of the piece when it is one of the two simple word shapes,
 * after perhaps a punctuation or space lead, and nothing past the word needs a closer look; else
 * -1, and the scanner decides. `end` is the end of the copy: a word that reaches it is handed over,
 * as the text may go on.
 */
export function wideWordO200k(table: Uint8Array, units: Uint16Array, s: number, end: number): number {
  let k = s;
  let cls = table[units[k]!]!;
  if (cls === OTHER || cls === SPACE) {
    if ((units[k]! & 0xf800) === 0xd800 || k + 1 >= end) return -1;
    cls = table[units[++k]!]!;
  }
  let casedEnds = true;
  if (cls === OTHER_LETTER) {
    casedEnds = false;
    k = wideRunEnd(table, units, k + 1, end, OTHER_LETTER_OR_MARK);
    if (k < 0) return -1;
  } else if (cls === UPPER || cls === LOWER) {
    while (k < end && table[units[k]!] === UPPER) k++;
    while (k < end && table[units[k]!] === LOWER) k++;
  } else {
    return -1;
  }
  if (k >= end) return -1;
  // A contraction after the word goes to the scanner.
  const unit = units[k]!;
  return unit === 39 ? -1 : wordEndsBefore(table, unit, k, casedEnds);
}
