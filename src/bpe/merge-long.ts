import { HEAP_MERGE_LIMIT, mergeByScan, mergeBytePairs, mergeWithHeap } from './merge.js';
import type { PairRanks } from './pair-ranks.js';

/**
 * Byte-pair merging of a very long piece (a megabyte of one letter, of random letters, of spaces)
 * in chunks small enough for the heap merge to stay in the CPU cache, stitched together exactly.
 *
 * Why this is exact: call a token sequence valid when it is what merging its own bytes produces.
 * Any run of tokens inside a valid sequence is valid, and two valid sequences joined are valid when
 * the two tokens that meet form a valid pair (github/rust-gems `bpe`, corollaries II, III and IIIa,
 * for vocabularies where every token merges to itself — which the tests check for every rank file).
 * Each chunk's merge is valid; where a chunk meets what came before, the meeting pair is checked by
 * merging its bytes. When the check fails, a window around the seam — the last tokens placed and the
 * chunk's first tokens — is merged again, and the window's two edges are checked the same way; on
 * failure the window doubles on both sides, until both edges meet validly or it has taken in
 * everything (when there is nothing left to check). A failure costs a merge of the window, not of
 * the chunk. Merging is unique, so the stitched result is the merge of the whole piece.
 * `test/merge-long.test.ts` compares it with a reference merge on long generated pieces, with tiny
 * chunks so that stitching happens constantly.
 *
 * A window longer than the heap merge takes (HEAP_MERGE_LIMIT bytes) is merged by the scan merge,
 * which is quadratic but takes any length. No input seen needs it: on megabyte runs of one letter,
 * of spaces, of "ab", of digits or of Thai, with chunks of 8 to 256 bytes, no window passed 1 KB.
 */
export const LONG_PIECE_CHUNK = 256; // a chunk (up to 3 bytes more) must fit the heap: HEAP_MERGE_LIMIT

/** Merges one piece with the loop that suits its length: scan, heap, or the chunked heap here. */
export function mergePiece(pairs: PairRanks, piece: Uint8Array, length: number, out: Int32Array): number {
  return length > LONG_PIECE_CHUNK * 2 ? mergeLongPiece(pairs, piece, length, out) : mergeBytePairs(pairs, piece, length, out);
}

/** `chunk` and `windowLimit` are parameters for the tests, which make both tiny. */
export function mergeLongPiece(
  pairs: PairRanks,
  piece: Uint8Array,
  length: number,
  out: Int32Array,
  chunk = LONG_PIECE_CHUNK,
  windowLimit = HEAP_MERGE_LIMIT,
): number {
  if (length <= chunk * 2) return mergeWithHeap(pairs, piece, length, out);
  // The arrays are the workspace's (see workspace.ts): where each placed token starts, one Int32 a
  // byte of the piece (given back once the piece is done); a chunk's tokens and starts; a re-merged
  // window's (under 1 KB on every input seen).
  const scratch = pairs.scratch;
  if (scratch.longStarts.length <= length) scratch.longStarts = new Int32Array(length + 1);
  if (scratch.chunkTokens.length < chunk + 4) {
    scratch.chunkTokens = new Int32Array(chunk + 4);
    scratch.chunkStarts = new Int32Array(chunk + 4);
  }
  const starts = scratch.longStarts;
  const chunkTokens = scratch.chunkTokens;
  const chunkStarts = scratch.chunkStarts;
  // out[0..count) are the tokens placed so far; starts[k] is where token k begins in the piece.
  let count = 0;
  for (let chunkStart = 0; chunkStart < length; ) {
    // End chunks on a character boundary (not before a UTF-8 continuation byte): tokens mostly
    // follow characters, so the meeting pair is then valid far more often.
    let chunkEnd = Math.min(chunkStart + chunk, length);
    while (chunkEnd < length && chunkEnd - chunkStart < chunk + 3 && (piece[chunkEnd]! & 0xc0) === 0x80) chunkEnd++;
    const produced = mergeWithHeap(pairs, piece.subarray(chunkStart, chunkEnd), chunkEnd - chunkStart, chunkTokens, chunkStarts);
    if (count === 0 || isValidPair(pairs, out[count - 1]!, chunkTokens[0]!)) {
      count = place(chunkTokens, chunkStarts, 0, produced, chunkStart, out, starts, count);
    } else {
      // Merge a window of `back` placed tokens and `ahead` of the chunk's again.
      let back = 1;
      let ahead = 1;
      for (;;) {
        const windowStart = starts[count - back]!;
        const windowEnd = ahead < produced ? chunkStart + chunkStarts[ahead]! : chunkEnd;
        const window = piece.subarray(windowStart, windowEnd);
        const windowLength = windowEnd - windowStart;
        if (scratch.windowTokens.length <= windowLength) {
          scratch.windowTokens = new Int32Array(Math.max(windowLength + 1, scratch.windowTokens.length * 2));
          scratch.windowStarts = new Int32Array(scratch.windowTokens.length);
        }
        const windowTokens = scratch.windowTokens;
        const windowStarts = scratch.windowStarts;
        const merged =
          windowLength <= windowLimit ? mergeWithHeap(pairs, window, windowLength, windowTokens) : mergeByScan(pairs, window, windowLength, windowTokens);
        if (
          (back === count || isValidPair(pairs, out[count - back - 1]!, windowTokens[0]!)) &&
          (ahead === produced || isValidPair(pairs, windowTokens[merged - 1]!, chunkTokens[ahead]!))
        ) {
          for (let k = 0, at = 0; k < merged; at += pairs.tokenLength(windowTokens[k++]!)) windowStarts[k] = at;
          count = place(windowTokens, windowStarts, 0, merged, windowStart, out, starts, count - back);
          count = place(chunkTokens, chunkStarts, ahead, produced, chunkStart, out, starts, count);
          break;
        }
        back = Math.min(back * 2, count);
        ahead = Math.min(ahead * 2, produced);
      }
    }
    chunkStart = chunkEnd;
  }
  return count;
}

/**
 * Appends tokens[from..to) to out[0..count) and returns the new count; token k begins at byte
 * `offset + tokenStarts[k]` of the piece, which is written to `starts`.
 */
function place(tokens: Int32Array, tokenStarts: Int32Array, from: number, to: number, offset: number, out: Int32Array, starts: Int32Array, count: number): number {
  for (let k = from; k < to; k++) {
    out[count] = tokens[k]!;
    starts[count++] = offset + tokenStarts[k]!;
  }
  return count;
}

/**
 * Whether `left` then `right` is what merging their bytes gives: a valid meeting of two runs.
 * Remembered per pair in the pair cache (PairRanks#seam): a long run of one character (spaces, one
 * letter) meets the same pair at every chunk, and checking two long tokens means merging all their
 * bytes.
 */
function isValidPair(pairs: PairRanks, left: number, right: number): boolean {
  const known = pairs.seam(left, right);
  if (known >= 0) return known === 1;
  const scratch = pairs.scratch;
  const leftLength = pairs.tokenLength(left);
  const length = leftLength + pairs.tokenLength(right);
  if (scratch.seamBytes.length < length) {
    scratch.seamBytes = new Uint8Array(length * 2);
    scratch.seamTokens = new Int32Array(length * 2);
  }
  const bytes = scratch.seamBytes;
  const tokens = scratch.seamTokens;
  pairs.copyToken(left, bytes, 0);
  pairs.copyToken(right, bytes, leftLength);
  const valid = mergeBytePairs(pairs, bytes, length, tokens) === 2 && tokens[0] === left && tokens[1] === right;
  pairs.rememberSeam(left, right, valid);
  return valid;
}
