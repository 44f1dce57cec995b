import {
  CLASS_MASK, LETTER_SET, NEWLINE, NUMBER, PUNCT_SET,
  charClass, contractionEnd, skipAsciiLetters, skipClasses, skipNumbers, whitespacePieceEnd,
} from './char-class.js';

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
  // Fast path for the common English word: an optional space, then ASCII letters ended by ASCII.
  // The general path below gives the same piece; a non-ASCII character next goes there.
  const letters = first === 32 ? start + 1 : start;
  if (letters < end && ((text.charCodeAt(letters) | 0x20) - 97) >>> 0 < 26) {
    const wordEnd = skipAsciiLetters(text, letters + 1, end, true);
    if (wordEnd === end || text.charCodeAt(wordEnd) < 0x80) return wordEnd;
  }
  const c0 = charClass(table, text, start, end);
  const cls = c0 & CLASS_MASK;
  const bit = 1 << cls;
  if ((bit & LETTER_SET) !== 0) return skipClasses(table, text, start, end, LETTER_SET);
  if (cls === NUMBER) return skipNumbers(table, text, start, end);
  const second = start + 1 + ((c0 >> 3) & 1);
  if (cls !== NEWLINE && second < end && ((1 << (charClass(table, text, second, end) & CLASS_MASK)) & LETTER_SET) !== 0) {
    // [^\r\n\p{L}\p{N}]\p{L}+ : one non-letter, non-digit character leading a word
    return skipClasses(table, text, second, end, LETTER_SET);
  }
  let runStart = -1;
  if ((bit & PUNCT_SET) !== 0) runStart = start;
  else if (first === 32 && start + 1 < end && ((1 << (charClass(table, text, start + 1, end) & CLASS_MASK)) & PUNCT_SET) !== 0) {
    runStart = start + 1;
  }
  if (runStart >= 0) {
    const runEnd = skipClasses(table, text, runStart, end, PUNCT_SET);
    return skipClasses(table, text, runEnd, end, 1 << NEWLINE);
  }
  return whitespacePieceEnd(table, text, start, end, true);
}
