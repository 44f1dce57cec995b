import { PairRanks } from './pair-ranks.js';

/**
 * The mergeable ranks of an encoding as typed arrays: every token's bytes in one flat arena
 * (`bytes`, with `offsets`, indexed by rank) and an open-addressing hash index from bytes to rank.
 * No strings are built from bytes and no Map holds 200k keys; a lookup hashes the bytes in place.
 */
export class RankTable {
  /** The tokens' bytes, concatenated in rank order. */
  readonly bytes: Uint8Array;
  /** Rank r's bytes are bytes[offsets[r] .. offsets[r + 1]); an empty range means no token has rank r. */
  readonly offsets: Uint32Array;
  /** One more than the highest rank. */
  readonly rankCount: number;
  readonly maxTokenLength: number;
  /** Two Int32 per slot: rank + 1 (0 marks an empty slot) and the key's full hash. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(lengths: Uint8Array, bytes: Uint8Array) {
    const rankCount = lengths.length;
    const offsets = new Uint32Array(rankCount + 1);
    let at = 0;
    let maxTokenLength = 0;
    for (let rank = 0; rank < rankCount; rank++) {
      offsets[rank] = at;
      const length = lengths[rank]!;
      at += length;
      if (length > maxTokenLength) maxTokenLength = length;
    }
    offsets[rankCount] = at;
    if (at !== bytes.length) {
      throw new Error(`token lengths add up to ${at} bytes but the arena holds ${bytes.length}`);
    }
    this.bytes = bytes;
    this.offsets = offsets;
    this.rankCount = rankCount;
    this.maxTokenLength = maxTokenLength;

    // Load factor below 0.4: a miss (the common case while merging) usually ends at the first slot.
    let capacity = 1;
    while (capacity < rankCount * 2.5) capacity <<= 1;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity * 2);
    for (let rank = 0; rank < rankCount; rank++) {
      const start = offsets[rank]!;
      const end = offsets[rank + 1]!;
      if (start === end) continue;
      const hash = hashBytes(bytes, start, end);
      let slot = (hash ^ (hash >>> 15)) & this.mask;
      while (this.slots[slot * 2] !== 0) {
        if (this.slots[slot * 2 + 1] === hash && this.equals(this.slots[slot * 2]! - 1, bytes, start, end)) {
          throw new Error(`ranks ${this.slots[slot * 2]! - 1} and ${rank} have the same bytes`);
        }
        slot = (slot + 1) & this.mask;
      }
      this.slots[slot * 2] = rank + 1;
      this.slots[slot * 2 + 1] = hash;
    }
  }

  /** The rank of `key[start..end)`, or -1 when those bytes are not a token. */
  rankOf(key: Uint8Array, start: number, end: number): number {
    if (end - start > this.maxTokenLength) return -1;
    const hash = hashBytes(key, start, end);
    const slots = this.slots;
    let slot = (hash ^ (hash >>> 15)) & this.mask;
    for (;;) {
      const entry = slots[slot * 2]!;
      if (entry === 0) return -1;
      if (slots[slot * 2 + 1] === hash && this.equals(entry - 1, key, start, end)) return entry - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Pair lookups by rank for the merge loops, made on first use. */
  get pairs(): PairRanks {
    return (this.#pairs ??= new PairRanks(this));
  }

  #pairs: PairRanks | undefined;

  /** The bytes of `rank`, a view into the arena (empty when no token has this rank). */
  tokenBytes(rank: number): Uint8Array {
    return this.bytes.subarray(this.offsets[rank]!, this.offsets[rank + 1]!);
  }

  private equals(rank: number, key: Uint8Array, start: number, end: number): boolean {
    const at = this.offsets[rank]!;
    if (this.offsets[rank + 1]! - at !== end - start) return false;
    const bytes = this.bytes;
    for (let i = start; i < end; i++) if (bytes[at + i - start] !== key[i]) return false;
    return true;
  }
}

/** FNV-1a over bytes, 32-bit. */
export function hashBytes(key: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ key[i]!, 0x01000193);
  return hash;
}
