import { internalError, TokmeterError } from '../errors.js';
import { Workspace } from './workspace.js';

/**
 * The mergeable ranks of an encoding as typed arrays: every token's bytes in one flat arena
 * (`bytes`, with `offsets`, indexed by rank) and an open-addressing hash index from bytes to rank.
 * No strings are built from bytes and no Map holds 200k keys; a lookup hashes the bytes in place.
 * The table never changes once built; what encoding with it writes (caches, scratch) is its
 * `workspace`, one object shared by every Encoding over this table (see workspace.ts).
 *
 * That no two ranks share bytes is not re-checked here (it would cost a random probe per token at
 * start-up): the file's SHA-256 is checked on load, and the test suite merges every token of every
 * rank file back to itself.
 */
export class RankTable {
  /** The tokens' bytes, concatenated in rank order. */
  readonly bytes: Uint8Array;
  /** Rank r's bytes are bytes[offsets[r] .. offsets[r + 1]); an empty range means no token has rank r. */
  readonly offsets: Uint32Array;
  /** One more than the highest rank. */
  readonly rankCount: number;
  readonly maxTokenLength: number;
  /** The ranks below `rankCount` that no token has (special tokens take some of those ids). */
  readonly gaps: readonly number[];
  /**
   * A 32-bit digest of every rank's bytes in rank order, taken by the index build as it hashes each
   * token (no extra pass): the index hash of each rank's bytes (an empty rank hashes as empty bytes),
   * folded in order as FNV-1a folds bytes. A file is checked against the digest its generator
   * recorded (encodings/rank-form.ts): a change to one token always changes it (each fold is a
   * bijection of the state), other damage escapes with odds of 2^-32.
   */
  readonly digest: number;
  /**
   * One Int32 per slot: rank + 1 in the low 18 bits (0 marks an empty slot) and a 14-bit tag from
   * the key's hash above them, so most mismatches are rejected without touching the token's bytes.
   */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /**
   * A one-bit-per-key Bloom filter over the tokens' hashes, a power of two of 8–16 bits a token
   * (256 KB for o200k_base): most byte strings that are not tokens, nearly every pair tried while
   * merging a long piece, are turned away by one read of it instead of a probe of the larger index.
   */
  private readonly filter: Int32Array;
  private readonly filterShift: number;

  constructor(lengths: Uint8Array, bytes: Uint8Array) {
    const rankCount = lengths.length;
    if (rankCount >= RANK_LIMIT) throw internalError(`${rankCount} ranks do not fit the ${RANK_BITS}-bit slots`);
    this.rankCount = rankCount;
    this.bytes = bytes;
    this.offsets = new Uint32Array(rankCount + 1);
    this.mask = slotMask(rankCount);
    this.slots = new Int32Array(this.mask + 1);
    this.filterShift = 32 - Math.max(10, 32 - Math.clz32(rankCount * 8 - 1));
    this.filter = new Int32Array(1 << (32 - this.filterShift - 5));
    const gaps: number[] = [];
    const built = indexTokens(lengths, bytes, this.offsets, this.slots, this.filter, this.filterShift, gaps);
    this.maxTokenLength = built.maxTokenLength;
    this.digest = built.digest;
    this.gaps = gaps;
  }

  /** The rank of `key[start..end)`, or -1 when those bytes are not a token. */
  rankOf(key: Uint8Array, start: number, end: number): number {
    if (end - start > this.maxTokenLength) return -1;
    return this.rankOfHashed(key, start, end, hashBytes(key, start, end));
  }

  /** `rankOf` for a caller that has already computed `hashBytes(key, start, end)`. */
  rankOfHashed(key: Uint8Array, start: number, end: number, hash: number): number {
    const bit = filterBit(hash, this.filterShift);
    if ((this.filter[bit >>> 5]! & (1 << (bit & 31))) === 0) return -1;
    const tag = tagOf(hash);
    const slots = this.slots;
    const mask = this.mask;
    for (let slot = homeSlot(hash, mask); ; slot = (slot + 1) & mask) {
      const entry = slots[slot]!;
      if (entry === 0) return -1;
      if (entry >>> RANK_BITS === tag && this.equals((entry & RANK_MASK) - 1, key, start, end)) return (entry & RANK_MASK) - 1;
    }
  }

  /** The caches, scratch and call state of encoding with this table (see workspace.ts), made on first use. */
  get workspace(): Workspace {
    return (this.#workspace ??= new Workspace(this));
  }

  #workspace: Workspace | undefined;

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

/** Ranks are below 2^RANK_BITS (the index slots and the heap keys of merge.ts rely on it). */
export const RANK_BITS = 18;
const RANK_MASK = (1 << RANK_BITS) - 1;
const RANK_LIMIT = RANK_MASK;

function tagOf(hash: number): number {
  return Math.imul(hash, MIX_A) >>> RANK_BITS;
}

function filterBit(hash: number, shift: number): number {
  return Math.imul(hash ^ (hash >>> 16), MIX_B) >>> shift;
}

function homeSlot(hash: number, mask: number): number {
  return (hash ^ (hash >>> 15)) & mask;
}

/** A power of two over 2.5× the ranks: load below 0.4, so a miss (common while merging) usually ends at once. */
function slotMask(rankCount: number): number {
  let capacity = 1;
  while (capacity < rankCount * 2.5) capacity <<= 1;
  return capacity - 1;
}

/**
 * Fills in the tokens' offsets, the index, the filter and the gaps in one pass over the tokens in
 * rank order, and returns the longest token's length and the ranks' digest (RankTable#digest; two
 * operations a token on a hash the index needs anyway). It runs once, cold, at start-up, where every
 * extra loop and call is paid in V8's interpreter before the loop is compiled: inserting in rank
 * order jumps about the index, but sorting the keys by region first (to sweep it once) cost more
 * than the cache misses it saved. `hashBytes`, `filterBit`, `homeSlot` and `tagOf` are written out
 * here (a call per token cost ~2 ms each), the constants are copied to locals (a module constant is
 * a context load in the interpreter), and an arena shorter than the lengths say is caught once,
 * after the loop (a read past its end gives undefined, which the hash takes as 0), not per token.
 * With hashBytes taking two bytes a multiplication, the build of o200k_base's table took 14.0/17.2
 * ms (min/median of 12 fresh processes) instead of 15.3/20.3.
 */
function indexTokens(lengths: Uint8Array, bytes: Uint8Array, offsets: Uint32Array, slots: Int32Array, filter: Int32Array, filterShift: number, gaps: number[]): { maxTokenLength: number; digest: number } {
  const rankCount = lengths.length;
  const mask = slots.length - 1;
  const seed = HASH_SEED;
  const prime = HASH_PRIME;
  const mixA = MIX_A;
  const mixB = MIX_B;
  const rankBits = RANK_BITS;
  let at = 0;
  let maxTokenLength = 0;
  let digest = seed;
  for (let rank = 0; rank < rankCount; rank++) {
    offsets[rank] = at;
    const length = lengths[rank]!;
    if (length === 0) {
      gaps.push(rank);
      digest = Math.imul(digest ^ seed, prime);
      continue;
    }
    const end = at + length;
    let hash = seed ^ length;
    let i = at;
    for (; i + 1 < end; i += 2) hash = Math.imul(hash ^ (bytes[i]! | (bytes[i + 1]! << 8)), prime);
    if (i < end) hash = Math.imul(hash ^ bytes[i]!, prime);
    digest = Math.imul(digest ^ hash, prime);
    const bit = Math.imul(hash ^ (hash >>> 16), mixB) >>> filterShift;
    filter[bit >>> 5]! |= 1 << (bit & 31);
    let slot = (hash ^ (hash >>> 15)) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = (rank + 1) | ((Math.imul(hash, mixA) >>> rankBits) << rankBits);
    if (length > maxTokenLength) maxTokenLength = length;
    at = end;
  }
  if (at !== bytes.length) throw arenaMismatch(lengths, bytes);
  offsets[rankCount] = at;
  return { maxTokenLength, digest: digest >>> 0 };
}

/** Damaged data, not a bug: a rank file's loader (encodings/rank-form.ts) names the file. */
function arenaMismatch(lengths: Uint8Array, bytes: Uint8Array): TokmeterError {
  let total = 0;
  for (let rank = 0; rank < lengths.length; rank++) total += lengths[rank]!;
  return new TokmeterError('ENCODING_DATA_CORRUPT', `token lengths add up to ${total} bytes but the arena holds ${bytes.length}`);
}

/** FNV-1a's offset basis and prime, also for the memo's hash of pieces (memo-hash.ts). */
export const HASH_SEED = 0x811c9dc5 | 0;
export const HASH_PRIME = 0x01000193;

/** The index's two odd multipliers (the golden ratio's, and MurmurHash3's first). */
const MIX_A = 0x9e3779b1 | 0;
const MIX_B = 0x85ebca6b | 0;

/**
 * The index's hash of `key[start..end)`: FNV-1a over the length and then two bytes at a time
 * (one multiplication per two bytes, half as many as byte by byte, with no loss in spread: 4 of
 * o200k_base's tokens share their hash with another, 3 byte by byte, and a hit costs 1.31 probes
 * either way). Hashing a fixed twelve bytes at most built the index faster still (11.4/16.5 ms) but
 * made lookups of 2–24-byte spans of code 6% slower; this form made them 8% faster.
 */
export function hashBytes(key: Uint8Array, start: number, end: number): number {
  let hash = HASH_SEED ^ (end - start);
  let i = start;
  for (; i + 1 < end; i += 2) hash = Math.imul(hash ^ (key[i]! | (key[i + 1]! << 8)), HASH_PRIME);
  if (i < end) hash = Math.imul(hash ^ key[i]!, HASH_PRIME);
  return hash;
}

/** A 32-bit digest as error messages and generated files write it: 0x and eight hex digits. */
export function digestText(digest: number): string {
  return `0x${(digest >>> 0).toString(16).padStart(8, '0')}`;
}
