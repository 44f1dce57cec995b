import { internalError } from '../errors.js';
import type { PairRanks } from './pair-ranks.js';
import { RANK_BITS } from './rank-table.js';

/**
 * Byte-pair merging of one piece that is not itself a token: starting from single bytes, merge the
 * adjacent pair whose concatenation has the lowest rank (the leftmost on a tie) until no adjacent
 * pair is a token. This is tiktoken's rule; two loops implement it. Both track each part's token
 * rank, so a pair is looked up by two ranks (see PairRanks) and the result needs no final lookup.
 *
 * - `mergeByScan` (pieces under MERGE_HEAP_THRESHOLD bytes, and the rare re-merge window of
 *   merge-long.ts longer than the heap takes): each step scans the pair ranks for the minimum and
 *   shifts the arrays down by one; O(m²) with tiny constants.
 * - `mergeWithHeap` (longer pieces, up to HEAP_MERGE_LIMIT bytes): candidate pairs sit in a heap
 *   keyed by (rank, position), parts in a linked list; stale heap entries are skipped when popped.
 *   O(m log m). Longer pieces are merged in chunks by merge-long.ts.
 *
 * The threshold was measured (see PERFORMANCE.md): on fresh text the heap wins from about 20
 * bytes (Chinese, whose pieces are runs of three-byte characters, 6–9% faster than with 32).
 * Both write the resulting ranks to `out` and return how many there are, and both take their
 * arrays from the workspace's merge scratch (`pairs.scratch`, see workspace.ts).
 */
export const MERGE_HEAP_THRESHOLD = 20;

const NONE = 0x7fffffff;

/**
 * Heap keys are `rank << POSITION_BITS | position` in one non-negative Int32 (ranks are below
 * 2^RANK_BITS): integer compares on half the memory of (rank, position) as a float, 10–15% faster
 * on long pieces. With 18-bit ranks, positions get 13 bits.
 */
const POSITION_BITS = 31 - RANK_BITS;
export const HEAP_MERGE_LIMIT = 1 << POSITION_BITS;

export function mergeBytePairs(pairs: PairRanks, piece: Uint8Array, length: number, out: Int32Array): number {
  return length < MERGE_HEAP_THRESHOLD ? mergeByScan(pairs, piece, length, out) : mergeWithHeap(pairs, piece, length, out);
}

export function mergeByScan(pairs: PairRanks, piece: Uint8Array, length: number, out: Int32Array): number {
  const scratch = pairs.scratch;
  if (scratch.scanStarts.length <= length) {
    scratch.scanStarts = new Int32Array(Math.max(length * 2 + 1, MERGE_HEAP_THRESHOLD + 1));
    scratch.scanTokens = new Int32Array(scratch.scanStarts.length);
    scratch.scanPairs = new Int32Array(scratch.scanStarts.length);
  }
  const starts = scratch.scanStarts;
  const tokens = scratch.scanTokens;
  const ranks = scratch.scanPairs;
  const byteRanks = pairs.byteRanks;
  // Part i is piece[starts[i] .. starts[i + 1]), token tokens[i]; ranks[i] is the rank of parts
  // i and i + 1 joined, or NONE.
  let parts = length;
  for (let i = 0; i < length; i++) {
    starts[i] = i;
    tokens[i] = byteRanks[piece[i]!]!;
  }
  starts[length] = length;
  for (let i = 0; i < length - 1; i++) {
    const rank = pairs.bytePair(piece[i]!, piece[i + 1]!);
    ranks[i] = rank < 0 ? NONE : rank;
  }
  ranks[length - 1] = NONE;

  for (;;) {
    let best = NONE;
    let at = -1;
    for (let i = 0; i < parts - 1; i++) {
      const rank = ranks[i]!;
      if (rank < best) {
        best = rank;
        at = i;
      }
    }
    if (at < 0) break;
    // Join parts `at` and `at + 1` into token `best`, then drop the boundary between them.
    tokens[at] = best;
    for (let i = at + 1; i < parts; i++) {
      starts[i] = starts[i + 1]!;
      tokens[i] = tokens[i + 1]!;
      ranks[i] = ranks[i + 1]!;
    }
    parts--;
    if (at + 1 < parts) {
      const rank = pairs.join(best, tokens[at + 1]!, piece, starts[at]!, starts[at + 2]!);
      ranks[at] = rank < 0 ? NONE : rank;
    } else {
      ranks[at] = NONE;
    }
    if (at > 0) {
      const rank = pairs.join(tokens[at - 1]!, best, piece, starts[at - 1]!, starts[at + 1]!);
      ranks[at - 1] = rank < 0 ? NONE : rank;
    }
  }
  for (let i = 0; i < parts; i++) out[i] = tokens[i]!;
  return parts;
}

/** `starts`, when given, receives where each token begins in the piece. */
export function mergeWithHeap(pairs: PairRanks, piece: Uint8Array, length: number, out: Int32Array, starts: Int32Array | null = null): number {
  if (length > HEAP_MERGE_LIMIT) {
    throw internalError(`the heap merge takes at most ${HEAP_MERGE_LIMIT} bytes, not ${length}`);
  }
  const scratch = pairs.scratch;
  if (scratch.heapNext.length <= length) {
    scratch.heapNext = new Int32Array(length + 1);
    scratch.heapPrev = new Int32Array(length + 1);
    scratch.heapTokens = new Int32Array(length + 1);
    scratch.heapPairs = new Int32Array(length + 1);
    // Every pair pushed: length - 1 at the start, at most two per merge after.
    scratch.heap = new Int32Array(length * 3);
  }
  const next = scratch.heapNext;
  const prev = scratch.heapPrev;
  const tokens = scratch.heapTokens;
  const ranks = scratch.heapPairs;
  const heap = scratch.heap;
  const byteRanks = pairs.byteRanks;
  // Parts are named by their first byte: the part at i spans piece[i .. next[i]) and is token
  // tokens[i]. ranks[i] is the rank of the part at i joined with the next, or NONE; -1 marks a part
  // merged away.
  let size = 0;
  for (let i = 0; i < length; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
    tokens[i] = byteRanks[piece[i]!]!;
    const pair = i + 1 < length ? pairs.bytePair(piece[i]!, piece[i + 1]!) : -1;
    ranks[i] = pair < 0 ? NONE : pair;
    if (pair >= 0) size = heapPush(heap, size, (pair << POSITION_BITS) | i);
  }
  while (size > 0) {
    const key = heap[0]!;
    size = heapPop(heap, size);
    const rank = key >>> POSITION_BITS;
    const i = key & (HEAP_MERGE_LIMIT - 1);
    if (ranks[i] !== rank) continue; // stale: the part changed or is gone
    const j = next[i]!;
    const after = next[j]!;
    next[i] = after;
    if (after < length) prev[after] = i;
    ranks[j] = -1;
    tokens[i] = rank;
    if (after < length) {
      const joined = pairs.join(rank, tokens[after]!, piece, i, next[after]!);
      ranks[i] = joined < 0 ? NONE : joined;
      if (joined >= 0) size = heapPush(heap, size, (joined << POSITION_BITS) | i);
    } else {
      ranks[i] = NONE;
    }
    const before = prev[i]!;
    if (before >= 0) {
      const joined = pairs.join(tokens[before]!, rank, piece, before, after);
      ranks[before] = joined < 0 ? NONE : joined;
      if (joined >= 0) size = heapPush(heap, size, (joined << POSITION_BITS) | before);
    }
  }
  let count = 0;
  for (let i = 0; i < length; i = next[i]!) {
    if (starts !== null) starts[count] = i;
    out[count++] = tokens[i]!;
  }
  return count;
}

// A binary min-heap of keys in an Int32Array. (A 4-ary heap, half the levels, was faster while the
// keys were floats; with Int32 keys the binary one is up to 15% faster: see PERFORMANCE.md.)
function heapPush(heap: Int32Array, size: number, key: number): number {
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent]! <= key) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = key;
  return size + 1;
}

function heapPop(heap: Int32Array, size: number): number {
  const last = heap[--size]!;
  let i = 0;
  for (;;) {
    let child = i * 2 + 1;
    if (child >= size) break;
    let smallest = heap[child]!;
    if (child + 1 < size && heap[child + 1]! < smallest) smallest = heap[++child]!;
    if (smallest >= last) break;
    heap[i] = smallest;
    i = child;
  }
  heap[i] = last;
  return size;
}
