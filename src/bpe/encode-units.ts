import { bmpClasses } from './char-class.js';
import { learnPiece } from './learn-piece.js';
import { hashUnits } from './memo-hash.js';
import { PieceMemo } from './piece-memo.js';
import { KNOWN_SHORT, NEW_SHORT, NOT_FOUND, NOT_SHORT, ShortPieces } from './short-pieces.js';
import type { Workspace } from './workspace.js';

/**
 * The encode loop over UTF-16 units: the pieces of the call's text (see Workspace#begin) that
 * start in text[start..stop), each cut without passing the call's `end` and answered from the
 * caches of pieces seen before (ShortPieces, then PieceMemo) or else tokenized and remembered;
 * sets the workspace's `stoppedAt` to where the last one ends. `encodeWide` is the same loop over a
 * copy of the units (and the WebAssembly byte loop over bytes); the answering half is written out
 * in each, as a function shared by them cost 10% on every corpus (A/B, one process).
 */
export function encodeUnits(work: Workspace, start: number, stop: number, count: number, limit: number): number {
  const { text, end, out, memo, shortPieces } = work;
  const split = work.split!;
  const classes = bmpClasses();
  const nextPiece = split.nextPiece;
  // Letters after the first: any case (0x20 folds upper to lower), or lower case only.
  const fold = split.asciiWords === 'letters' ? 0x20 : 0;
  let pos = start;
  while (pos < stop) {
    // Short ASCII pieces, most of any English or code, are keyed by their characters, packed as
    // the piece is cut into two 32-bit words (see ShortPieces).
    let low = 0;
    let high = 0;
    let pieceEnd = -1;
    let i = pos;
    let unit = text.charCodeAt(i);
    if (unit === 32 && i + 1 < end) {
      low = 32;
      unit = text.charCodeAt(++i);
    }
    const capital = unit - 65 < 26 && unit >= 65;
    if ((capital || (unit - 97 < 26 && unit >= 97)) && (fold !== 0 || !capital || (i + 1 < end && ((text.charCodeAt(i + 1) - 97) >>> 0) < 26))) {
      low = (low << 8) | unit;
      let k = i + 1;
      let after = 0;
      for (; k < end; k++) {
        after = text.charCodeAt(k);
        if ((((after | fold) - 97) >>> 0) >= 26) break;
        high = (high << 8) | (low >>> 24);
        low = (low << 8) | after;
      }
      if (k === end || (after < 0x80 && (fold !== 0 || after !== 39))) pieceEnd = k;
    }
    if (pieceEnd < 0) {
      pieceEnd = nextPiece(classes, text, pos, end);
      low = 0;
      high = 0;
      if (pieceEnd - pos <= ShortPieces.MAX_LENGTH) {
        for (let k = pos; k < pieceEnd; k++) {
          const unit = text.charCodeAt(k);
          if (unit >= 0x80) {
            low = -1;
            break;
          }
          high = (high << 8) | (low >>> 24);
          low = (low << 8) | unit;
        }
      }
    }
    const length = pieceEnd - pos;
    const short = length <= ShortPieces.MAX_LENGTH && low !== -1;
    let known = false;
    if (short) {
      const rank = shortPieces.get(low, high, length);
      known = rank !== NOT_FOUND;
      if (rank >= 0) {
        if (out !== null) out.push(rank);
        if (++count > limit) return count;
        pos = pieceEnd;
        continue;
      }
    }
    // Then every piece of up to 256 units, by its UTF-16 units (see PieceMemo).
    let hash = 0;
    const at = length <= PieceMemo.MAX_LENGTH ? memo.find(text, pos, length, (hash = hashUnits(text, pos, pieceEnd))) : -1;
    if (at >= 0) {
      count += memo.answer(at);
      if (out !== null) memo.pushTokens(at, out);
    } else {
      count += learnPiece(work, pos, pieceEnd, hash, short ? (known ? KNOWN_SHORT : NEW_SHORT) : NOT_SHORT, low, high);
    }
    if (count > limit) return count;
    pos = pieceEnd;
  }
  work.stoppedAt = pos;
  return count;
}
