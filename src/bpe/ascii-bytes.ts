import { LOWER, NEWLINE, NUMBER, OTHER, SPACE, UPPER, asciiClasses } from './char-class.js';

// The split patterns over UTF-8 bytes, for the encode loop's byte mode (see tokenize.ts): each
// function cuts the piece that starts at ASCII byte `s` from ASCII bytes alone, as its pattern's
// scanner (split-*.ts) cuts it from UTF-16 units. Each returns -1 instead when a non-ASCII byte is
// where the piece could go on (it might be a letter, digit, mark or space), or the window's end
// (`bytesEnd`) is and the window is not the end of the text (`final` false): the loop then asks
// the scanner. `bytes[bytesEnd]` is a sentinel (0x80), so runs stop there without a bounds test.

/** Byte classes: ASCII as the patterns class it, NOT_ASCII from 0x80. */
const CLASSES = asciiClasses();
const NOT_ASCII = CLASSES[0x80]!;

/** The o200k_base (and o200k_harmony) pattern; see nextPieceO200k for the pattern itself. */
export function asciiBytePieceO200k(bytes: Uint8Array, s: number, bytesEnd: number, final: boolean): number {
  const cls = CLASSES[bytes[s]!]!;
  if (cls === UPPER || cls === LOWER) return casedWord(bytes, s, bytesEnd, final);
  if (cls === NUMBER) return digits(bytes, s, bytesEnd, final);
  if (cls === NEWLINE) return whitespace(bytes, s, bytesEnd, final);
  // Any other character but \r or \n may lead a word.
  const next = CLASSES[bytes[s + 1]!]!;
  if (next === UPPER || next === LOWER) return casedWord(bytes, s + 1, bytesEnd, final);
  if (next === NOT_ASCII) return pieceEnd(s + 1, bytesEnd, final);
  if (cls === OTHER) return punctuation(bytes, s, bytesEnd, final, true);
  if (bytes[s] === 32 && next === OTHER) return punctuation(bytes, s + 1, bytesEnd, final, true);
  return whitespace(bytes, s, bytesEnd, final);
}

/** The cl100k_base pattern; see nextPieceCl100k. */
export function asciiBytePieceCl100k(bytes: Uint8Array, s: number, bytesEnd: number, final: boolean): number {
  const first = bytes[s]!;
  if (first === 39) {
    const contraction = contractionEnd(bytes, s, bytesEnd, final, true);
    if (contraction !== 0) return contraction;
  }
  const cls = CLASSES[first]!;
  if (cls === UPPER || cls === LOWER) return letters(bytes, s, bytesEnd, final);
  if (cls === NUMBER) return digits(bytes, s, bytesEnd, final);
  if (cls === NEWLINE) return whitespace(bytes, s, bytesEnd, final);
  const next = CLASSES[bytes[s + 1]!]!;
  if (next === UPPER || next === LOWER) return letters(bytes, s + 1, bytesEnd, final);
  if (next === NOT_ASCII) return pieceEnd(s + 1, bytesEnd, final);
  if (cls === OTHER) return punctuation(bytes, s, bytesEnd, final, false);
  if (first === 32 && next === OTHER) return punctuation(bytes, s + 1, bytesEnd, final, false);
  return whitespace(bytes, s, bytesEnd, final);
}

/** The GPT-2 pattern (r50k_base, p50k_base, p50k_edit); see nextPieceGpt2. */
export function asciiBytePieceGpt2(bytes: Uint8Array, s: number, bytesEnd: number, final: boolean): number {
  const first = bytes[s]!;
  if (first === 39) {
    const contraction = contractionEnd(bytes, s, bytesEnd, final, false);
    if (contraction !== 0) return contraction;
  }
  let runStart = s;
  let cls = CLASSES[first]!;
  if (first === 32) {
    // ` ?` before a run of letters, digits or punctuation
    const next = CLASSES[bytes[s + 1]!]!;
    if (next === NOT_ASCII) return pieceEnd(s + 1, bytesEnd, final);
    if (next !== SPACE && next !== NEWLINE) {
      runStart = s + 1;
      cls = next;
    }
  }
  if (cls === UPPER || cls === LOWER) return letters(bytes, runStart, bytesEnd, final);
  if (cls === NUMBER) return run(bytes, runStart, bytesEnd, final, NUMBER);
  if (cls === OTHER) return run(bytes, runStart, bytesEnd, final, OTHER);
  let k = s + 1;
  for (let c = CLASSES[bytes[k]!]; c === SPACE || c === NEWLINE; c = CLASSES[bytes[k]!]) k++;
  if (k < bytesEnd || !final) {
    if (bytes[k]! >= 0x80) return -1;
    // \s+(?!\S): the run but its last character, unless that is the whole run
    if (k - s >= 2) return k - 1;
  }
  return k;
}

/** `k`, where a piece ends at a non-ASCII byte, if that byte is the sentinel after the text; else -1. */
function pieceEnd(k: number, bytesEnd: number, final: boolean): number {
  return k === bytesEnd && final ? k : -1;
}

/** The end of a run of ASCII letters, digits or punctuation: `k` before ASCII, else `pieceEnd`. */
function runEnd(bytes: Uint8Array, k: number, bytesEnd: number, final: boolean): number {
  return bytes[k]! < 0x80 ? k : pieceEnd(k, bytesEnd, final);
}

/** A run of bytes of class `cls` from `s`. */
function run(bytes: Uint8Array, s: number, bytesEnd: number, final: boolean, cls: number): number {
  let k = s + 1;
  while (CLASSES[bytes[k]!] === cls) k++;
  return runEnd(bytes, k, bytesEnd, final);
}

/** `\p{L}+` from the letter at `s`. */
function letters(bytes: Uint8Array, s: number, bytesEnd: number, final: boolean): number {
  let k = s + 1;
  while ((((bytes[k]! | 0x20) - 97) >>> 0) < 26) k++;
  return runEnd(bytes, k, bytesEnd, final);
}

/**
 * o200k's words from the letter at `s`: `[A-Z]*[a-z]+` or `[A-Z]+[a-z]*` (both are the upper-case
 * run, then the lower-case run), then perhaps a contraction. Any ASCII character but an apostrophe
 * ends the word.
 */
function casedWord(bytes: Uint8Array, s: number, bytesEnd: number, final: boolean): number {
  let k = s;
  // `| 0`: a read past the buffer (undefined) is no letter (it would be NaN, and NaN >>> 0 is 0).
  while ((((bytes[k]! | 0) - 65) >>> 0) < 26) k++;
  while ((((bytes[k]! | 0) - 97) >>> 0) < 26) k++;
  if (bytes[k] === 39) {
    const contraction = contractionEnd(bytes, k, bytesEnd, final, true);
    return contraction === 0 ? k : contraction;
  }
  return runEnd(bytes, k, bytesEnd, final);
}

/** `\p{N}{1,3}` from the digit at `s`. */
function digits(bytes: Uint8Array, s: number, bytesEnd: number, final: boolean): number {
  let k = s + 1;
  while (k < s + 3 && CLASSES[bytes[k]!] === NUMBER) k++;
  return k < s + 3 ? runEnd(bytes, k, bytesEnd, final) : k;
}

/**
 * ` ?[^\s\p{L}\p{N}]+[\r\n]*` (with `slash`, `[\r\n/]*`, as o200k has it) from the punctuation at
 * `s`.
 */
function punctuation(bytes: Uint8Array, s: number, bytesEnd: number, final: boolean, slash: boolean): number {
  let k = s + 1;
  while (CLASSES[bytes[k]!] === OTHER) k++;
  if (bytes[k]! >= 0x80) return pieceEnd(k, bytesEnd, final);
  for (let byte = bytes[k]!; byte === 10 || byte === 13 || (byte === 47 && slash); byte = bytes[k]!) k++;
  // Any other character ends the line breaks; the window's end may not.
  return k === bytesEnd && !final ? -1 : k;
}

/** The whitespace alternatives of cl100k and o200k (`\s*[\r\n]+|\s+(?!\S)|\s+`) from `s`. */
function whitespace(bytes: Uint8Array, s: number, bytesEnd: number, final: boolean): number {
  let k = s;
  let afterNewline = -1;
  for (;;) {
    const cls = CLASSES[bytes[k]!];
    if (cls === NEWLINE) afterNewline = k + 1;
    else if (cls !== SPACE) break;
    k++;
  }
  if (bytes[k]! >= 0x80 && (k < bytesEnd || !final)) return -1;
  if (afterNewline >= 0) return afterNewline;
  if (k === bytesEnd) return k;
  return k - s >= 2 ? k - 1 : k;
}

/**
 * The end of a contraction (`'s 't 're 've 'm 'll 'd`; with `ignoreCase`, in any case) at the
 * apostrophe at `k`; 0 when there is none, -1 when a non-ASCII byte or the window's end decides.
 */
function contractionEnd(bytes: Uint8Array, k: number, bytesEnd: number, final: boolean, ignoreCase: boolean): number {
  const fold = ignoreCase ? 0x20 : 0;
  const a = bytes[k + 1]!;
  // ſ (U+017F) case-folds to s
  if (a >= 0x80) return k + 1 === bytesEnd && final ? 0 : -1;
  const first = a | fold;
  if (first === 115 || first === 116 || first === 109 || first === 100) return k + 2; // s t m d
  if (first !== 108 && first !== 118 && first !== 114) return 0;
  const b = bytes[k + 2]!;
  if (b >= 0x80) return k + 2 === bytesEnd && final ? 0 : -1;
  const second = b | fold;
  return (first === 108 && second === 108) || (first !== 108 && second === 101) ? k + 3 : 0; // ll ve re
}
