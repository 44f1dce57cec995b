import { mergeBytePairs, mergeWithHeap } from './merge.js';
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
 * merging its bytes. When the check fails, the last tokens already placed are given back and merged
 * again together with the chunk — twice as many on each failure, so a long run of failures costs
 * little — until the meeting pair is valid or nothing is left to give back. Merging is unique, so the
 * stitched result is the merge of the whole piece. `test/merge-long.test.ts` compares it with the
 * single heap merge on long generated pieces, with tiny chunks so that stitching happens constantly.
 */
export const LONG_PIECE_CHUNK = 256;

/** Merges one piece with the loop that suits its length: scan, heap, or the chunked heap here. */
export function mergePiece(pairs: PairRanks, piece: Uint8Array, length: number, out: Int32Array): number {
  return length > LONG_PIECE_CHUNK * 2 ? mergeLongPiece(pairs, piece, length, out) : mergeBytePairs(pairs, piece, length, out);
}

let starts = new Int32Array(0);
let chunkTokens = new Int32Array(0);
let pairBytes = new Uint8Array(256);
let pairTokens = new Int32Array(256);

export function mergeLongPiece(pairs: PairRanks, piece: Uint8Array, length: number, out: Int32Array, chunk = LONG_PIECE_CHUNK): number {
  if (length <= chunk * 2) return mergeWithHeap(pairs, piece, length, out);
  if (starts.length <= length) {
    starts = new Int32Array(length + 1);
    chunkTokens = new Int32Array(length + 1);
  }
  // out[0..count) are the tokens placed so far; starts[k] is where token k begins in the piece.
  let count = 0;
  for (let chunkStart = 0; chunkStart < length; ) {
    // End chunks on a character boundary (not before a UTF-8 continuation byte): tokens mostly
    // follow characters, so the meeting pair is then valid far more often.
    let chunkEnd = Math.min(chunkStart + chunk, length);
    while (chunkEnd < length && chunkEnd - chunkStart < chunk + 3 && (piece[chunkEnd]! & 0xc0) === 0x80) chunkEnd++;
    let from = chunkStart;
    let giveBack = 1;
    for (;;) {
      const produced = mergeWithHeap(pairs, piece.subarray(from, chunkEnd), chunkEnd - from, chunkTokens);
      if (count === 0 || isValidPair(pairs, out[count - 1]!, chunkTokens[0]!)) {
        let at = from;
        for (let k = 0; k < produced; k++) {
          out[count] = chunkTokens[k]!;
          starts[count++] = at;
          at += pairs.tokenLength(chunkTokens[k]!);
        }
        break;
      }
      count = Math.max(0, count - giveBack);
      from = count === 0 ? 0 : starts[count]!;
      giveBack *= 2;
    }
    chunkStart = chunkEnd;
  }
  return count;
}

/** Whether `left` then `right` is what merging their bytes gives: a valid meeting of two runs. */
function isValidPair(pairs: PairRanks, left: number, right: number): boolean {
  const leftLength = pairs.tokenLength(left);
  const length = leftLength + pairs.tokenLength(right);
  if (pairBytes.length < length) {
    pairBytes = new Uint8Array(length * 2);
    pairTokens = new Int32Array(length * 2);
  }
  pairs.copyToken(left, pairBytes, 0);
  pairs.copyToken(right, pairBytes, leftLength);
  return mergeBytePairs(pairs, pairBytes, length, pairTokens) === 2 && pairTokens[0] === left && pairTokens[1] === right;
}
