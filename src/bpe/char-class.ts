import { CLASS_RUNS } from './unicode-classes.generated.js';

/**
 * Character classes as the split patterns see them. Every code point is in exactly one class; the
 * pattern classes are unions of these (\p{L} = UPPER | LOWER | OTHER_LETTER, \s = SPACE | NEWLINE).
 * Membership comes from tiktoken's own regex engine (see unicode-classes.generated.ts), so U+FEFF
 * is OTHER (Rust's \s is Unicode White_Space, unlike JavaScript's) and U+0085 is SPACE.
 */
export const OTHER = 0; // punctuation, symbols, controls, format characters, unassigned, lone surrogates
export const UPPER = 1; // Lu, Lt
export const LOWER = 2; // Ll
export const OTHER_LETTER = 3; // Lm, Lo
export const MARK = 4; // Mn, Mc, Me
export const NUMBER = 5; // Nd, Nl, No
export const SPACE = 6; // White_Space except \r and \n
export const NEWLINE = 7; // \r, \n
/** Not a class of characters: the class `asciiClasses` gives every byte from 0x80. */
export const NOT_ASCII = 8;

/**
 * CJK Unified Ideographs, U+4E00–U+9FFF: all OTHER_LETTER (a test holds the class table to it), so
 * the scanners' runs of letters take them without reading the table: Chinese +7% (A/B).
 */
export const CJK_IDEOGRAPHS_FIRST = 0x4e00;
export const CJK_IDEOGRAPHS_COUNT = 0x5200;

/** Set in a `charClass` result when the character is a surrogate pair (two UTF-16 units). */
export const WIDE = 8;
export const CLASS_MASK = 7;

// Bit sets over classes, for `(1 << cls) & SET` tests.
export const LETTER_SET = (1 << UPPER) | (1 << LOWER) | (1 << OTHER_LETTER);
export const WHITESPACE_SET = (1 << SPACE) | (1 << NEWLINE);
/** [^\s\p{L}\p{N}] */
export const PUNCT_SET = (1 << OTHER) | (1 << MARK);

let bmp: Uint8Array | undefined;
let astralStarts: Int32Array;
let astralClasses: Uint8Array;

function buildTables(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const starts: number[] = [];
  const classes: number[] = [];
  let start = 0;
  for (let i = 0; i < CLASS_RUNS.length; i += 2) {
    start += CLASS_RUNS[i]!;
    const cls = CLASS_RUNS[i + 1]!;
    const next = i + 2 < CLASS_RUNS.length ? start + CLASS_RUNS[i + 2]! : 0x110000;
    if (start < 0x10000) table.fill(cls, start, Math.min(next, 0x10000));
    if (next > 0x10000) {
      starts.push(Math.max(start, 0x10000));
      classes.push(cls);
    }
  }
  astralStarts = Int32Array.from(starts);
  astralClasses = Uint8Array.from(classes);
  bmp = table;
  return table;
}

/**
 * Classes of bytes for the WebAssembly loop's byte scanners (kernel/byte-loop.ts): ASCII's, then
 * NOT_ASCII (above every class of characters, so no class test matches it) for every byte from
 * 0x80, which starts or continues a non-ASCII character. Read from the class runs directly, without
 * the BMP table.
 */
export function asciiClasses(): Uint8Array {
  const table = new Uint8Array(256).fill(NOT_ASCII);
  let start = 0;
  for (let i = 0; i < CLASS_RUNS.length && start < 0x80; i += 2) {
    start += CLASS_RUNS[i]!;
    const next = i + 2 < CLASS_RUNS.length ? start + CLASS_RUNS[i + 2]! : 0x110000;
    if (start < 0x80) table.fill(CLASS_RUNS[i + 1]!, start, Math.min(next, 0x80));
  }
  return table;
}

/** The class table for the Basic Multilingual Plane, built on first use (about 0.2 ms). */
export function bmpClasses(): Uint8Array {
  return bmp ?? buildTables();
}

/** The class of a code point above U+FFFF (binary search over a few hundred runs). */
export function astralClass(codePoint: number): number {
  return astralClasses[runAt(astralStarts, codePoint)]!;
}

/**
 * The run of `starts` (a sorted list of where runs begin) that holds `codePoint`: the last start at
 * or below it, or 0 when none is. Every table of runs over code points is searched by this.
 */
export function runAt(starts: Int32Array, codePoint: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= codePoint) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The class of the character at `i`, plus WIDE when it is a surrogate pair. A lone surrogate is
 * OTHER, the class of U+FFFD, which is what tiktoken encodes it as.
 */
export function charClass(table: Uint8Array, text: string, i: number, end: number): number {
  const unit = text.charCodeAt(i);
  if ((unit & 0xfc00) !== 0xd800 || i + 1 >= end) return table[unit]!;
  const low = text.charCodeAt(i + 1);
  if ((low & 0xfc00) !== 0xdc00) return OTHER;
  return astralClass(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)) | WIDE;
}

/** The index after the run of characters, starting at `i`, whose classes are in `set`. */
export function skipClasses(table: Uint8Array, text: string, i: number, end: number, set: number): number {
  while (i < end) {
    const c = charClass(table, text, i, end);
    if (((1 << (c & CLASS_MASK)) & set) === 0) break;
    i += 1 + ((c >> 3) & 1);
  }
  return i;
}

/**
 * The end of the run of BMP characters whose classes are in `set` from `units[i]`, in a copy of the
 * units (wide mode): the first position outside the run, or -1 when that is half of an astral
 * character (perhaps in the set) or the end of the copy, `end` (the text may go on). CJK ideographs
 * (other letters) are taken without a look at the table.
 */
export function wideRunEnd(table: Uint8Array, units: Uint16Array, i: number, end: number, set: number): number {
  let k = i;
  for (; k < end; k++) {
    const unit = units[k]!;
    if (unit - CJK_IDEOGRAPHS_FIRST < CJK_IDEOGRAPHS_COUNT && unit >= CJK_IDEOGRAPHS_FIRST) continue;
    if (((1 << table[unit]!) & set) === 0) break;
  }
  return k >= end || (units[k]! & 0xf800) === 0xd800 ? -1 : k;
}

/**
 * `[\r\n]*` (with `slash`, `[\r\n/]*`, as o200k has it): the index after the line breaks that
 * follow a run of punctuation, starting at `i`.
 */
export function skipLineBreaks(text: string, i: number, end: number, slash: boolean): number {
  for (; i < end; i++) {
    const unit = text.charCodeAt(i);
    if (unit !== 10 && unit !== 13 && (unit !== 47 || !slash)) break;
  }
  return i;
}

/** The lowercase ASCII letter for `unit`, or -1; with `ignoreCase`, also A–Z and ſ (U+017F → s). */
function contractionLetter(unit: number, ignoreCase: boolean): number {
  if (unit >= 97 && unit <= 122) return unit;
  if (ignoreCase) {
    if (unit >= 65 && unit <= 90) return unit | 0x20;
    if (unit === 0x17f) return 115; // ſ case-folds to s in Rust's regex engine
  }
  return -1;
}

/**
 * The end of a contraction (`'s 't 're 've 'm 'll 'd`) at `i`, where text[i] is an apostrophe, or
 * -1. `ignoreCase` gives cl100k's and o200k's `(?i:...)`.
 */
export function contractionEnd(text: string, i: number, end: number, ignoreCase: boolean): number {
  if (i + 1 >= end) return -1;
  const a = contractionLetter(text.charCodeAt(i + 1), ignoreCase);
  if (a === 115 || a === 116 || a === 109 || a === 100) return i + 2; // s t m d
  if (i + 2 >= end) return -1;
  const b = contractionLetter(text.charCodeAt(i + 2), ignoreCase);
  if ((a === 108 && b === 108) || (a === 118 && b === 101) || (a === 114 && b === 101)) return i + 3; // ll ve re
  return -1;
}

/** The index after the run of ASCII letters (with `upper`, A–Z too; else only a–z) starting at `i`. */
export function skipAsciiLetters(text: string, i: number, end: number, upper: boolean): number {
  for (; i < end; i++) {
    const unit = text.charCodeAt(i) | (upper ? 0x20 : 0);
    if (unit < 97 || unit > 122) break;
  }
  return i;
}
