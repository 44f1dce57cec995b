import { CLASS_MASK, LETTER_SET, MARK, NEWLINE, NUMBER, OTHER, SPACE, charClass, runAt } from './char-class.js';
import { DEEPSEEK_V3_STEPS } from '../encodings/split-rules.js';
import { compiledSequence, nextPieceFromSequence } from './split-rules-sequence.js';
import { PUNCTUATION_SYMBOL_RUNS } from './punctuation-symbols.generated.js';

/**
 * DeepSeek V3's pre-tokenizer: three Split steps (DEEPSEEK_V3_STEPS, src/encodings/split-rules.ts),
 * each run on the pieces of the one before, each keeping its matches and the text between them:
 *
 *   1. \p{N}{1,3}
 *   2. [一-龥぀-ゟ゠-ヿ]+         (CJK ideographs U+4E00–U+9FA5, hiragana, katakana)
 *   3. [!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~][A-Za-z]+ | [^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+
 *      | ?[\p{P}\p{S}]+[\r\n]* | \s*[\r\n]+ | \s+(?!\S) | \s+
 *
 * Pattern 3 sees each stretch between digits and CJK on its own, so a digit or CJK character is the
 * end of the text to it. The pieces of real text are decided here from a short look — digits in
 * threes, a run of ideographs and kana letters, words (after a space or another lead), punctuation
 * and symbols, whitespace — and the rest (a kana that is punctuation, a run of characters no
 * alternative takes, whitespace that starts outside ASCII before more whitespace: 0.02% of the
 * emoji corpus's pieces, none of the others') by the sequence interpreter over DEEPSEEK_V3_STEPS
 * (split-rules-sequence.ts). The wide loop cuts words from its copy of the units itself
 * (`wideWordDeepSeekV3`). test/split-rules.test.ts holds both to the interpreter at every position.
 * Each path reads the characters of its piece and at most two after it; the interpreter is linear.
 */
export function nextPieceDeepSeekV3(table: Uint8Array, text: string, start: number, end: number): number {
  const first = text.charCodeAt(start);
  // The commonest piece the loops leave: a space before a word whose first letter is below step
  // 2's characters (U+3040), as " слово" or " café".
  if (first === 32 && start + 1 < end) {
    const next = text.charCodeAt(start + 1);
    if (next < 0x3040 && ((1 << table[next]!) & WORD_SET) !== 0) return wordEnd(table, text, start + 2, end);
  }
  if (first < 0x80) {
    const piece = asciiPiece(table, text, start, end, first);
    if (piece >= 0) return piece;
  } else if (isDeepSeekIdeograph(first) || isKana(first)) {
    if (isDeepSeekIdeograph(first) || ((1 << table[first]!) & WORD_SET) !== 0) return cjkEnd(table, text, start + 1, end);
  } else {
    const piece = otherPiece(table, text, start, end);
    if (piece >= 0) return piece;
  }
  return nextPieceFromSequence(compiledSequence(DEEPSEEK_V3_STEPS), text, start, end);
}

/** \p{L} or \p{M}: what pattern 3's words are made of. */
const WORD_SET = LETTER_SET | (1 << MARK);

/**
 * The piece at an ASCII character, or -1: digits; a word; a punctuation mark before ASCII letters;
 * a run of punctuation with the line breaks after it (a space before it); a character that leads a
 * word or matches nothing; the whitespace alternatives, to which a digit or a character of step 2
 * after the run is the end of the text.
 */
function asciiPiece(table: Uint8Array, text: string, start: number, end: number, first: number): number {
  const cls = table[first]!;
  if (cls === NUMBER) return threeNumbersEnd(table, text, start, end);
  if (isAsciiLetter(first)) return wordEnd(table, text, start + 1, end);
  const next = start + 1 < end ? text.charCodeAt(start + 1) : -1;
  if (isAsciiPunctuation(first)) return isAsciiLetter(next) ? asciiLettersEnd(text, start + 2, end) : punctuationEnd(table, text, start + 1, end);
  if (cls !== SPACE && cls !== NEWLINE) return leadEnd(table, text, start + 1, end, true);
  // A space before punctuation: ` ?[\p{P}\p{S}]+[\r\n]*`
  if (first === 32 && next >= 0 && !isKana(next)) {
    const nextCls = charClass(table, text, start + 1, end) & CLASS_MASK;
    if (nextCls === OTHER && isPunctuationOrSymbol(text, start + 1, end)) return punctuationEnd(table, text, start + 2, end);
  }
  if (cls === SPACE) {
    const piece = leadEnd(table, text, start + 1, end, false);
    if (piece >= 0) return piece;
  }
  // \s*[\r\n]+|\s+(?!\S)|\s+ (whitespace is all in the BMP, so k - 1 is a character boundary)
  let k = start;
  let afterBreak = -1;
  for (; k < end; k++) {
    const unit = text.charCodeAt(k);
    if (unit === 10 || unit === 13) afterBreak = k + 1;
    else if (table[unit] !== SPACE) break;
  }
  if (afterBreak >= 0) return afterBreak;
  if (k === end || isBarrier(table, text, k, end)) return k;
  return k - start >= 2 ? k - 1 : k;
}

/**
 * The piece at a character outside ASCII and step 2's, or -1: a word; digits; a run of
 * punctuation; a character that leads a word or matches nothing.
 */
function otherPiece(table: Uint8Array, text: string, start: number, end: number): number {
  const c = charClass(table, text, start, end);
  const cls = c & CLASS_MASK;
  const next = start + 1 + ((c >> 3) & 1);
  if (((1 << cls) & WORD_SET) !== 0) return wordEnd(table, text, next, end);
  if (cls === NUMBER) return threeNumbersEnd(table, text, start, end);
  if (cls === OTHER && isPunctuationOrSymbol(text, start, end)) return punctuationEnd(table, text, next, end);
  return leadEnd(table, text, next, end, cls === OTHER);
}

/**
 * After a character that is no letter, mark, punctuation, symbol, digit, \r or \n (ending at
 * `next`): the word it leads (`[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+`), or else where the piece
 * ends when the next character decides it — the text's end (or a digit or character of step 2)
 * ends either; after whitespace (`\s+`) any other character but whitespace does; after a character
 * that matches nothing (`unmatched`), punctuation or whitespace, which start a match. -1 otherwise.
 */
function leadEnd(table: Uint8Array, text: string, next: number, end: number, unmatched: boolean): number {
  if (next >= end || isBarrier(table, text, next, end)) return next;
  const c = charClass(table, text, next, end);
  const cls = c & CLASS_MASK;
  if (((1 << cls) & WORD_SET) !== 0) return wordEnd(table, text, next + 1 + ((c >> 3) & 1), end);
  const white = cls === SPACE || cls === NEWLINE;
  if (!unmatched) return white ? -1 : next;
  return white || isPunctuationOrSymbol(text, next, end) ? next : -1;
}

/** Whether the character at `i` ends pattern 3's text: a digit, or a character of step 2. */
function isBarrier(table: Uint8Array, text: string, i: number, end: number): boolean {
  const unit = text.charCodeAt(i);
  return isKana(unit) || isDeepSeekIdeograph(unit) || (charClass(table, text, i, end) & CLASS_MASK) === NUMBER;
}

/** [\p{L}\p{M}]+ from `i`, stopping at a CJK character of step 2 (a letter, but the end of pattern 3's text). */
function wordEnd(table: Uint8Array, text: string, i: number, end: number): number {
  while (i < end) {
    const unit = text.charCodeAt(i);
    if (unit < 0x3040) {
      // Below step 2's characters and the surrogates: the table alone.
      if (((1 << table[unit]!) & WORD_SET) === 0) break;
      i++;
      continue;
    }
    if (isKana(unit) || isDeepSeekIdeograph(unit)) break;
    const c = charClass(table, text, i, end);
    if (((1 << (c & CLASS_MASK)) & WORD_SET) === 0) break;
    i += 1 + ((c >> 3) & 1);
  }
  return i;
}

/**
 * A word cut from a copy of the units (the encode loop's wide mode), perhaps after one lead
 * character — `[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+` — or -1 when the scanner must decide: a lead
 * that is \r, \n, punctuation or a symbol (a mark before ASCII letters, a run of punctuation), a
 * digit or a character of step 2 (the end of pattern 3's text), no letter or mark after the lead,
 * half of an astral character where the word could go on, or the end of the copy, `end` (the text
 * may go on).
 */
export function wideWordDeepSeekV3(table: Uint8Array, units: Uint16Array, s: number, end: number): number {
  let k = s;
  if (!isWordUnit(table, units[k]!)) {
    const unit = units[k]!;
    const cls = table[unit]!;
    if (cls === NEWLINE || cls === NUMBER || unit >= 0x3040 || k + 1 >= end || isPunctuationUnit(unit)) return -1;
    if (!isWordUnit(table, units[++k]!)) return -1;
  }
  for (k++; k < end; k++) if (!isWordUnit(table, units[k]!)) break;
  return k >= end || (units[k]! & 0xf800) === 0xd800 ? -1 : k;
}

/** Whether a BMP unit is \p{L} or \p{M} and not a character of step 2 (nor half of an astral one). */
function isWordUnit(table: Uint8Array, unit: number): boolean {
  if (unit >= 0x3040 && (isKana(unit) || isDeepSeekIdeograph(unit) || (unit & 0xf800) === 0xd800)) return false;
  return ((1 << table[unit]!) & WORD_SET) !== 0;
}

/** A run of step 2's ideographs and kana letters and marks, which pattern 3 leaves whole. */
function cjkEnd(table: Uint8Array, text: string, i: number, end: number): number {
  for (; i < end; i++) {
    const unit = text.charCodeAt(i);
    if (!isDeepSeekIdeograph(unit) && !(isKana(unit) && ((1 << table[unit]!) & WORD_SET) !== 0)) break;
  }
  return i;
}

function threeNumbersEnd(table: Uint8Array, text: string, i: number, end: number): number {
  for (let taken = 0; taken < 3 && i < end; taken++) {
    const c = charClass(table, text, i, end);
    if ((c & CLASS_MASK) !== NUMBER) break;
    i += 1 + ((c >> 3) & 1);
  }
  return i;
}

function asciiLettersEnd(text: string, i: number, end: number): number {
  while (i < end && isAsciiLetter(text.charCodeAt(i))) i++;
  return i;
}

/**
 * `[\p{P}\p{S}]+[\r\n]*` after the punctuation or symbol before `i`: the run stops at a digit or a
 * character of step 2 (a kana mark or symbol is punctuation, but the end of pattern 3's text).
 */
function punctuationEnd(table: Uint8Array, text: string, i: number, end: number): number {
  while (i < end) {
    const unit = text.charCodeAt(i);
    if (isKana(unit) || !isPunctuationOrSymbol(text, i, end)) break;
    const c = charClass(table, text, i, end);
    if ((c & CLASS_MASK) === NUMBER) break;
    i += 1 + ((c >> 3) & 1);
  }
  while (i < end && (text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13)) i++;
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
  const lo = runAt(astralStarts, codePoint);
  return astralStarts.length > 0 && astralStarts[lo]! <= codePoint && codePoint < astralEnds[lo]!;
}

/** Whether a BMP unit below the surrogates is \p{P} or \p{S}. */
function isPunctuationUnit(unit: number): boolean {
  return (bmpPunctuation ?? punctuationTable())[unit] === 1;
}

/** Whether the character at `i` (before `end`) is \p{P} or \p{S}. */
function isPunctuationOrSymbol(text: string, i: number, end: number): boolean {
  const table = bmpPunctuation ?? punctuationTable();
  const unit = text.charCodeAt(i);
  if ((unit & 0xf800) === 0xd800) {
    // A pair is looked up as one character; a lone surrogate is encoded as U+FFFD, a symbol (So).
    const low = i + 1 < end ? text.charCodeAt(i + 1) : 0;
    if (unit < 0xdc00 && (low & 0xfc00) === 0xdc00) return isAstralPunctuation(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00));
    return true;
  }
  return table[unit] === 1;
}
