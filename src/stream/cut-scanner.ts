import { LETTER_SET, LOWER, MARK, NEWLINE, NUMBER, OTHER, OTHER_LETTER, SPACE, UPPER, astralClass, bmpClasses } from '../bpe/char-class.js';
import type { CutRules } from './cut-rules.js';
import { firstUtf8Byte, lastUtf8Byte, type VocabularySeams } from './vocabulary-seams.js';

/**
 * A character the scanner cannot place in a class: an invalid UTF-8 byte. It decodes to U+FFFD,
 * but how many of them a run of bad bytes gives depends on the decoder, so no cut is made beside it.
 */
export const UNKNOWN = 8;
/** Before the first character of a text: the start. */
const START = 9;
/** Before the first character of a cold scan: characters that exist but were not read. */
const UNSEEN = 10;

const KNOWN = 0xff; // the eight pattern classes of char-class.ts
const WHITESPACE = (1 << SPACE) | (1 << NEWLINE);
const NOT_WHITESPACE = KNOWN & ~WHITESPACE;
const NOT_LETTER = KNOWN & ~LETTER_SET;
const SPACE_OR_NUMBER = (1 << SPACE) | (1 << NUMBER);
/** What ends a word (a run of letters) under every pattern: punctuation, a digit, whitespace. */
const ENDS_A_WORD = (1 << OTHER) | (1 << NUMBER) | WHITESPACE;
/**
 * What may follow a punctuation character for the rest of its run, read on its own, to scan as
 * the same piece: not a letter or a mark, which that one character could lead as a word.
 */
const KEEPS_PUNCTUATION_TAIL = (1 << OTHER) | (1 << NUMBER) | WHITESPACE;

const APOSTROPHE = 39;
const SLASH = 47;
const SPACE_CHAR = 32;

/** Where a scan begins: at the start of a text (or at a safe cut, which is as good), or cold, anywhere. */
export type ScanStart = 'start' | 'cold';

/**
 * Which cuts a driver wants from the characters it may skip: none (they come before the offset a
 * file search starts from), the first (a file search), or the last (the counter, which also needs
 * every stretch between cuts measured).
 */
export type WantedCuts = 'none' | 'first' | 'last';

/**
 * Skipped characters go six at a time: a multiple of 2 and of 3 leaves the parity of a run and
 * its digits' place in their threes as they were, so every later decision is the one that
 * reading them would have given.
 */
export const SKIP_STEP = 6;

/** A run length no run reaches in a 32-bit count: the run is not offered to `runSkip` again. */
export const NEVER = 0x3fffffff;

/**
 * Finds the places where a text can be cut without changing its token count: `count(A + B) ===
 * count(A) + count(B)` for the text A before the cut and any text B after it. Characters are fed
 * in order, one code point at a time (`push`, or `scanText` for a string), and whether the place
 * between two characters is a cut is decided once the character after them has arrived.
 *
 * The rules in short, each a consequence of the split patterns or of the vocabulary (CUTS.md has
 * all of them in a table with the reasoning; test/adversarial/letterless-cuts.test.ts checks each
 * against tiktoken):
 * - after a letter, before punctuation, whitespace or a digit (an apostrophe only where no
 *   contraction can follow); o200k also between a lower- and an upper-case letter;
 * - after a digit, before anything but a digit; inside a run of digits every third digit from the
 *   run's start (cl100k, o200k);
 * - after punctuation, before whitespace or a digit; before a letter when the punctuation is a run
 *   of two or more or follows a space; gpt2 also before a letter or a line break;
 * - after the last line break of a whitespace run (cl100k, o200k); before the last character of a
 *   whitespace run of two or more;
 * - inside a run of punctuation where the vocabulary has no token that crosses the place (see
 *   vocabulary-seams.ts), which cuts emoji and, in pairs, NUL.
 * A scan that starts cold (from the middle of a file) makes only the cuts that do not depend on
 * what came before it, until it has seen enough.
 *
 * Why a scanner fed in order and not a search backwards from the end of the text: the digit and
 * pair rules need the start of a run, which can be megabytes back, and a search that reads them
 * again each time it is asked is quadratic; the scanner reads every character once.
 */
export class CutScanner {
  readonly #rules: CutRules;
  readonly #gpt2: boolean;
  readonly #o200k: boolean;
  readonly #deepseek: boolean;
  readonly #digitsInThrees: boolean;
  readonly #marksArePunctuation: boolean;
  #seams: VocabularySeams | undefined;

  // The last three characters, c a b, code points and classes; the place decided next is between a
  // and b, at `#bAt`, once the character after b arrives.
  #c = -1;
  #cClass = START;
  #a = -1;
  #aClass = START;
  #b = -1;
  #bClass = START;
  #bAt = 0;
  /** Digits before b in its run, from the run's start or the last restart; -1 when not known. */
  #digits = 0;
  /** How many characters equal to b come right before it. */
  #runLength = 0;
  /** How far the last skip moved on: the place of the next decision is b's plus this. */
  #shift = 0;
  /** The character before b's run of equal characters, and its class. */
  #origin = -1;
  #originClass = START;

  #lastCut = 0;
  #longestGap = 0;
  #longestGapAt = 0;
  #scannedTo = 0;
  #examined = 0;

  constructor(rules: CutRules, start: ScanStart, at: number) {
    this.#rules = rules;
    this.#gpt2 = rules.family === 'gpt2';
    this.#o200k = rules.family === 'o200k';
    this.#deepseek = rules.family === 'deepseek';
    this.#digitsInThrees = rules.digitsInThrees;
    this.#marksArePunctuation = rules.marksArePunctuation;
    this.restart(start, at);
  }

  /** Begins again at position `at`, at the start of a text (or a safe cut) or cold. */
  restart(start: ScanStart, at: number): void {
    const before = start === 'start' ? START : UNSEEN;
    this.#c = this.#a = this.#b = -1;
    this.#cClass = this.#aClass = this.#bClass = before;
    this.#digits = 0;
    this.#runLength = 0;
    this.#origin = -1;
    this.#originClass = before;
    this.#lastCut = at;
    this.#shift = 0;
    this.#longestGap = 0;
    this.#longestGapAt = at;
    this.#scannedTo = at;
  }

  /** The position after the last character fed. */
  get scannedTo(): number {
    return this.#scannedTo;
  }

  /** The last cut found, or the position of the last restart. */
  get lastCut(): number {
    return this.#lastCut;
  }

  /** The longest stretch between two cuts found since the last restart (the text after the last cut not included), and where it starts. */
  get longestGap(): { readonly length: number; readonly at: number } {
    return { length: this.#longestGap, at: this.#longestGapAt };
  }

  /** UTF-16 units read by `scanText` since the scanner was made, for the tests' bounds on work. */
  get examined(): number {
    return this.#examined;
  }

  /**
   * Whether what came before the cold start no longer matters: the digit run and the run of equal
   * characters the scan started in have ended and two characters have been read since.
   */
  get settled(): boolean {
    return this.#digits >= 0 && this.#originClass !== UNSEEN && this.#cClass !== UNSEEN;
  }

  /**
   * Feeds the character `cp` of class `cls` (a class of char-class.ts, marks included, or UNKNOWN),
   * which starts at position `at` and ends at `end`. Returns the position of the cut it decides (the
   * start of the character before it), or -1.
   */
  push(cp: number, cls: number, at: number, end: number): number {
    if (cls === MARK && this.#marksArePunctuation) cls = OTHER;
    // After a skip over a run with cuts, the first decision is about b's place before the skip and
    // stands for the place as far past it as the skip was long, the last one skipped.
    let cut = this.#isCut(cp, cls) ? this.#bAt + this.#shift : -1;
    this.#shift = 0;
    if (cut <= this.#lastCut) cut = -1;
    const b = this.#b;
    const bClass = this.#bClass;
    if (bClass === NUMBER) {
      if (this.#digits >= 0) this.#digits++;
    } else {
      this.#digits = bClass === UNSEEN ? -1 : 0;
    }
    if (cp === b) {
      this.#runLength++;
    } else {
      this.#runLength = 0;
      this.#origin = b;
      this.#originClass = bClass;
    }
    this.#c = this.#a;
    this.#cClass = this.#aClass;
    this.#a = b;
    this.#aClass = bClass;
    this.#b = cp;
    this.#bClass = cls;
    this.#bAt = at;
    this.#scannedTo = end;
    if (cut >= 0) {
      if (cut - this.#lastCut > this.#longestGap) {
        this.#longestGap = cut - this.#lastCut;
        this.#longestGapAt = this.#lastCut;
      }
      this.#lastCut = cut;
    }
    return cut;
  }

  /**
   * Feeds `text[from, to)`, whose position 0 is `base`, and returns the last cut it finds (with
   * `first`, the first, and stops there), or -1. A lone surrogate is U+FFFD, as tiktoken encodes
   * it; so the text must not end at `to` with the first half of a pair whose second half follows.
   */
  scanText(text: string, from: number, to: number, base: number, first: boolean): number {
    const classes = bmpClasses();
    let found = -1;
    let i = from;
    let previous = -1;
    let same = 0; // characters in a row equal to the last
    let digits = 0; // ASCII digits in a row
    let offerAt = 3; // the length of run at which to offer it to runSkip next
    while (i < to) {
      let cp = text.charCodeAt(i);
      let width = 1;
      let cls: number;
      if ((cp & 0xf800) !== 0xd800) {
        cls = classes[cp]!;
      } else if (cp < 0xdc00 && i + 1 < to && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00);
        cls = astralClass(cp);
        width = 2;
      } else {
        cp = 0xfffd;
        cls = OTHER;
      }
      const cut = this.push(cp, cls, base + i, base + i + width);
      i += width;
      if (cut >= 0) {
        found = cut;
        if (first) break;
      }
      same = cp === previous ? same + 1 : 1;
      digits = isAsciiDigit(cp) ? digits + 1 : 0;
      if (same === 1 && digits <= 1) offerAt = 3; // a new run
      previous = cp;
      const run = same >= 3 ? same : digits;
      if (run >= offerAt && width === 1) {
        let j = i;
        if (same >= 3) while (j < to && text.charCodeAt(j) === cp) j++;
        else while (j < to && isAsciiDigit(text.charCodeAt(j))) j++;
        const lastCut = this.#lastCut;
        const skip = this.runSkip(run, j - i, first ? 'first' : 'last');
        i += Math.max(skip, 0);
        if (this.#lastCut !== lastCut) found = this.#lastCut; // moved on over the cuts skipped
        offerAt = skip < 0 ? NEVER : run + SKIP_STEP;
      }
    }
    this.#examined += i - from;
    return found;
  }

  /**
   * Called when the last `runSoFar` characters fed (three or more, ending with b) are one run —
   * equal characters, or ASCII digits — and `ahead` more of the run follow: how many of those the
   * driver may skip: a multiple of SKIP_STEP that leaves at least three to feed; 0 when `ahead` is
   * too few to skip now; -1 when this run may not be skipped at all.
   *
   * In a run where no cut can come (letters, whitespace, marks; punctuation the vocabulary joins
   * that does not pair up from a known start; digits whose place in their threes is not known, or
   * does not matter under gpt2) skipping changes nothing. In a run with cuts (every character,
   * every second or every third) a skip passes over cuts: wanted 'none', that is the point; wanted
   * 'first', it is not allowed; wanted 'last', the last cut moves on by the skip — to the cut made by
   * the same decision that far into the run — provided the last cut was made inside the run, so
   * that no stretch between cuts grows.
   */
  runSkip(runSoFar: number, ahead: number, wanted: WantedCuts): number {
    if (!this.#inRun()) return -1;
    const skip = Math.max(0, Math.floor((ahead - 3) / SKIP_STEP) * SKIP_STEP);
    if (wanted === 'none' || this.#runIsQuiet()) return skip;
    if (wanted === 'first') return -1;
    // The last cut's decision read c a b d at lastCut - 2 … lastCut + 1: all in the run, and recent
    // (or not yet: ask again a little further on).
    const runStart = this.#bAt - (runSoFar - 1);
    if (this.#lastCut - 2 < runStart || this.#lastCut < this.#bAt - SKIP_STEP) return 0;
    this.#lastCut += skip;
    this.#shift = skip;
    return skip;
  }

  /** Whether c a b are one run: three equal characters, or three ASCII digits. */
  #inRun(): boolean {
    const b = this.#b;
    return (this.#c === b && this.#a === b && b >= 0) || (isAsciiDigit(this.#c) && isAsciiDigit(this.#a) && isAsciiDigit(b));
  }

  /** Whether more characters of the run c a b is in can make no cut. */
  #runIsQuiet(): boolean {
    const b = this.#b;
    if (this.#c !== b || this.#a !== b) return !this.#digitsInThrees || this.#digits < 0; // ASCII digits, not all equal
    switch (this.#bClass) {
      case NUMBER:
        return !this.#digitsInThrees || this.#digits < 0;
      case OTHER: {
        if (this.#deepseek) return true; // no cut inside a run of punctuation under deepseek
        const seams = (this.#seams ??= this.#rules.seams());
        if (seams.joined[(lastUtf8Byte(b) << 8) | firstUtf8Byte(b)] === 0) return false;
        return !(b < 128 && seams.pairsUp[b] === 1 && this.#runStartsClean(seams));
      }
      default:
        return true; // letters, marks, whitespace, UNKNOWN: no rule cuts between two equal ones
    }
  }

  /** Whether the place between a and b is a cut, now that d, the character after b, is known. */
  #isCut(d: number, dClass: number): boolean {
    if (this.#deepseek) return this.#isCutDeepSeek(d, dClass);
    const b = this.#b;
    const bClass = this.#bClass;
    const bBit = 1 << bClass;
    switch (this.#aClass) {
      case UPPER:
      case LOWER:
      case OTHER_LETTER:
        // A word ends at punctuation, a digit or whitespace; o200k takes "'s", "'ll"… into it.
        if ((bBit & ENDS_A_WORD) !== 0) return b !== APOSTROPHE || !this.#o200k || ((1 << dClass) & NOT_LETTER) !== 0;
        // o200k's words are [upper]*[lower]+ or [upper]+[lower]*: a lower-case letter ends one before
        // an upper-case one, unless both are in a contraction ("'rE", "'lL").
        return this.#o200k && this.#aClass === LOWER && bClass === UPPER && this.#c !== APOSTROPHE;
      case NUMBER:
        if (bClass === NUMBER) return this.#digitsInThrees && this.#digits >= 0 && this.#digits % 3 === 0;
        return (bBit & KNOWN) !== 0;
      case OTHER:
        return this.#isCutAfterPunctuation(dClass);
      case MARK:
        // o200k only (elsewhere a mark is punctuation): the mark ends a word or a punctuation piece.
        return (bBit & SPACE_OR_NUMBER) !== 0;
      case SPACE:
        if (this.#gpt2) return this.#isCutAfterWhitespaceGpt2(dClass);
        // Before the last space of a run with no line break after a, which \s+(?!\S) leaves.
        return bClass === SPACE && ((1 << dClass) & NOT_WHITESPACE) !== 0;
      case NEWLINE:
        if (this.#gpt2) return this.#isCutAfterWhitespaceGpt2(dClass);
        // After the last line break of a run: \s*[\r\n]+ (or punctuation's [\r\n]*) ends there,
        // unless o200k's [\r\n/]* takes a slash.
        if ((bBit & NOT_WHITESPACE) !== 0) return !(this.#o200k && b === SLASH);
        return bClass === SPACE && ((1 << dClass) & NOT_WHITESPACE) !== 0;
      default:
        return false;
    }
  }

  /**
   * deepseek_v3 (split-deepseek-v3.ts), whose pieces never cross these places, so merging never
   * does either: the edges of a run of digits (cut in threes from its start, as cl100k's) and of a
   * run of its CJK characters, which end a stretch of the third pattern as the end of the text
   * would; before a space that leads a word (a letter or mark, then " ", then a letter or mark that
   * is no CJK character); after the last line break of a run, before what is not whitespace. Runs
   * of punctuation, whitespace and letters are not cut.
   */
  #isCutDeepSeek(d: number, dClass: number): boolean {
    const a = this.#a;
    const b = this.#b;
    const aClass = this.#aClass;
    const bClass = this.#bClass;
    const aBit = 1 << aClass;
    const bBit = 1 << bClass;
    if ((aBit & KNOWN) === 0 || (bBit & KNOWN) === 0) return false;
    if (aClass === NUMBER) return bClass === NUMBER ? this.#digits >= 0 && this.#digits % 3 === 0 : true;
    if (bClass === NUMBER) return true;
    if (isDeepSeekCjk(a) !== isDeepSeekCjk(b)) return true;
    const wordOrMark = LETTER_SET | (1 << MARK);
    if (b === SPACE_CHAR && (aBit & wordOrMark) !== 0) return ((1 << dClass) & wordOrMark) !== 0 && !isDeepSeekCjk(d);
    return aClass === NEWLINE && (bBit & NOT_WHITESPACE) !== 0;
  }

  /** a is punctuation: ` ?[^\s\p{L}\p{N}]+` (cl100k and o200k add `[\r\n]*`, o200k `[\r\n/]*`). */
  #isCutAfterPunctuation(dClass: number): boolean {
    const b = this.#b;
    const bClass = this.#bClass;
    const bBit = 1 << bClass;
    if ((bBit & SPACE_OR_NUMBER) !== 0) return true;
    // One punctuation character (not after a space) leads a word under cl100k and o200k, and an
    // apostrophe that starts a piece starts a contraction. Two in a row are one piece, unless the
    // first is a slash that o200k's [\r\n/]* took after line breaks.
    if ((bBit & LETTER_SET) !== 0) {
      if (this.#gpt2 && this.#a !== APOSTROPHE) return true;
      return (this.#cClass === OTHER && !(this.#o200k && this.#c === SLASH)) || this.#c === SPACE_CHAR;
    }
    if (bClass === NEWLINE) return this.#gpt2;
    if (bClass !== OTHER || b === APOSTROPHE || ((1 << dClass) & KEEPS_PUNCTUATION_TAIL) === 0) return false;
    // Inside a run of punctuation: a cut only where byte-pair merging cannot cross.
    const seams = (this.#seams ??= this.#rules.seams());
    const a = this.#a;
    if (seams.joined[(lastUtf8Byte(a) << 8) | firstUtf8Byte(b)] === 0) return true;
    return a === b && (this.#runLength & 1) === 0 && a < 128 && seams.pairsUp[a] === 1 && this.#runStartsClean(seams);
  }

  /** gpt2, a is whitespace: `\s+(?!\S)|\s+`, and a space leads the piece after it. */
  #isCutAfterWhitespaceGpt2(dClass: number): boolean {
    const bBit = 1 << this.#bClass;
    // Before the last character of a run of two or more, which \s+(?!\S) leaves.
    if ((bBit & WHITESPACE) !== 0) return ((1 << dClass) & NOT_WHITESPACE) !== 0;
    // After a run of one character that is not a space: \s+ takes it alone.
    return (bBit & NOT_WHITESPACE) !== 0 && this.#a !== SPACE_CHAR && ((1 << this.#cClass) & NOT_WHITESPACE) !== 0;
  }

  /**
   * Whether b's run of equal characters starts where merging starts afresh: at the start of the
   * text, of its piece (after a letter, digit, line break or a whitespace character other than the
   * space that leads punctuation), or after a byte no token joins to it.
   */
  #runStartsClean(seams: VocabularySeams): boolean {
    const originClass = this.#originClass;
    if (originClass === START) return true;
    if (originClass === OTHER || originClass === MARK || this.#origin === SPACE_CHAR) return seams.joined[(lastUtf8Byte(this.#origin) << 8) | this.#b] === 0;
    return ((1 << originClass) & KNOWN) !== 0;
  }
}

/** The characters of DeepSeek V3's second Split step: U+4E00–U+9FA5, U+3040–U+30FF. */
function isDeepSeekCjk(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fa5) || (cp >= 0x3040 && cp <= 0x30ff);
}

function isAsciiDigit(cp: number): boolean {
  return cp - 48 < 10 && cp >= 48;
}
