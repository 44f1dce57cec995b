import type { RankTable } from './rank-table.js';

/**
 * Byte-pair merging of one piece that is not itself a token: starting from single bytes, merge the
 * adjacent pair whose concatenation has the lowest rank (the leftmost on a tie) until no adjacent
 * pair is a token. This is tiktoken's rule; two loops implement it.
 *
 * - `mergeByScan` (pieces under MERGE_HEAP_THRESHOLD bytes): each step scans the pair ranks for the
 *   minimum, O(m²) but with tiny constants; almost every piece that reaches merging is this short.
 * - `mergeWithHeap` (longer pieces): candidate pairs sit in a binary heap keyed by (rank, position),
 *   parts in a linked list; stale heap entries are skipped when popped. O(m log m), so a 1 MB piece
 *   of one letter takes milliseconds, not minutes.
 *
 * Both write the resulting ranks to `out` and return how many there are.
 */
export const MERGE_HEAP_THRESHOLD = 32;

const NONE = 0x7fffffff;

let starts = new Int32Array(256);
let pairRanks = new Int32Array(256);
let next = new Int32Array(0);
let prev = new Int32Array(0);
let partRanks = new Int32Array(0);
let heap = new Float64Array(0);

export function mergeBytePairs(table: RankTable, piece: Uint8Array, length: number, out: Int32Array): number {
  return length < MERGE_HEAP_THRESHOLD ? mergeByScan(table, piece, length, out) : mergeWithHeap(table, piece, length, out);
}

export function mergeByScan(table: RankTable, piece: Uint8Array, length: number, out: Int32Array): number {
  if (starts.length <= length) {
    starts = new Int32Array(length * 2 + 1);
    pairRanks = new Int32Array(length * 2 + 1);
  }
  const partStarts = starts;
  const ranks = pairRanks;
  // Part i is piece[partStarts[i] .. partStarts[i + 1]); ranks[i] is the rank of parts i and i + 1 joined.
  let parts = length;
  for (let i = 0; i <= length; i++) partStarts[i] = i;
  for (let i = 0; i < length - 1; i++) ranks[i] = rankOrNone(table, piece, i, i + 2);
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
    // Join parts `at` and `at + 1`: drop the boundary between them (a short shift; pieces here are small).
    for (let i = at + 1; i < parts; i++) {
      partStarts[i] = partStarts[i + 1]!;
      ranks[i] = ranks[i + 1]!;
    }
    parts--;
    ranks[at] = at + 1 < parts ? rankOrNone(table, piece, partStarts[at]!, partStarts[at + 2]!) : NONE;
    if (at > 0) ranks[at - 1] = rankOrNone(table, piece, partStarts[at - 1]!, partStarts[at + 1]!);
  }
  for (let i = 0; i < parts; i++) out[i] = table.rankOf(piece, partStarts[i]!, partStarts[i + 1]!);
  return parts;
}

export function mergeWithHeap(table: RankTable, piece: Uint8Array, length: number, out: Int32Array): number {
  if (next.length <= length) {
    next = new Int32Array(length + 1);
    prev = new Int32Array(length + 1);
    partRanks = new Int32Array(length + 1);
    // Every pair pushed: length - 1 at the start, at most two per merge after.
    heap = new Float64Array(length * 3);
  }
  const pairRanks = partRanks;
  // Parts are named by their first byte: the part at i spans piece[i .. next[i]). pairRanks[i] is
  // the rank of the part at i joined with the part after it, or NONE; -1 marks a part merged away.
  for (let i = 0; i < length; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
  }
  let size = 0;
  for (let i = 0; i < length; i++) {
    const rank = i + 1 < length ? rankOrNone(table, piece, i, i + 2) : NONE;
    pairRanks[i] = rank;
    if (rank !== NONE) size = heapPush(heap, size, rank * 4294967296 + i);
  }
  while (size > 0) {
    const key = heap[0]!;
    size = heapPop(heap, size);
    const rank = Math.floor(key / 4294967296);
    const i = key - rank * 4294967296;
    if (pairRanks[i] !== rank) continue; // stale: the part changed or is gone
    const j = next[i]!;
    const after = next[j]!;
    next[i] = after;
    if (after < length) prev[after] = i;
    pairRanks[j] = -1;
    const own = after < length ? rankOrNone(table, piece, i, next[after]!) : NONE;
    pairRanks[i] = own;
    if (own !== NONE) size = heapPush(heap, size, own * 4294967296 + i);
    const before = prev[i]!;
    if (before >= 0) {
      const joined = rankOrNone(table, piece, before, after);
      pairRanks[before] = joined;
      if (joined !== NONE) size = heapPush(heap, size, joined * 4294967296 + before);
    }
  }
  let count = 0;
  for (let i = 0; i < length; i = next[i]!) out[count++] = table.rankOf(piece, i, next[i]!);
  return count;
}

function rankOrNone(table: RankTable, piece: Uint8Array, start: number, end: number): number {
  const rank = table.rankOf(piece, start, end);
  return rank < 0 ? NONE : rank;
}

function heapPush(heap: Float64Array, size: number, key: number): number {
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

function heapPop(heap: Float64Array, size: number): number {
  const last = heap[--size]!;
  let i = 0;
  for (;;) {
    let child = i * 2 + 1;
    if (child >= size) break;
    if (child + 1 < size && heap[child + 1]! < heap[child]!) child++;
    if (heap[child]! >= last) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = last;
  return size;
}
