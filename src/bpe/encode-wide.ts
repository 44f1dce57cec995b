import { bmpClasses } from './char-class.js';
import { learnPiece } from './learn-piece.js';
import { hashWide } from './memo-hash.js';
import { PieceMemo } from './piece-memo.js';
import type { Pretokenizer } from './pretokenizers.js';
import { KNOWN_SHORT, NEW_SHORT, NOT_FOUND, NOT_SHORT, ShortPieces } from './short-pieces.js';
import type { Workspace } from './workspace.js';

/**
 * The encode loop in wide mode: as `encodeUnits`, over text[start..stop) (long text that byte mode
 * declines), but reading a copy of the units, `units[i]` for text[start + i], valid below
 * `unitsEnd` (at least 256 units past `stop`, or to `end`): a Uint16Array reads about 1.5× as fast
 * as `charCodeAt`, and the memo's hash and compare are half of Chinese's time. Its own loop rather
 * than a mode of `encodeUnits`: sharing that loop cost short texts 6–9% (the 75-byte message after
 * the corpora, A/B in one process: 0.42 µs → 0.45–0.46; 0.48–0.52 in three benchmark runs), as V8
 * compiled it for the long texts' paths. So the answering half is written out twice (see
 * `encodeUnits`).
 */
export function encodeWide(work: Workspace, start: number, stop: number, count: number, limit: number, units: Uint16Array, unitsEnd: number): number {
  const { text, end, out, memo, shortPieces } = work;
  const split = work.split!;
  const classes = bmpClasses();
  const fold = split.asciiWords === 'letters' ? 0x20 : 0;
  // Where the text ends among the units: a word that reaches the end of the copy short of it goes
  // to the scanner, as the text may go on.
  const textEnd = end - start;
  let p = 0;
  const last = stop - start;
  while (p < last) {
    let low = 0;
    let high = 0;
    let pieceEnd = -1;
    let i = p;
    let unit = units[i]!;
    if (unit === 32 && i + 1 < unitsEnd) {
      low = 32;
      unit = units[++i]!;
    }
    const capital = unit - 65 < 26 && unit >= 65;
    if ((capital || (unit - 97 < 26 && unit >= 97)) && (fold !== 0 || !capital || (i + 1 < unitsEnd && ((units[i + 1]! - 97) >>> 0) < 26))) {
      low = (low << 8) | unit;
      let k = i + 1;
      let after = 0;
      for (; k < unitsEnd; k++) {
        after = units[k]!;
        if ((((after | fold) - 97) >>> 0) >= 26) break;
        high = (high << 8) | (low >>> 24);
        low = (low << 8) | after;
      }
      if (k === unitsEnd ? k === textEnd : after < 0x80 && (fold !== 0 || after !== 39)) pieceEnd = k;
    }
    if (pieceEnd < 0) {
      pieceEnd = nextPieceWide(split, classes, units, unitsEnd, text, start, start + p, end) - start;
      low = 0;
      high = 0;
      if (pieceEnd - p <= ShortPieces.MAX_LENGTH) {
        for (let k = p; k < pieceEnd; k++) {
          const unit = units[k]!;
          if (unit >= 0x80) {
            low = -1;
            break;
          }
          high = (high << 8) | (low >>> 24);
          low = (low << 8) | unit;
        }
      }
    }
    const length = pieceEnd - p;
    const short = length <= ShortPieces.MAX_LENGTH && low !== -1;
    let known = false;
    if (short) {
      const rank = shortPieces.get(low, high, length);
      known = rank !== NOT_FOUND;
      if (rank >= 0) {
        if (out !== null) out.push(rank);
        if (++count > limit) return count;
        p = pieceEnd;
        continue;
      }
    }
    let hash = 0;
    const at = length <= PieceMemo.MAX_LENGTH ? memo.findWide(units, p, length, (hash = hashWide(units, p, pieceEnd))) : -1;
    if (at >= 0) {
      count += memo.answer(at);
      if (out !== null) memo.pushTokens(at, out);
    } else {
      count += learnPiece(work, start + p, start + pieceEnd, hash, short ? (known ? KNOWN_SHORT : NEW_SHORT) : NOT_SHORT, low, high);
    }
    if (count > limit) return count;
    p = pieceEnd;
  }
  work.stoppedAt = start + p;
  return count;
}

/**
 * The end of the piece at text[pos] in wide mode, where `units[0..unitsEnd)` is a copy of the text
 * from `start`: a word is cut from the copy when the pattern can (Pretokenizer's wideWord), any
 * other piece by the scanner.
 */
function nextPieceWide(split: Pretokenizer, classes: Uint8Array, units: Uint16Array, unitsEnd: number, text: string, start: number, pos: number, end: number): number {
  const p = pos - start;
  const unit = units[p]!;
  // A word outside ASCII, one with a space or punctuation lead (" слово"), or an ASCII start
  // that the loop's inline word gave up on ("liberté"); punctuation, spaces and digits go straight to
  // the scanner.
  if (split.wideWord !== undefined && (unit >= 0x80 || (p + 1 < unitsEnd && units[p + 1]! >= 0x80) || (((unit | 0x20) - 97) >>> 0) < 26)) {
    const wordEnd = split.wideWord(classes, units, p, unitsEnd);
    if (wordEnd >= 0) return start + wordEnd;
  }
  return split.nextPiece(classes, text, pos, end);
}
