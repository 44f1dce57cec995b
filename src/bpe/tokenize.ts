import { bmpClasses } from './char-class.js';
import { mergePiece } from './merge-long.js';
import { PieceCache } from './piece-cache.js';
import { RecentShortPieces } from './recent-pieces.js';
import { HASH_PRIME, HASH_SEED, hashBytes, type RankTable } from './rank-table.js';
import { encodeUtf8 } from './utf8.js';

/** A pre-tokenizer: the end of the piece that starts at `start`, never beyond `end`. */
export type SplitFunction = (classes: Uint8Array, text: string, start: number, end: number) => number;

// Scratch space shared by every call (JavaScript runs one call at a time): the current piece's
// UTF-8 bytes and the ranks a merge produced.
let pieceBytes = new Uint8Array(4096);
let mergedRanks = new Int32Array(4096);

/**
 * The encode loop, written once: splits text[start..end) (ordinary text, no special tokens) into
 * pieces, looks each piece up whole, merges the pieces that are not tokens, and counts. `out`
 * receives the ranks when given; counting passes null and builds nothing. Returns `count` plus the
 * tokens of this text, stopping early once that passes `limit`.
 *
 * Why a whole-piece lookup first: 95% of English pieces and 91% of code pieces are one token, so
 * for most text the work is the split plus one hash probe per piece.
 */
export function encodeOrdinary(
  ranks: RankTable,
  split: SplitFunction,
  text: string,
  start: number,
  end: number,
  out: number[] | null,
  count: number,
  limit: number,
): number {
  const classes = bmpClasses();
  let pos = start;
  while (pos < end) {
    const pieceEnd = split(classes, text, pos, end);
    // Short ASCII pieces, most of any English or code, are first looked up by their characters
    // packed into two words (see RecentShortPieces).
    const pieceLength = pieceEnd - pos;
    let low = 0;
    let high = 0;
    let short = false;
    if (pieceLength <= RecentShortPieces.MAX_LENGTH) {
      let i = 0;
      for (; i < pieceLength; i++) {
        const unit = text.charCodeAt(pos + i);
        if (unit >= 0x80) break;
        if (i < 4) low |= unit << (i << 3);
        else high |= unit << ((i - 4) << 3);
      }
      short = i === pieceLength;
    }
    if (short) {
      const cached = ranks.recentShort.get(low, high, pieceLength);
      if (cached >= 0) {
        if (out !== null) out.push(cached);
        count++;
        if (count > limit) return count;
        pos = pieceEnd;
        continue;
      }
    }
    const maxBytes = pieceLength * 3;
    if (maxBytes > pieceBytes.length) pieceBytes = new Uint8Array(Math.max(maxBytes, pieceBytes.length * 2));
    // ASCII pieces (most of them) are copied and hashed in one pass; others are encoded as UTF-8
    // first. Both reach the same hash: for ASCII, char codes are the UTF-8 bytes.
    let length = 0;
    let hash = HASH_SEED;
    for (let i = pos; i < pieceEnd; i++) {
      const unit = text.charCodeAt(i);
      if (unit >= 0x80) {
        length = -1;
        break;
      }
      pieceBytes[length++] = unit;
      hash = Math.imul(hash ^ unit, HASH_PRIME);
    }
    if (length < 0) {
      length = encodeUtf8(text, pos, pieceEnd, pieceBytes);
      hash = hashBytes(pieceBytes, 0, length);
    }
    const rank = ranks.pieceRank(pieceBytes, length, hash);
    if (short) ranks.recentShort.set(low, high, pieceLength, rank);
    if (rank >= 0) {
      if (out !== null) out.push(rank);
      count++;
    } else {
      const key = pieceEnd - pos <= PieceCache.MAX_PIECE_LENGTH ? text.slice(pos, pieceEnd) : null;
      let tokens = key === null ? undefined : ranks.pieces.get(key);
      if (tokens === undefined) {
        if (length > mergedRanks.length) mergedRanks = new Int32Array(Math.max(length, mergedRanks.length * 2));
        tokens = mergedRanks.subarray(0, mergePiece(ranks.pairs, pieceBytes, length, mergedRanks));
        if (key !== null) ranks.pieces.set(key, tokens.slice());
      }
      if (out !== null) for (let i = 0; i < tokens.length; i++) out.push(tokens[i]!);
      count += tokens.length;
    }
    if (count > limit) return count;
    pos = pieceEnd;
  }
  return count;
}
