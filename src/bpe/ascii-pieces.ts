import { NEWLINE, NUMBER, OTHER, SPACE, skipLineBreaks } from './char-class.js';

// Pieces of the cl100k and o200k patterns decided from ASCII characters alone, for the scanners'
// ASCII paths. Each returns -1 when a non-ASCII character is where the piece would end: it might
// continue the run, so the scanner's general path decides. `table` is the class table, which
// classes ASCII like any other text (ASCII's only whitespace is \t–\r and the space).

/** `\p{N}{1,3}` from the ASCII digit at `s`; -1 if a non-ASCII character follows fewer than three. */
export function asciiDigitsEnd(table: Uint8Array, text: string, s: number, end: number): number {
  const stop = Math.min(s + 3, end);
  let k = s + 1;
  for (; k < stop; k++) {
    const unit = text.charCodeAt(k);
    if (unit >= 0x80) return -1;
    if (table[unit] !== NUMBER) break;
  }
  return k;
}

/**
 * `[^\s\p{L}\p{N}]+[\r\n]*` from the ASCII punctuation at `s` (with `slash`, `[^\s\p{L}\p{N}]+[\r\n/]*`,
 * as o200k has it); -1 if a non-ASCII character ends the run.
 */
export function asciiPunctuationEnd(table: Uint8Array, text: string, s: number, end: number, slash: boolean): number {
  let k = s + 1;
  for (; k < end; k++) {
    const unit = text.charCodeAt(k);
    if (unit >= 0x80) return -1;
    if (table[unit] !== OTHER) break;
  }
  return skipLineBreaks(text, k, end, slash);
}

/**
 * The whitespace alternatives (`\s*[\r\n]+|\s+(?!\S)|\s+`) for the ASCII whitespace run at `s`; -1
 * if a non-ASCII character ends the run.
 */
export function asciiWhitespaceEnd(table: Uint8Array, text: string, s: number, end: number): number {
  let k = s;
  let afterNewline = -1;
  for (; k < end; k++) {
    const unit = text.charCodeAt(k);
    if (unit >= 0x80) return -1;
    const cls = table[unit];
    if (cls === NEWLINE) afterNewline = k + 1;
    else if (cls !== SPACE) break;
  }
  if (afterNewline >= 0) return afterNewline;
  if (k === end) return k;
  return k - s >= 2 ? k - 1 : k;
}
