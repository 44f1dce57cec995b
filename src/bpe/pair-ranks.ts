import type { RankTable } from './rank-table.js';

const EMPTY = -1;
const UNKNOWN = -2;
const CACHE_SLOTS = 1 << 16;
const CACHE_LIMIT = (CACHE_SLOTS * 0.7) | 0;
const SHORT_MISS_BYTES = 8;

/**
 * What two adjacent tokens merge into, looked up by their ranks rather than by hashing and
 * comparing their bytes: the merge loops know each part's rank, so most lookups are one probe of a
 * small integer-keyed table.
 *
 * - Pairs of single bytes, where every merge starts, come from a 65,536-entry table filled in as
 *   pairs are first seen (building it whole took 5–10 ms of cold start).
 * - Other pairs go through a bounded cache in front of the rank table; text repeats its pairs, so
 *   most hit. The cache is emptied when full rather than evicting one by one: simpler, and refilling
 *   is cheap. Short pairs that are not tokens are not kept (see `join`).
 */
export class PairRanks {
  readonly byteRanks: Int32Array;
  readonly #keys = new Float64Array(CACHE_SLOTS).fill(EMPTY);
  readonly #values = new Int32Array(CACHE_SLOTS);
  #size = 0;
  readonly #table: RankTable;

  constructor(table: RankTable) {
    this.#table = table;
    this.byteRanks = new Int32Array(256);
    const single = new Uint8Array(1);
    for (let byte = 0; byte < 256; byte++) {
      single[0] = byte;
      this.byteRanks[byte] = table.rankOf(single, 0, 1);
    }
  }

  /** Pairs of tokens checked by the long-piece merge (merge-long.ts), by `left * 2^18 + right`: whether they are a valid meeting. */
  readonly validPairs = new Map<number, boolean>();

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
    const key = left * 262144 + right; // ranks are below 2^18
    const keys = this.#keys;
    let slot = (Math.imul(left, 0x9e3779b1) ^ Math.imul(right, 0x85ebca6b)) >>> 16;
    for (;;) {
      const found = keys[slot]!;
      if (found === key) return this.#values[slot]!;
      if (found === EMPTY) break;
      slot = (slot + 1) & (CACHE_SLOTS - 1);
    }
    const rank = this.#table.rankOf(piece, start, end);
    // A short non-token is cheaper to look up again (the rank table's filter turns most away) than
    // to keep: random text tries mostly new pairs, and storing them costs a cache miss each.
    if (rank < 0 && end - start <= SHORT_MISS_BYTES) return rank;
    if (this.#size >= CACHE_LIMIT) {
      keys.fill(EMPTY);
      this.#size = 0;
      return rank;
    }
    keys[slot] = key;
    this.#values[slot] = rank;
    this.#size++;
    return rank;
  }
}

