import {
  CLASS_MASK, LETTER_SET, LOWER, MARK, NEWLINE, NUMBER, OTHER, OTHER_LETTER, PUNCT_SET, SPACE, UPPER,
  charClass, contractionEnd, skipAsciiLetters, skipClasses, skipNumbers, whitespacePieceEnd,
} from './char-class.js';
import { asciiDigitsEnd, asciiPunctuationEnd, asciiWhitespaceEnd } from './ascii-pieces.js';

/** [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}] */
const CASED_START = (1 << UPPER) | (1 << OTHER_LETTER) | (1 << MARK);
/** [\p{Ll}\p{Lm}\p{Lo}\p{M}] */
const CASED_REST = (1 << LOWER) | (1 << OTHER_LETTER) | (1 << MARK);
/** [^\r\n\p{L}\p{N}]: what may lead a word */
const WORD_LEAD = PUNCT_SET | (1 << SPACE);

/**
 * `[CASED_START]*[CASED_REST]+` at `s` under backtracking: take the CASED_START run; if a lowercase
 * letter follows, extend through the CASED_REST run; otherwise give characters back to the last
 * one that is also in CASED_REST. -1 when nothing matches.
 */
function matchUpperThenLower(table: Uint8Array, text: string, s: number, end: number): number {
  let k = s;
  let lastRest = -1;
  while (k < end) {
    const c = charClass(table, text, k, end);
    const bit = 1 << (c & CLASS_MASK);
    if ((bit & CASED_START) === 0) break;
    k += 1 + ((c >> 3) & 1);
    if ((bit & CASED_REST) !== 0) lastRest = k;
  }
  if (k < end && (charClass(table, text, k, end) & CLASS_MASK) === LOWER) {
    return skipClasses(table, text, k, end, CASED_REST);
  }
  return lastRest;
}

/** `[CASED_START]+[CASED_REST]*` at `s`, or -1. */
function matchUpperRun(table: Uint8Array, text: string, s: number, end: number): number {
  const k = skipClasses(table, text, s, end, CASED_START);
  return k === s ? -1 : skipClasses(table, text, k, end, CASED_REST);
}

/**
 * The end of the piece starting at `start`, under the o200k_base split pattern (also o200k_harmony):
 *
 *   [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 *   |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 *   |\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
 *
 * The pattern is not possessive, so the scanner reproduces its backtracking: the optional lead
 * character is tried taken, then (for a combining mark, which is both a lead and a word character)
 * not taken, before the second word alternative.
 */
export function nextPieceO200k(table: Uint8Array, text: string, start: number, end: number): number {
  // The common English word first: an optional space, at most one capital, then lowercase ASCII
  // letters ended by ASCII other than an apostrophe.
  let i = start;
  if (text.charCodeAt(i) === 32) i++;
  let unit = i < end ? text.charCodeAt(i) : 0;
  if (unit >= 65 && unit <= 90) unit = ++i < end ? text.charCodeAt(i) : 0;
  if (unit >= 97 && unit <= 122) {
    const wordEnd = skipAsciiLetters(text, i + 1, end, false);
    if (wordEnd === end) return wordEnd;
    const after = text.charCodeAt(wordEnd);
    if (after < 0x80 && after !== 39) return wordEnd;
  }
  const first = text.charCodeAt(start);
  if (first < 0x80) {
    const piece = asciiPieceO200k(table, text, start, end, first);
    if (piece >= 0) return piece;
  }
  const c0 = charClass(table, text, start, end);
  const cls = c0 & CLASS_MASK;
  const bit = 1 << cls;
  let word = -1;
  if ((bit & LETTER_SET) !== 0) {
    word = matchUpperThenLower(table, text, start, end);
    if (word < 0) word = matchUpperRun(table, text, start, end);
  } else if ((bit & WORD_LEAD) !== 0) {
    const second = start + 1 + ((c0 >> 3) & 1);
    word = matchUpperThenLower(table, text, second, end);
    if (word < 0 && cls === MARK) word = matchUpperThenLower(table, text, start, end);
    if (word < 0) word = matchUpperRun(table, text, second, end);
  }
  if (word >= 0) {
    if (word < end && text.charCodeAt(word) === 39) {
      const contraction = contractionEnd(text, word, end, true);
      if (contraction > 0) return contraction;
    }
    return word;
  }
  if (cls === NUMBER) return skipNumbers(table, text, start, end);
  let runStart = -1;
  if ((bit & PUNCT_SET) !== 0) runStart = start;
  else if (text.charCodeAt(start) === 32 && start + 1 < end && ((1 << (charClass(table, text, start + 1, end) & CLASS_MASK)) & PUNCT_SET) !== 0) {
    runStart = start + 1;
  }
  if (runStart >= 0) {
    let k = skipClasses(table, text, runStart, end, PUNCT_SET);
    for (let unit = text.charCodeAt(k); k < end && (unit === 10 || unit === 13 || unit === 47); unit = text.charCodeAt(++k));
    return k;
  }
  return whitespacePieceEnd(table, text, start, end, true);
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
  if (cls === UPPER || cls === LOWER) return asciiWordEnd(table, text, start, end);
  if (cls === NUMBER) return asciiDigitsEnd(table, text, start, end);
  if (cls === NEWLINE) return asciiWhitespaceEnd(table, text, start, end);
  if (start + 1 >= end) return -1;
  const next = text.charCodeAt(start + 1);
  if (next >= 0x80) return -1;
  const nextCls = table[next]!;
  if (nextCls === UPPER || nextCls === LOWER) return asciiWordEnd(table, text, start + 1, end);
  if (cls === OTHER) return asciiPunctuationEnd(table, text, start, end, true);
  if (first === 32 && nextCls === OTHER) return asciiPunctuationEnd(table, text, start + 1, end, true);
  return asciiWhitespaceEnd(table, text, start, end);
}

/** The end of the ASCII word at `s` (a letter): upper case, then lower case, then a contraction; -1 if a non-ASCII character follows. */
function asciiWordEnd(table: Uint8Array, text: string, s: number, end: number): number {
  let k = s;
  while (k < end && table[text.charCodeAt(k)] === UPPER) k++;
  while (k < end && table[text.charCodeAt(k)] === LOWER) k++;
  if (k === end) return k;
  const after = text.charCodeAt(k);
  if (after >= 0x80) return -1;
  if (after === 39) {
    const contraction = contractionEnd(text, k, end, true);
    if (contraction > 0) return contraction;
  }
  return k;
}
