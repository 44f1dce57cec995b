import { UnitsBuffer } from '../platform/host.js';

/**
 * A window of text as a copy of its UTF-16 units, for the encode loop's wide mode, in a buffer
 * reused from call to call. On Node the copy is one native `Buffer#write` (a copy of the string's
 * memory, ~20 G units/s here; platform/host.ts). A loop reads a Uint16Array ~1.5× as fast as
 * `charCodeAt` on a flat string, and faster still on a slice of a larger string, whose every
 * `charCodeAt` goes through the parent.
 */
export class WindowUnits {
  #buffer: UnitsBuffer;
  /** How many units the last `copy` wrote. */
  length = 0;

  readonly #largest: number;

  /**
   * Room for `units` at first; growing by doubling, but not past room for `largestUnits` unless a
   * window needs it.
   */
  constructor(units: number, largestUnits: number) {
    this.#buffer = new UnitsBuffer(units);
    this.#largest = largestUnits;
  }

  /** The room in units: the buffer's size. */
  get capacity(): number {
    return this.#buffer.units.length;
  }

  /** Copies text[start..stop) and returns the units (the copy of text[start + i] at i). */
  copy(text: string, start: number, stop: number): Uint16Array {
    const units = stop - start;
    if (units > this.#buffer.units.length) {
      this.#buffer = new UnitsBuffer(Math.max(units, Math.min(2 * this.#buffer.units.length, this.#largest)));
    }
    this.#buffer.write(start === 0 && stop === text.length ? text : text.slice(start, stop));
    this.length = units;
    return this.#buffer.units;
  }
}
