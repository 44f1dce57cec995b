import { CLASS_MASK, NUMBER, charClass } from './char-class.js';
import { nextPieceCl100k } from './split-cl100k.js';

/**
 * The end of the piece starting at `start`, under the split pattern of Qwen2, Qwen2.5 and Qwen3:
 *
 *   (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*
 *   |\s*[\r\n]+|\s+(?!\S)|\s+
 *
 * It is cl100k_base's with `\p{N}` for `\p{N}{1,3}`: every digit is a piece of its own. In the
 * cl100k pattern digits only ever start a piece (no other alternative takes a \p{N}), and no
 * alternative before the digits' can match at a digit, so the piece at a digit is that digit alone
 * and every other piece is cl100k's. Constant work beyond cl100k's scanner: linear like it.
 */
export function nextPieceQwen2(table: Uint8Array, text: string, start: number, end: number): number {
  const c = charClass(table, text, start, end);
  if ((c & CLASS_MASK) === NUMBER) return start + 1 + ((c >> 3) & 1);
  return nextPieceCl100k(table, text, start, end);
}
