import { RankQueue } from './rank-queue.js';
import type { PieceVocabulary } from './vocabulary.js';

/** A symbol's id when its character is no piece: it never merges and falls back to byte pieces. */
const FALLBACK = -1;
/** A symbol's id once it has been merged into its left neighbour. */
const MERGED = -2;
/** Words of this many characters or more queue their candidates in a RankQueue (see there). */
const LONG_WORD = 512;
const PAIR_CACHE_BITS = 12;

/**
 * BPE over one word with a priority queue of candidate merges: `mergeWithHeap` starts from one symbol
 * per character and repeatedly merges the adjacent pair of lowest rank (leftmost on a tie), as
 * tokenizer.json's BPE model does, then writes each symbol's id, or the byte pieces of a character
 * that is no piece (byte fallback).
 *
 * Why a priority queue for every word and no linear scan for short ones: SentencePiece text has
 * no pre-tokenizer, and a word here is everything between two cuts (see README.md), which can be a
 * megabyte of text without spaces. A binary heap keeps that O(n log n); words of 512 characters or
 * more use a RankQueue (rank-queue.ts), the same order with far fewer cache misses. Stale
 * candidates are not removed but skipped when popped: each records the ids of both symbols and the
 * right one's index, and a merge changes the id of the symbol that survives and marks the other
 * one merged.
 *
 * The arrays are kept between words and grow to the longest word seen; an instance belongs to one
 * encoding and is not shared between calls that could interleave (there are none: it never yields).
 */
export class HeapMerger {
  readonly #vocabulary: PieceVocabulary;
  // Symbols, by index from the left: byte range, id, neighbours.
  #starts = new Int32Array(64);
  #ends = new Int32Array(64);
  #ids = new Int32Array(64);
  #prev = new Int32Array(64);
  #next = new Int32Array(64);
  // Candidate merges: the two symbols and their ids when proposed, the piece they make.
  #lefts = new Int32Array(192);
  #rights = new Int32Array(192);
  #leftIds = new Int32Array(192);
  #rightIds = new Int32Array(192);
  #made = new Int32Array(192);
  #candidates = 0;
  // The heap of a short word's candidates, the least (rank, left symbol) first. The keys live in
  // the heap's own arrays rather than behind the candidate's index: a sift reads one array entry
  // per level, not two.
  #heapRanks = new Float64Array(192);
  #heapLefts = new Int32Array(192);
  #heapCandidates = new Int32Array(192);
  #heapSize = 0;
  readonly #queue = new RankQueue();
  /** (left id, right id, made id or -1) per slot; -1 ids mark an empty slot (no piece has id -1). */
  readonly #pairCache = new Int32Array(3 << PAIR_CACHE_BITS).fill(-1);
  /** Whether the word being merged uses `#queue` rather than the heap. */
  #long = false;

  constructor(vocabulary: PieceVocabulary) {
    this.#vocabulary = vocabulary;
  }

  /**
   * Encodes the word in `bytes[0..byteLength)` whose characters, `codePoints[0..chars)`, start at
   * `charStarts[0..chars)`; pushes the ids onto `out` unless it is null; returns how many there are.
   */
  mergeWithHeap(bytes: Uint8Array, charStarts: Int32Array, codePoints: Int32Array, chars: number, byteLength: number, out: number[] | null): number {
    const vocabulary = this.#vocabulary;
    if (chars === 1) {
      const id = vocabulary.characterId(codePoints[0]!);
      if (id >= 0) {
        if (out !== null) out.push(id);
        return 1;
      }
      return fallBack(vocabulary.byteBase, bytes, 0, byteLength, out);
    }
    this.#reserve(chars);
    const starts = this.#starts;
    const ends = this.#ends;
    const ids = this.#ids;
    const prev = this.#prev;
    const next = this.#next;
    for (let k = 0; k < chars; k++) {
      const start = charStarts[k]!;
      const end = k + 1 < chars ? charStarts[k + 1]! : byteLength;
      starts[k] = start;
      ends[k] = end;
      const id = vocabulary.characterId(codePoints[k]!);
      ids[k] = id >= 0 ? id : FALLBACK;
      prev[k] = k - 1;
      next[k] = k + 1;
    }
    next[chars - 1] = -1;
    this.#heapSize = 0;
    this.#candidates = 0;
    const long = (this.#long = chars >= LONG_WORD);
    // At most chars - 1 first candidates and two for each of at most chars - 1 merges.
    this.#reserveCandidates(3 * chars, !long);
    const queue = this.#queue;
    for (let k = 0; k + 1 < chars; k++) this.#propose(bytes, k, k + 1);

    while (long ? queue.size > 0 : this.#heapSize > 0) {
      const c = long ? queue.pop() : this.#pop();
      const left = this.#lefts[c]!;
      const right = this.#rights[c]!;
      if (ids[left] !== this.#leftIds[c] || next[left] !== right || ids[right] !== this.#rightIds[c]) continue;
      ids[left] = this.#made[c]!;
      ends[left] = ends[right]!;
      const after = next[right]!;
      next[left] = after;
      if (after >= 0) prev[after] = left;
      ids[right] = MERGED;
      if (prev[left]! >= 0) this.#propose(bytes, prev[left]!, left);
      if (after >= 0) this.#propose(bytes, left, after);
    }

    if (long) queue.trim();
    let count = 0;
    for (let k = 0; k >= 0; k = next[k]!) {
      const id = ids[k]!;
      if (id >= 0) {
        if (out !== null) out.push(id);
        count++;
      } else {
        count += fallBack(vocabulary.byteBase, bytes, starts[k]!, ends[k]!, out);
      }
    }
    return count;
  }

  /** Queues the merge of symbols `left` and `right` when there is one. */
  #propose(bytes: Uint8Array, left: number, right: number): void {
    const ids = this.#ids;
    const leftId = ids[left]!;
    const rightId = ids[right]!;
    if (leftId < 0 || rightId < 0) return;
    const vocabulary = this.#vocabulary;
    // The pair's ids decide the piece they make (or that they make none): a small direct-mapped
    // cache answers a pair seen before without hashing its bytes, as in a run of one character.
    const cache = this.#pairCache;
    const slot = (Math.imul(Math.imul(leftId, 0x9e3779b1) ^ rightId, 0x85ebca6b) >>> (32 - PAIR_CACHE_BITS)) * 3;
    let made: number;
    if (cache[slot] === leftId && cache[slot + 1] === rightId) {
      made = cache[slot + 2]!;
    } else {
      made = vocabulary.idOf(bytes, this.#starts[left]!, this.#ends[right]!);
      cache[slot] = leftId;
      cache[slot + 1] = rightId;
      cache[slot + 2] = made;
    }
    if (made < 0) return;
    const rank = vocabulary.mergeRank(leftId, rightId, made);
    if (rank < 0) return;
    const c = this.#candidates++;
    this.#lefts[c] = left;
    this.#rights[c] = right;
    this.#leftIds[c] = leftId;
    this.#rightIds[c] = rightId;
    this.#made[c] = made;
    // The merged piece and the left part's length decide the rank: made * 32 + characters is its key.
    if (this.#long) this.#queue.push(rank, made * 32 + vocabulary.characters[leftId]!, left, c);
    else this.#push(rank, left, c);
  }

  #push(rank: number, left: number, candidate: number): void {
    const ranks = this.#heapRanks;
    const lefts = this.#heapLefts;
    const candidates = this.#heapCandidates;
    let i = this.#heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentRank = ranks[parent]!;
      if (parentRank < rank || (parentRank === rank && lefts[parent]! < left)) break;
      ranks[i] = parentRank;
      lefts[i] = lefts[parent]!;
      candidates[i] = candidates[parent]!;
      i = parent;
    }
    ranks[i] = rank;
    lefts[i] = left;
    candidates[i] = candidate;
  }

  /** Removes the least candidate and returns its index. */
  #pop(): number {
    const ranks = this.#heapRanks;
    const lefts = this.#heapLefts;
    const candidates = this.#heapCandidates;
    const top = candidates[0]!;
    const size = --this.#heapSize;
    if (size === 0) return top;
    const rank = ranks[size]!;
    const left = lefts[size]!;
    const candidate = candidates[size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      let childRank = ranks[child]!;
      if (child + 1 < size) {
        const otherRank = ranks[child + 1]!;
        if (otherRank < childRank || (otherRank === childRank && lefts[child + 1]! < lefts[child]!)) {
          child++;
          childRank = otherRank;
        }
      }
      if (rank < childRank || (rank === childRank && left < lefts[child]!)) break;
      ranks[i] = childRank;
      lefts[i] = lefts[child]!;
      candidates[i] = candidates[child]!;
      i = child;
    }
    ranks[i] = rank;
    lefts[i] = left;
    candidates[i] = candidate;
    return top;
  }

  #reserve(chars: number): void {
    if (this.#starts.length >= chars) return;
    let size = this.#starts.length;
    while (size < chars) size *= 2;
    this.#starts = new Int32Array(size);
    this.#ends = new Int32Array(size);
    this.#ids = new Int32Array(size);
    this.#prev = new Int32Array(size);
    this.#next = new Int32Array(size);
  }

  /** Room for `count` candidates, and as many heap entries when `heap`; the old contents are not kept. */
  #reserveCandidates(count: number, heap: boolean): void {
    if (this.#lefts.length < count) {
      const size = Math.max(count, 2 * this.#lefts.length);
      this.#lefts = new Int32Array(size);
      this.#rights = new Int32Array(size);
      this.#leftIds = new Int32Array(size);
      this.#rightIds = new Int32Array(size);
      this.#made = new Int32Array(size);
    }
    if (heap && this.#heapRanks.length < count) {
      const size = Math.max(count, 2 * this.#heapRanks.length);
      this.#heapRanks = new Float64Array(size);
      this.#heapLefts = new Int32Array(size);
      this.#heapCandidates = new Int32Array(size);
    }
  }
}

/** Byte fallback: the byte pieces of `bytes[start..end)`, pushed onto `out` unless it is null. */
function fallBack(byteBase: number, bytes: Uint8Array, start: number, end: number, out: number[] | null): number {
  if (out !== null) for (let i = start; i < end; i++) out.push(byteBase + bytes[i]!);
  return end - start;
}
