import type { RankTable } from './rank-table.js';
import type { MergeScratch } from './workspace.js';

const EMPTY = -1;
const UNKNOWN = -2;
const CACHE_SLOTS = 1 << 16;
const SHORT_MISS_BYTES = 8;
const MISS_BITS = 14;
const MISS_SLOTS = 1 << MISS_BITS;
const MISSES_BEFORE_TABLE = 1024;
/** Ranks are below 2^18: a pair's key is `left * 2^18 + right`, below 2^36. */
const RIGHT = 262144;
/** Seam keys (see `seam`) sit above every pair key, in the same table. */
const SEAM = 2 ** 36;

/**
 * What two adjacent tokens merge into, looked up by their ranks rather than by hashing and
 * comparing their bytes: the merge loops know each part's rank, so most lookups are one probe of a
 * small integer-keyed table. One per workspace (workspace.ts), which also hands the merge loops
 * their scratch through it (`scratch`).
 *
 * - Pairs of single bytes, where every merge starts, come from a 65,536-entry table filled in as
 *   pairs are first seen (building it whole took 5–10 ms of cold start). It is the whole set: never
 *   emptied.
 * - Other pairs go through a cache in front of the rank table, keyed by the two ranks; text repeats
 *   its pairs, so most hit. Short pairs that are not tokens are not kept there but in a table of
 *   recent misses of their own (see `join`). The same
 *   table remembers, under keys of their own, which pairs of tokens meet validly at a seam of the
 *   long-piece merge (`seam`). It follows the workspace's one rule from its largest size, 65,536
 *   slots (768 KB), emptied when half full: grown from 1,024 slots instead, six doublings within a
 *   long piece made 1 MB of random letters, base64 and Thai 1.1–1.2× slower.
 */
export class PairRanks {
  readonly byteRanks: Int32Array;
  /** The merge loops' arrays (see workspace.ts). */
  readonly scratch: MergeScratch;
  readonly #keys = new Float64Array(CACHE_SLOTS).fill(EMPTY);
  readonly #values = new Int32Array(CACHE_SLOTS);
  #size = 0;
  readonly #table: RankTable;

  constructor(table: RankTable, scratch: MergeScratch) {
    this.#table = table;
    this.scratch = scratch;
    this.byteRanks = new Int32Array(256);
    const single = new Uint8Array(1);
    for (let byte = 0; byte < 256; byte++) {
      single[0] = byte;
      this.byteRanks[byte] = table.rankOf(single, 0, 1);
    }
  }

  /** The length in bytes of token `rank`. */
  tokenLength(rank: number): number {
    return this.#table.offsets[rank + 1]! - this.#table.offsets[rank]!;
  }

  /** Copies the bytes of token `rank` into `into` at `at`. */
  copyToken(rank: number, into: Uint8Array, at: number): void {
    into.set(this.#table.tokenBytes(rank), at);
  }

  /** The rank of bytes `first` then `second`, or -1 (filled in on first use of each pair). */
  bytePair(first: number, second: number): number {
    const index = (first << 8) | second;
    const known = this.#bytePairs[index]!;
    if (known !== UNKNOWN) return known;
    this.#two[0] = first;
    this.#two[1] = second;
    return (this.#bytePairs[index] = this.#table.rankOf(this.#two, 0, 2));
  }

  readonly #bytePairs = new Int32Array(65536).fill(UNKNOWN);
  readonly #two = new Uint8Array(2);

  /**
   * The rank of tokens `left` then `right` joined, or -1, where their bytes are piece[start..end).
   */
  join(left: number, right: number, piece: Uint8Array, start: number, end: number): number {
    const key = left * RIGHT + right;
    const mixed = pairHash(left, right);
    const short = end - start <= SHORT_MISS_BYTES;
    const misses = this.#misses;
    const miss = mixed >>> this.#missShift;
    if (short && misses[miss] === key) return -1;
    const keys = this.#keys;
    let slot = mixed >>> 16;
    for (;;) {
      const found = keys[slot]!;
      if (found === key) return this.#values[slot]!;
      if (found === EMPTY) break;
      slot = (slot + 1) & (CACHE_SLOTS - 1);
    }
    const rank = this.#table.rankOf(piece, start, end);
    // A short non-token is not kept in the cache: random text tries mostly new pairs, and storing
    // them filled and emptied it. It goes to the table of recent misses, which a new pair simply
    // overwrites; natural text asks for the same few non-tokens again and again (on fresh Chinese,
    // Russian and Arabic about nine in ten of these lookups are repeats).
    if (rank < 0 && short) {
      misses[miss] = key;
      if (++this.#missCount === MISSES_BEFORE_TABLE) {
        this.#misses = new Float64Array(MISS_SLOTS).fill(EMPTY);
        this.#missShift = 32 - MISS_BITS;
      }
      return rank;
    }
    this.#put(key, slot, rank);
    return rank;
  }

  /**
   * Short pairs recently found not to be tokens, by key, direct-mapped by the top `32 - #missShift`
   * bits of their hash (see `join`): 16,384 slots (128 KB), looked at before the cache, so that a
   * repeat costs one read of a table that stays in L2 instead of a probe of the cache and the rank
   * table's hash and filter. Two slots until MISSES_BEFORE_TABLE such lookups were made, so that a
   * process counting a few short texts does not hold the table (cold start's memory).
   */
  #misses = new Float64Array(2).fill(EMPTY);
  #missShift = 31;
  #missCount = 0;

  /**
   * Whether tokens `left` then `right` are known to meet validly at a seam of the long-piece merge
   * (merge-long.ts): 1, 0 (they do not), or -1 when not known.
   */
  seam(left: number, right: number): number {
    const key = SEAM + left * RIGHT + right;
    const keys = this.#keys;
    for (let slot = pairSlot(left ^ SEAM_SALT, right); ; slot = (slot + 1) & (CACHE_SLOTS - 1)) {
      const found = keys[slot]!;
      if (found === key) return this.#values[slot]!;
      if (found === EMPTY) return -1;
    }
  }

  /** Remembers what `seam` is to say for `left` then `right` (not known to it yet). */
  rememberSeam(left: number, right: number, valid: boolean): void {
    this.#put(SEAM + left * RIGHT + right, this.#freeSlot(left ^ SEAM_SALT, right), valid ? 1 : 0);
  }

  /**
   * Stores `key` → `value` at `slot`, the free slot its probe ended on; or, when the cache is half
   * full, empties it instead (the slot is then not where a probe would start).
   */
  #put(key: number, slot: number, value: number): void {
    if (this.#size >= CACHE_SLOTS >>> 1) {
      this.#keys.fill(EMPTY);
      this.#size = 0;
      return;
    }
    this.#keys[slot] = key;
    this.#values[slot] = value;
    this.#size++;
  }

  #freeSlot(left: number, right: number): number {
    const keys = this.#keys;
    let slot = pairSlot(left, right);
    while (keys[slot] !== EMPTY) slot = (slot + 1) & (CACHE_SLOTS - 1);
    return slot;
  }
}

/** Seams hash apart from the join of the same two tokens. */
const SEAM_SALT = 0x40000;

function pairSlot(left: number, right: number): number {
  return pairHash(left, right) >>> 16;
}

function pairHash(left: number, right: number): number {
  return Math.imul(left, 0x9e3779b1) ^ Math.imul(right, 0x85ebca6b);
}
