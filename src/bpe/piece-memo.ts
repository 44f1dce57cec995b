/**
 * Pieces already tokenized, keyed by their UTF-16 units, with their tokens: where the encode loop
 * looks up every piece of up to 256 units that ShortPieces does not answer. Words repeat (a few
 * thousand distinct pieces make up most of any text), so most pieces are answered here by one hash
 * over their characters, one slot and a compare — no UTF-8 encoding, no string, no probe of the
 * 2 MB rank index.
 *
 * Layout: an open-addressing table (linear probing) of 8-Int32 slots (32 bytes):
 *   0  hash of the units (see `hashUnits` in memo-hash.ts)
 *   1  length in units << 16 | token count (0: empty slot)
 *   2  the token when the count is 1, else where the tokens start in `#tokens`
 *   3  where the units start in `#keys`, for pieces longer than 8 units
 *   4–7  the units of pieces of at most 8 units, in place (read through a Uint16Array view)
 * Some pieces are remembered only on their second sighting (a direct-mapped table of the hashes
 * offered once says which): those longer than 64 units always — long pieces (lines of Thai or Khmer,
 * which write no spaces) seldom repeat outside a benchmark, and each would take up to 256 units of
 * the key arena, whose filling empties the whole memo, short words and all — and every piece for a
 * while after the memo was emptied, or when it is about to grow although fewer than one in 16 of
 * the pieces it remembered since it last grew were asked for again: text whose pieces do not repeat
 * (base64, random data) would otherwise grow it, fill it and empty it over and over, paying to
 * remember what is never asked for again (1 MB of base64, one count in a fresh process: about 10%
 * faster for the emptying rule, 20% more for the growing one).
 *
 * The table starts at 1,024 slots and doubles (keeping its entries) whenever it is half full, up to
 * 65,536 slots (2 MB: room for the distinct pieces of several languages at once); the arenas for
 * long keys and multi-token results grow the same way. At the largest size, a full table or arena
 * is emptied and refilled — simpler than evicting, and rare: the benchmark's five corpora together
 * fit.
 */
export class PieceMemo {
  static readonly MAX_LENGTH = 256;
  /** Pieces up to this length are remembered at once, longer ones when seen a second time. */
  static readonly ADMIT_AT_ONCE = 64;

  readonly #maxSlotBits: number;
  readonly #maxArena: number;
  #slotBits = MIN_SLOT_BITS;
  #slots = new Int32Array(SLOT_INTS << MIN_SLOT_BITS);
  #units = new Uint16Array(this.#slots.buffer);
  #size = 0;
  #keys = new Uint16Array(MIN_ARENA);
  #keyTop = 0;
  #tokens = new Int32Array(MIN_ARENA);
  #tokenTop = 0;
  /**
   * Hash + 1 of the last piece offered once at each index (direct-mapped by hash) and not
   * remembered; made on first need, as most texts never need it.
   */
  #sightings: Int32Array | null = null;
  /**
   * For how many more offered pieces every piece needs a second sighting: set when the memo is
   * emptied, and when it is about to grow but few of its pieces were asked for again.
   */
  #wary = 0;
  /** Pieces found, and pieces remembered, since the table last grew or was emptied. */
  #hits = 0;
  #added = 0;

  /** The limits are for tests, which make them tiny to exercise growing and emptying. */
  constructor(maxSlotBits = MAX_SLOT_BITS, maxArena = MAX_ARENA) {
    this.#maxSlotBits = Math.max(maxSlotBits, MIN_SLOT_BITS);
    this.#maxArena = Math.max(maxArena, MIN_ARENA);
  }

  /** The slot (an index into the table) holding text[start..start+length), or -1. */
  find(text: string, start: number, length: number, hash: number): number {
    const slots = this.#slots;
    const mask = (SLOT_INTS << this.#slotBits) - 1;
    for (let at = slotIndex(hash, this.#slotBits) * SLOT_INTS; ; at = (at + SLOT_INTS) & mask) {
      const meta = slots[at + 1]!;
      if (meta === 0) return -1;
      if (slots[at] === hash && meta >>> 16 === length && this.#sameUnits(at, text, start, length)) return at;
    }
  }

  /**
   * `find` for an ASCII piece read as bytes, bytes[start..start+length) (the encode loop's byte
   * mode): the same slot as for the same characters in a string, as an ASCII byte and its UTF-16
   * unit are the same number.
   */
  findAscii(bytes: Uint8Array, start: number, length: number, hash: number): number {
    const slots = this.#slots;
    const mask = (SLOT_INTS << this.#slotBits) - 1;
    for (let at = slotIndex(hash, this.#slotBits) * SLOT_INTS; ; at = (at + SLOT_INTS) & mask) {
      const meta = slots[at + 1]!;
      if (meta === 0) return -1;
      if (slots[at] === hash && meta >>> 16 === length && this.#sameBytes(at, bytes, start, length)) return at;
    }
  }

  /**
   * `find` for a piece read from a copy of the text's UTF-16 units, units[start..start+length)
   * (the unit loop's wide mode): the same slot as for the same units in a string.
   */
  findWide(units: Uint16Array, start: number, length: number, hash: number): number {
    const slots = this.#slots;
    const mask = (SLOT_INTS << this.#slotBits) - 1;
    for (let at = slotIndex(hash, this.#slotBits) * SLOT_INTS; ; at = (at + SLOT_INTS) & mask) {
      const meta = slots[at + 1]!;
      if (meta === 0) return -1;
      if (slots[at] === hash && meta >>> 16 === length && this.#sameWide(at, units, start, length)) return at;
    }
  }

  #sameWide(at: number, units: Uint16Array, start: number, length: number): boolean {
    const keys = length <= INLINE_UNITS ? this.#units : this.#keys;
    const k = length <= INLINE_UNITS ? (at + 4) << 1 : this.#slots[at + 3]!;
    for (let i = 0; i < length; i++) if (keys[k + i] !== units[start + i]) return false;
    return true;
  }

  #sameBytes(at: number, bytes: Uint8Array, start: number, length: number): boolean {
    const keys = length <= INLINE_UNITS ? this.#units : this.#keys;
    const k = length <= INLINE_UNITS ? (at + 4) << 1 : this.#slots[at + 3]!;
    for (let i = 0; i < length; i++) if (keys[k + i] !== bytes[start + i]) return false;
    return true;
  }

  #sameUnits(at: number, text: string, start: number, length: number): boolean {
    if (length <= INLINE_UNITS) {
      const units = this.#units;
      const u = (at + 4) << 1;
      for (let i = 0; i < length; i++) if (units[u + i] !== text.charCodeAt(start + i)) return false;
    } else {
      const keys = this.#keys;
      const k = this.#slots[at + 3]!;
      for (let i = 0; i < length; i++) if (keys[k + i] !== text.charCodeAt(start + i)) return false;
    }
    return true;
  }

  /**
   * Answers a piece from slot `at` (found by `find`, `findAscii` or `findWide`): its number of
   * tokens. The answer is counted; growing weighs how many there were (see `add`).
   */
  answer(at: number): number {
    this.#hits++;
    return this.#slots[at + 1]! & 0xffff;
  }

  /**
   * Counts `answers` pieces answered in front of the memo (by the byte loop's PieceCounts), which
   * it would otherwise have answered: growing weighs them as its own (see `add`).
   */
  countAnswers(answers: number): void {
    this.#hits += answers;
  }

  /** Appends the tokens of the piece in slot `at` to `out`. */
  pushTokens(at: number, out: number[]): void {
    const slots = this.#slots;
    const count = slots[at + 1]! & 0xffff;
    if (count === 1) {
      out.push(slots[at + 2]!);
      return;
    }
    const tokens = this.#tokens;
    for (let i = slots[at + 2]!, stop = i + count; i < stop; i++) out.push(tokens[i]!);
  }

  /**
   * Remembers that text[start..start+length) (hash `hash`, not in the memo) is `tokens[0..count)`,
   * or only notes the sighting (see the class comment).
   */
  add(text: string, start: number, length: number, hash: number, tokens: Int32Array, count: number): void {
    if (length > PieceMemo.MAX_LENGTH || count > 0xffff) return;
    // About to grow for pieces that are seldom asked for again (text that does not repeat, such as
    // base64): be wary instead, as after an emptying.
    const growing = this.#size >= (1 << this.#slotBits) >>> 1 && this.#slotBits < this.#maxSlotBits;
    if (growing && this.#wary === 0 && this.#hits * LOW_YIELD < this.#added) this.#wary = this.#waryOffers();
    const wary = this.#wary > 0;
    if (wary) this.#wary--;
    if (length > PieceMemo.ADMIT_AT_ONCE || wary) {
      const sightings = (this.#sightings ??= new Int32Array(SIGHTINGS));
      const sighting = hash & (SIGHTINGS - 1);
      if (sightings[sighting] !== hash + 1) {
        sightings[sighting] = hash + 1;
        return;
      }
    }
    if (this.#size >= (1 << this.#slotBits) >>> 1) {
      if (this.#slotBits < this.#maxSlotBits) this.#grow();
      else this.#reset();
    }
    this.#added++;
    if (length > INLINE_UNITS && !this.#reserve(length, 0)) return;
    if (count > 1 && !this.#reserve(0, count)) return;
    this.#size++;
    const slots = this.#slots;
    const at = this.#freeSlot(hash);
    slots[at] = hash;
    slots[at + 1] = (length << 16) | count;
    if (count === 1) {
      slots[at + 2] = tokens[0]!;
    } else {
      // A loop, not `set` of a `subarray`: a view made and a builtin called for a few tokens cost
      // more than the copy (the largest line of `add` on fresh Chinese and poetry).
      const top = this.#tokenTop;
      const kept = this.#tokens;
      slots[at + 2] = top;
      for (let i = 0; i < count; i++) kept[top + i] = tokens[i]!;
      this.#tokenTop = top + count;
    }
    if (length <= INLINE_UNITS) {
      const units = this.#units;
      const u = (at + 4) << 1;
      for (let i = 0; i < length; i++) units[u + i] = text.charCodeAt(start + i);
    } else {
      slots[at + 3] = this.#keyTop;
      const keys = this.#keys;
      for (let i = 0; i < length; i++) keys[this.#keyTop++] = text.charCodeAt(start + i);
    }
  }

  /** Makes room for `units` key units and `tokens` tokens; false when the memo was emptied instead. */
  #reserve(units: number, tokens: number): boolean {
    if (this.#keyTop + units > this.#keys.length) {
      if (this.#keys.length >= this.#maxArena) return this.#reset();
      const keys = new Uint16Array(this.#keys.length * 2);
      keys.set(this.#keys);
      this.#keys = keys;
    }
    if (this.#tokenTop + tokens > this.#tokens.length) {
      if (this.#tokens.length >= this.#maxArena) return this.#reset();
      const grown = new Int32Array(this.#tokens.length * 2);
      grown.set(this.#tokens);
      this.#tokens = grown;
    }
    return true;
  }

  /** Doubles the table, moving every entry (their keys and tokens stay where they are in the arenas). */
  #grow(): void {
    this.#hits = 0;
    this.#added = 0;
    const old = this.#slots;
    this.#slotBits++;
    const slots = (this.#slots = new Int32Array(SLOT_INTS << this.#slotBits));
    this.#units = new Uint16Array(slots.buffer);
    for (let from = 0; from < old.length; from += SLOT_INTS) {
      if (old[from + 1] === 0) continue;
      const at = this.#freeSlot(old[from]!);
      for (let k = 0; k < SLOT_INTS; k++) slots[at + k] = old[from + k]!;
    }
  }

  /** The first empty slot on the probe path of `hash`. */
  #freeSlot(hash: number): number {
    const slots = this.#slots;
    const mask = slots.length - 1;
    let at = slotIndex(hash, this.#slotBits) * SLOT_INTS;
    while (slots[at + 1] !== 0) at = (at + SLOT_INTS) & mask;
    return at;
  }

  /** Wary for as many offers as would fill the memo WARY_FILLS times over. */
  #waryOffers(): number {
    return ((1 << this.#maxSlotBits) >>> 1) * WARY_FILLS;
  }

  /** Empties the memo (at its largest size, when the table or an arena is full). */
  #reset(): false {
    this.#wary = this.#waryOffers();
    this.#hits = 0;
    this.#added = 0;
    this.#slots.fill(0);
    this.#size = 0;
    this.#keyTop = 0;
    this.#tokenTop = 0;
    return false;
  }
}

const SLOT_INTS = 8;
const INLINE_UNITS = 8;
const MIN_SLOT_BITS = 10;
const MAX_SLOT_BITS = 16;
const MIN_ARENA = 1 << 12;
const MAX_ARENA = 1 << 18;
/** 16,384 sightings (64 KB): room to notice a repeat among the pieces of a few hundred KB of text. */
const SIGHTINGS = 1 << 14;
/** How long the memo stays wary after it is emptied, in fills' worth of offered pieces. */
const WARY_FILLS = 4;
/** The memo grows only if, since it last grew, it answered at least one piece for every LOW_YIELD it remembered. */
const LOW_YIELD = 16;

function slotIndex(hash: number, slotBits: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> (32 - slotBits);
}
