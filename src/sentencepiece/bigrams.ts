const EMPTY = -1;

/**
 * Which pairs of adjacent characters occur inside some piece. Where two neighbouring characters of
 * the text form a pair that no piece holds, no merge can ever join them — a merge makes a piece,
 * and that piece would hold the pair — so BPE on the text equals BPE on the two sides apart. The
 * encoder cuts its words there (README.md): a space after a letter (no piece has a letter followed
 * by `▁`), between most CJK characters and punctuation, around characters that are no piece.
 *
 * Gemma 3's 262,144 pieces hold 34,012 distinct pairs. ASCII pairs are answered by a bit matrix,
 * the others by an open-addressing table of code point pairs.
 */
export class PieceBigrams {
  /** Bit `a * 128 + b` set when the pair (a, b) of ASCII characters occurs. */
  readonly #ascii = new Uint32Array((128 * 128) / 32);
  #firsts = new Int32Array(1 << 12).fill(EMPTY);
  #seconds = new Int32Array(1 << 12);
  #mask = (1 << 12) - 1;
  #size = 0;

  /** `pairs`: a0, b0, a1, b1, … (the form's list, which scripts/convert-gemma3.mjs derives from the pieces). */
  constructor(pairs: Int32Array) {
    for (let i = 0; i < pairs.length; i += 2) this.#add(pairs[i]!, pairs[i + 1]!);
  }

  #add(a: number, b: number): void {
    if (a < 128 && b < 128) {
      const bit = a * 128 + b;
      this.#ascii[bit >>> 5]! |= 1 << (bit & 31);
      return;
    }
    let slot = hashPair(a, b) & this.#mask;
    for (;;) {
      const first = this.#firsts[slot]!;
      if (first === EMPTY) {
        this.#firsts[slot] = a;
        this.#seconds[slot] = b;
        if (++this.#size * 2 > this.#mask) this.#grow(); // at least twice as many slots as pairs
        return;
      }
      if (first === a && this.#seconds[slot] === b) return;
      slot = (slot + 1) & this.#mask;
    }
  }

  #grow(): void {
    const firsts = this.#firsts;
    const seconds = this.#seconds;
    this.#firsts = new Int32Array(firsts.length * 2).fill(EMPTY);
    this.#seconds = new Int32Array(firsts.length * 2);
    this.#mask = firsts.length * 2 - 1;
    this.#size = 0;
    for (let slot = 0; slot < firsts.length; slot++) if (firsts[slot] !== EMPTY) this.#add(firsts[slot]!, seconds[slot]!);
  }

  /** Whether some piece holds code point `a` directly followed by `b`. */
  occurs(a: number, b: number): boolean {
    if (a < 128 && b < 128) {
      const bit = a * 128 + b;
      return (this.#ascii[bit >>> 5]! & (1 << (bit & 31))) !== 0;
    }
    let slot = hashPair(a, b) & this.#mask;
    for (;;) {
      const first = this.#firsts[slot]!;
      if (first === EMPTY) return false;
      if (first === a && this.#seconds[slot] === b) return true;
      slot = (slot + 1) & this.#mask;
    }
  }
}

function hashPair(a: number, b: number): number {
  let hash = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b);
  hash ^= hash >>> 15;
  return Math.imul(hash, 0x2c1b3c6d) >>> 0;
}
