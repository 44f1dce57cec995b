import { bmpClasses } from './char-class.js';
import { mergePiece } from './merge-long.js';
import { PieceMemo } from './piece-memo.js';
import { NOT_FOUND, ShortPieces } from './short-pieces.js';
import { HASH_PRIME, HASH_SEED, type RankTable } from './rank-table.js';
import { encodeUtf8 } from './utf8.js';

/** A split pattern's scanner: the end of the piece that starts at `start`, never beyond `end`. */
export type SplitFunction = (classes: Uint8Array, text: string, start: number, end: number) => number;

/** A split pattern as the encode loop runs it. */
export interface Pretokenizer {
  readonly nextPiece: SplitFunction;
  /**
   * The shape of the commonest piece, an ASCII word, which the loop reads inline without calling
   * `nextPiece`: `'letters'` is ` ?[A-Za-z]+` ended by any other ASCII character (gpt2, cl100k);
   * `'cased'` is ` ?[A-Z]?[a-z]+` ended by an ASCII character other than an apostrophe (o200k,
   * whose words take a contraction after them).
   */
  readonly asciiWords: 'letters' | 'cased';
}

/** Four 7-bit characters: the packed words stay below 2^30, V8's small-integer range. */
const PACKED_MASK = 0x0fffffff;

// Scratch space shared by every call (JavaScript runs one call at a time): the current piece's
// UTF-8 bytes and its tokens.
let pieceBytes = new Uint8Array(4096);
let pieceTokens = new Int32Array(4096);

/**
 * The encode loop, written once: splits text[start..end) (ordinary text, no special tokens) into
 * pieces, answers each from the memo of pieces seen before or tokenizes it (whole-piece lookup,
 * else merge), and counts. `out` receives the ranks when given; counting passes null and builds
 * nothing. Returns `count` plus the tokens of this text, stopping early once that passes `limit`.
 */
export function encodeOrdinary(
  ranks: RankTable,
  split: Pretokenizer,
  text: string,
  start: number,
  end: number,
  out: number[] | null,
  count: number,
  limit: number,
): number {
  const classes = bmpClasses();
  const memo = ranks.memo;
  const shortPieces = ranks.shortPieces;
  const nextPiece = split.nextPiece;
  // Letters after the first: any case (0x20 folds upper to lower), or lower case only.
  const fold = split.asciiWords === 'letters' ? 0x20 : 0;
  let pos = start;
  while (pos < end) {
    // Short ASCII pieces, most of any English or code, are keyed by their last eight characters,
    // seven bits each, packed into two 28-bit words (see ShortPieces) as the piece is cut. 28 bits
    // keep them small integers for V8, never boxed as heap numbers when passed to a call.
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
      low = (low << 7) | unit;
      let k = i + 1;
      let after = 0;
      for (; k < end; k++) {
        after = text.charCodeAt(k);
        if ((((after | fold) - 97) >>> 0) >= 26) break;
        high = ((high << 7) | (low >>> 21)) & PACKED_MASK;
        low = ((low << 7) | after) & PACKED_MASK;
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
          high = ((high << 7) | (low >>> 21)) & PACKED_MASK;
          low = ((low << 7) | unit) & PACKED_MASK;
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
      count += memo.tokenCount(at);
      if (out !== null) memo.pushTokens(at, out);
    } else {
      count += learnPiece(ranks, text, pos, pieceEnd, hash, short ? (known ? KNOWN_SHORT : NEW_SHORT) : NOT_SHORT, low, high, out);
    }
    if (count > limit) return count;
    pos = pieceEnd;
  }
  return count;
}

/** The memo's hash of text[start..end): FNV-1a style over pairs of UTF-16 units. */
function hashUnits(text: string, start: number, end: number): number {
  // Two units per multiply: half the dependency chain of hashing one unit at a time.
  let hash = HASH_SEED ^ (end - start);
  let i = start;
  for (; i + 1 < end; i += 2) hash = Math.imul(hash ^ (text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)), HASH_PRIME);
  if (i < end) hash = Math.imul(hash ^ text.charCodeAt(i), HASH_PRIME);
  return (hash ^ (hash >>> 15)) & 0x3fffffff; // a small integer for V8 (see PACKED_MASK)
}

const NOT_SHORT = 0;
const NEW_SHORT = 1;
const KNOWN_SHORT = 2;

/**
 * The cold path, kept out of the encode loop: tokenizes a piece neither cache answered, appends its
 * tokens to `out` (when given), remembers it (a short ASCII token in ShortPieces only, leaving the
 * memo to the rest) and returns how many tokens it has. `short` says whether the piece is short
 * ASCII (packed as `low`, `high`) and, if so, whether ShortPieces already has an entry for it.
 */
function learnPiece(ranks: RankTable, text: string, start: number, end: number, hash: number, short: number, low: number, high: number, out: number[] | null): number {
  const n = tokenizePiece(ranks, text, start, end);
  if (out !== null) for (let i = 0; i < n; i++) out.push(pieceTokens[i]!);
  const length = end - start;
  if (short !== NOT_SHORT && n === 1) {
    ranks.shortPieces.add(low, high, length, pieceTokens[0]!);
  } else {
    if (length <= PieceMemo.MAX_LENGTH) ranks.memo.add(text, start, length, hash, pieceTokens, n);
    if (short === NEW_SHORT) ranks.shortPieces.add(low, high, length, -1);
  }
  return n;
}

/**
 * The tokens of one piece, text[start..end), into `pieceTokens`; returns how many. A piece that is
 * a token is one lookup; any other is merged.
 */
function tokenizePiece(ranks: RankTable, text: string, start: number, end: number): number {
  const maxBytes = (end - start) * 3;
  if (maxBytes > pieceBytes.length) pieceBytes = new Uint8Array(Math.max(maxBytes, pieceBytes.length * 2));
  const length = encodeUtf8(text, start, end, pieceBytes);
  const rank = ranks.rankOf(pieceBytes, 0, length);
  if (rank >= 0) {
    pieceTokens[0] = rank;
    return 1;
  }
  if (length > pieceTokens.length) pieceTokens = new Int32Array(Math.max(length, pieceTokens.length * 2));
  return mergePiece(ranks.pairs, pieceBytes, length, pieceTokens);
}
