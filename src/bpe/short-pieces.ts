import { internalError } from '../errors.js';

/** What `ShortPieces.get` returns for a piece it holds nothing about. */
export const NOT_FOUND = -2;

/**
 * What the encode loops tell their cold path of a piece (learnPiece in learn-piece.ts): it is not a
 * short ASCII piece; it is one that ShortPieces holds nothing about; it is one that ShortPieces
 * knows is not one token.
 */
export const NOT_SHORT = 0;
export const NEW_SHORT = 1;
export const KNOWN_SHORT = 2;

/**
 * The commonest pieces, ASCII of at most 8 characters (" the", "ing", ",") that are one token, by
 * their characters packed eight bits each into two 32-bit words — the low word the last four
 * characters, the high word those before them, the first character highest — which is how the
 * encode loop's byte mode reads them from UTF-8, four bytes at a time: a lookup is one probe and
 * three integer compares — no hash over the bytes, no byte-by-byte compare. (ASCII's top bit is 0,
 * so the words are non-negative Int32 values; above 2^30 V8 boxes them when they are passed to a
 * call it does not inline, which only the encode loop's cold path does.) Open addressing with linear
 * probing; the table starts small, doubles (keeping its entries) at half full up to 32,768 slots
 * (512 KB), and at its largest is emptied when half full. The WebAssembly byte loop reads the same
 * table from its own memory, where `moveInto` puts it (see byte-kernel.ts).
 */
export class ShortPieces {
  static readonly MAX_LENGTH = 8;
  readonly #maxSlotBits: number;
  #slotBits = MIN_SHORT_SLOT_BITS;
  /** Four Int32 per slot: low word, high word, length (0 = empty), rank; the table is its first 4 << slotBits. */
  #slots: Int32Array = new Int32Array(4 << MIN_SHORT_SLOT_BITS);
  /** Where the slot bits are published for the byte loop, once the table has moved into its memory. */
  #published: Int32Array | null = null;
  #size = 0;

  /** The limit is for tests, which make it tiny to exercise emptying. */
  constructor(maxSlotBits = MAX_SHORT_SLOT_BITS) {
    this.#maxSlotBits = Math.max(maxSlotBits, MIN_SHORT_SLOT_BITS);
  }

  /** The table has 1 << slotBits slots. */
  get slotBits(): number {
    return this.#slotBits;
  }

  /** The rank of the piece packed as (`low`, `high`, `length`), -1 when it is known not to be one token, or NOT_FOUND. */
  get(low: number, high: number, length: number): number {
    const slots = this.#slots;
    const mask = (4 << this.#slotBits) - 1;
    for (let at = shortSlot(low, high, length, this.#slotBits) << 2; ; at = (at + 4) & mask) {
      const slotLength = slots[at + 2]!;
      if (slotLength === 0) return NOT_FOUND;
      if (slots[at] === low && slots[at + 1] === high && slotLength === length) return slots[at + 3]!;
    }
  }

  /** Records the rank of a piece that `get` did not find. */
  add(low: number, high: number, length: number, rank: number): void {
    if (this.#size >= (1 << this.#slotBits) >>> 1) {
      if (this.#slotBits < this.#maxSlotBits) {
        this.#grow();
      } else {
        this.#slots.fill(0, 0, 4 << this.#slotBits);
        this.#size = 0;
      }
    }
    this.#size++;
    this.#put(low, high, length, rank);
  }

  #put(low: number, high: number, length: number, rank: number): void {
    const slots = this.#slots;
    const mask = (4 << this.#slotBits) - 1;
    let at = shortSlot(low, high, length, this.#slotBits) << 2;
    while (slots[at + 2] !== 0) at = (at + 4) & mask;
    slots[at] = low;
    slots[at + 1] = high;
    slots[at + 2] = length;
    slots[at + 3] = rank;
  }

  /**
   * Moves the table into `slots`, room for the largest table (4 << maxSlotBits Int32), and from
   * then on writes its slot bits to `published[0]` whenever they change.
   */
  moveInto(slots: Int32Array, published: Int32Array): void {
    if (slots.length < 4 << this.#maxSlotBits) throw internalError(`ShortPieces needs ${4 << this.#maxSlotBits} Int32 of room, not ${slots.length}`);
    slots.fill(0);
    slots.set(this.#slots.subarray(0, 4 << this.#slotBits));
    this.#slots = slots;
    this.#published = published;
    published[0] = this.#slotBits;
  }

  /** Doubles the table, keeping its entries (in place once it has moved; see moveInto). */
  #grow(): void {
    const old = this.#slots.slice(0, 4 << this.#slotBits);
    this.#slotBits++;
    if (this.#published === null) this.#slots = new Int32Array(4 << this.#slotBits);
    else this.#slots.fill(0, 0, 4 << this.#slotBits);
    for (let at = 0; at < old.length; at += 4) if (old[at + 2] !== 0) this.#put(old[at]!, old[at + 1]!, old[at + 2]!, old[at + 3]!);
    if (this.#published !== null) this.#published[0] = this.#slotBits;
  }
}

const MIN_SHORT_SLOT_BITS = 10;
const MAX_SHORT_SLOT_BITS = 15;

/** The first slot of the key (low, high, length) in a table of 1 << slotBits (the byte loop has the same). */
export function shortSlot(low: number, high: number, length: number, slotBits: number): number {
  return Math.imul(low ^ Math.imul(high ^ length, 0x9e3779b1), 0x85ebca6b) >>> (32 - slotBits);
}
