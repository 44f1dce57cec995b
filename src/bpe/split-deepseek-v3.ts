import { CLASS_MASK, LETTER_SET, MARK, NEWLINE, NUMBER, WHITESPACE_SET, charClass, skipClasses } from './char-class.js';
import { PUNCTUATION_SYMBOL_RUNS } from './punctuation-symbols.generated.js';

/**
 * DeepSeek V3's pre-tokenizer: three Split steps, each run on the pieces of the one before, each
 * keeping its matches and the text between them as pieces:
 *
 *   1. \p{N}{1,3}
 *   2. [一-龥぀-ゟ゠-ヿ]+         (CJK ideographs U+4E00–U+9FA5, hiragana, katakana)
 *   3. [!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~][A-Za-z]+ | [^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+
 *      | ?[\p{P}\p{S}]+[\r\n]* | \s*[\r\n]+ | \s+(?!\S) | \s+
 *
 * Composed, the pieces are: runs of digits cut into threes from the start of the run; runs of the
 * CJK characters of step 2; and, between those, the pieces of pattern 3 with the text between its
 * matches. Pattern 3 sees each stretch between digits and CJK on its own, so a digit or CJK
 * character is the end of the text to it (a run of spaces before one is all one piece). The scanner
 * below reads a "barrier" (a digit or CJK character, or `end`) where pattern 3 would see the end.
 *
 * Linear: each call reads the characters of the piece it returns and at most two after it.
 */
export function nextPieceDeepSeekV3(table: Uint8Array, text: string, start: number, end: number): number {
  const c0 = charClass(table, text, start, end);
  const cls0 = c0 & CLASS_MASK;
  if (cls0 === NUMBER) return skipThreeNumbers(table, text, start, end);
  const first = text.charCodeAt(start);
  if (isKana(first) || isDeepSeekIdeograph(first)) return skipCjk(text, start, end);
  const width0 = 1 + ((c0 >> 3) & 1);
  const next = start + width0;
  const k1 = kindAt(table, text, next, end);
  // [!"#…~][A-Za-z]+
  if (isAsciiPunctuation(first) && next < end && isAsciiLetter(text.charCodeAt(next))) return skipAsciiLetters(text, next + 1, end);
  const k0 = kindOf(text, start, cls0);
  // [^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+
  if (k0 === WORD) return skipWord(table, text, next, end);
  if (k0 !== PUNCT && cls0 !== NEWLINE && k1 === WORD) return skipWord(table, text, next + widthAt(table, text, next, end), end);
  // ` ?[\p{P}\p{S}]+[\r\n]*`
  if (k0 === PUNCT || (first === 32 && k1 === PUNCT)) {
    let k = first === 32 ? next : start;
    while (k < end && kindAt(table, text, k, end) === PUNCT) k += widthAt(table, text, k, end);
    while (k < end && (text.charCodeAt(k) === 10 || text.charCodeAt(k) === 13)) k++;
    return k;
  }
  if (k0 === WHITE) return whitespaceEnd(table, text, start, end);
  // Nothing of pattern 3 matches here: the piece is the text up to where something does (or a barrier).
  let k = next;
  let kind = k1;
  while (k < end && kind === UNMATCHED) {
    const after = k + widthAt(table, text, k, end);
    if (kindAt(table, text, after, end) === WORD) break; // [^…]?[\p{L}\p{M}]+ starts at k
    k = after;
    kind = kindAt(table, text, k, end);
  }
  return k;
}

// What pattern 3 makes of a character.
const WORD = 0; // \p{L} or \p{M}
const PUNCT = 1; // \p{P} or \p{S}
const WHITE = 2; // \s
const UNMATCHED = 3; // anything else of step 3's text: controls, format characters, unassigned, private use
const BARRIER = 4; // a digit or a CJK character of step 2, or the end: pattern 3's end of text

function kindOf(text: string, i: number, cls: number): number {
  if (((1 << cls) & LETTER_SET) !== 0 || cls === MARK) return WORD;
  if (((1 << cls) & WHITESPACE_SET) !== 0) return WHITE;
  if (cls === NUMBER) return BARRIER;
  return isPunctuationOrSymbol(text, i) ? PUNCT : UNMATCHED;
}

function kindAt(table: Uint8Array, text: string, i: number, end: number): number {
  if (i >= end) return BARRIER;
  const unit = text.charCodeAt(i);
  if (isKana(unit) || isDeepSeekIdeograph(unit)) return BARRIER;
  return kindOf(text, i, charClass(table, text, i, end) & CLASS_MASK);
}

function widthAt(table: Uint8Array, text: string, i: number, end: number): number {
  return 1 + ((charClass(table, text, i, end) >> 3) & 1);
}

/** [\p{L}\p{M}]+ from `i`, stopping at a CJK character of step 2 (a letter, but a barrier). */
function skipWord(table: Uint8Array, text: string, i: number, end: number): number {
  while (i < end) {
    const unit = text.charCodeAt(i);
    if (isKana(unit) || isDeepSeekIdeograph(unit)) break;
    const c = charClass(table, text, i, end);
    const cls = c & CLASS_MASK;
    if (((1 << cls) & LETTER_SET) === 0 && cls !== MARK) break;
    i += 1 + ((c >> 3) & 1);
  }
  return i;
}

/** `\s*[\r\n]+|\s+(?!\S)|\s+` from `start`, where a barrier is the end of the text. */
function whitespaceEnd(table: Uint8Array, text: string, start: number, end: number): number {
  const runEnd = skipClasses(table, text, start, end, WHITESPACE_SET);
  for (let k = runEnd - 1; k >= start; k--) {
    const unit = text.charCodeAt(k);
    if (unit === 10 || unit === 13) return k + 1;
  }
  if (kindAt(table, text, runEnd, end) === BARRIER) return runEnd;
  // Whitespace characters are all in the BMP, so runEnd - 1 is a character boundary.
  return runEnd - start >= 2 ? runEnd - 1 : runEnd;
}

function skipThreeNumbers(table: Uint8Array, text: string, i: number, end: number): number {
  for (let taken = 0; taken < 3 && i < end; taken++) {
    const c = charClass(table, text, i, end);
    if ((c & CLASS_MASK) !== NUMBER) break;
    i += 1 + ((c >> 3) & 1);
  }
  return i;
}

function skipCjk(text: string, i: number, end: number): number {
  while (i < end) {
    const unit = text.charCodeAt(i);
    if (!isKana(unit) && !isDeepSeekIdeograph(unit)) break;
    i++;
  }
  return i;
}

function skipAsciiLetters(text: string, i: number, end: number): number {
  while (i < end && isAsciiLetter(text.charCodeAt(i))) i++;
  return i;
}

/** The characters of [!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]: ASCII's punctuation and symbols. */
function isAsciiPunctuation(unit: number): boolean {
  return (unit >= 33 && unit <= 47) || (unit >= 58 && unit <= 64) || (unit >= 91 && unit <= 96) || (unit >= 123 && unit <= 126);
}

function isAsciiLetter(unit: number): boolean {
  return (((unit | 0x20) - 97) >>> 0) < 26;
}

/** Hiragana and katakana, U+3040–U+30FF. */
function isKana(unit: number): boolean {
  return unit >= 0x3040 && unit <= 0x30ff;
}

/** 一-龥: U+4E00–U+9FA5 (not the whole CJK Unified Ideographs block, which ends at U+9FFF). */
function isDeepSeekIdeograph(unit: number): boolean {
  return unit >= 0x4e00 && unit <= 0x9fa5;
}

/** \p{P} or \p{S} (as DeepSeek's regex engine has them, punctuation-symbols.generated.ts) for each BMP unit. */
let bmpPunctuation: Uint8Array | undefined;
/** Starts and ends of the runs above U+FFFF, for a binary search. */
let astralStarts: Int32Array;
let astralEnds: Int32Array;

function punctuationTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  for (let i = 0; i < PUNCTUATION_SYMBOL_RUNS.length; i += 2) {
    const start = at + PUNCTUATION_SYMBOL_RUNS[i]!;
    const end = start + PUNCTUATION_SYMBOL_RUNS[i + 1]!;
    if (start < 0x10000) table.fill(1, start, Math.min(end, 0x10000));
    if (end > 0x10000) {
      starts.push(Math.max(start, 0x10000));
      ends.push(end);
    }
    at = end;
  }
  astralStarts = Int32Array.from(starts);
  astralEnds = Int32Array.from(ends);
  return (bmpPunctuation = table);
}

function isAstralPunctuation(codePoint: number): boolean {
  let lo = 0;
  let hi = astralStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (astralStarts[mid]! <= codePoint) lo = mid;
    else hi = mid - 1;
  }
  return astralStarts.length > 0 && astralStarts[lo]! <= codePoint && codePoint < astralEnds[lo]!;
}

/** Whether the character at `i` (one the class table calls OTHER) is punctuation or a symbol. */
function isPunctuationOrSymbol(text: string, i: number): boolean {
  const table = bmpPunctuation ?? punctuationTable();
  const unit = text.charCodeAt(i);
  if ((unit & 0xf800) === 0xd800) {
    // A pair is looked up as one character; a lone surrogate is encoded as U+FFFD, a symbol (So).
    const low = text.charCodeAt(i + 1);
    if (unit < 0xdc00 && (low & 0xfc00) === 0xdc00) return isAstralPunctuation(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00));
    return true;
  }
  return table[unit] === 1;
}
