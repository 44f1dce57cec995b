const SLOTS = 16384;
const WIDTH = 16;
export const NOT_FOUND = -2;

/**
 * A small direct-mapped cache of recent whole-piece lookups, in front of the rank table: pieces of
 * up to 16 bytes, their hash, and their rank (or -1 for "not a token"). Word frequencies are
 * skewed, so most pieces of real text are among the last few thousand distinct ones, and these 400 KB
 * stay in the CPU cache where the 2 MB index and the token arena do not: a hit costs a hash
 * compare and a short byte compare instead of two or three cache misses.
 */
export class RecentPieces {
  readonly #hashes = new Int32Array(SLOTS);
  readonly #ranks = new Int32Array(SLOTS).fill(NOT_FOUND);
  readonly #lengths = new Uint8Array(SLOTS);
  readonly #bytes = new Uint8Array(SLOTS * WIDTH);

  /** The cached rank of `key[0..length)` with hash `hash`, or NOT_FOUND when it is not cached. */
  get(key: Uint8Array, length: number, hash: number): number {
    const slot = (hash ^ (hash >>> 12)) & (SLOTS - 1);
    if (this.#hashes[slot] !== hash || this.#lengths[slot] !== length) return NOT_FOUND;
    const bytes = this.#bytes;
    const at = slot * WIDTH;
    for (let i = 0; i < length; i++) if (bytes[at + i] !== key[i]) return NOT_FOUND;
    return this.#ranks[slot]!;
  }

  set(key: Uint8Array, length: number, hash: number, rank: number): void {
    if (length > WIDTH) return;
    const slot = (hash ^ (hash >>> 12)) & (SLOTS - 1);
    this.#hashes[slot] = hash;
    this.#lengths[slot] = length;
    this.#ranks[slot] = rank;
    const bytes = this.#bytes;
    const at = slot * WIDTH;
    for (let i = 0; i < length; i++) bytes[at + i] = key[i]!;
  }
}

const SHORT_SLOT_BITS = 14;

/**
 * The same idea for the commonest pieces, ASCII of at most 8 characters (" the", "ing", ","): the
 * characters themselves, packed into two Int32 words, are the key, so a lookup is one probe and
 * three integer compares — no hash chain over the bytes, no byte-by-byte compare.
 */
export class RecentShortPieces {
  static readonly MAX_LENGTH = 8;
  /** Four Int32 per slot, in one cache line: low word, high word, length (0 = empty), rank. */
  readonly #slots = new Int32Array(4 << SHORT_SLOT_BITS);

  /** The cached rank of the piece packed as (`low`, `high`, `length`), or NOT_FOUND. */
  get(low: number, high: number, length: number): number {
    const at = shortSlot(low, high, length) << 2;
    const slots = this.#slots;
    if (slots[at] !== low || slots[at + 1] !== high || slots[at + 2] !== length) return NOT_FOUND;
    return slots[at + 3]!;
  }

  set(low: number, high: number, length: number, rank: number): void {
    const at = shortSlot(low, high, length) << 2;
    const slots = this.#slots;
    slots[at] = low;
    slots[at + 1] = high;
    slots[at + 2] = length;
    slots[at + 3] = rank;
  }
}

function shortSlot(low: number, high: number, length: number): number {
  return Math.imul(low ^ Math.imul(high ^ length, 0x9e3779b1), 0x85ebca6b) >>> (32 - SHORT_SLOT_BITS);
}
