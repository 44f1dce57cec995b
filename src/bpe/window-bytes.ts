import { UnitsBuffer } from '../platform/host.js';

const encoder = new TextEncoder();

/**
 * A window of text as UTF-8, for the encode loop's byte mode: one native `encodeInto` call, into a
 * buffer reused from call to call, followed by a sentinel byte (0x80, never ASCII) that stops the
 * byte scanners' runs without a bounds test.
 */
export class WindowBytes {
  bytes: Uint8Array;
  /** The same buffer, for reading four bytes at a time. */
  view: DataView;
  /** How many bytes the last `encode` wrote. */
  length = 0;

  readonly #largest: number;

  /**
   * Room for `units` at first; growing by doubling, but not past room for `largestUnits` unless a
   * window needs it.
   */
  constructor(units: number, largestUnits: number) {
    this.bytes = new Uint8Array(capacityFor(units));
    this.view = new DataView(this.bytes.buffer);
    this.#largest = capacityFor(largestUnits);
  }

  /**
   * Encodes text[start..stop) and returns the bytes, or null when its UTF-8 is more than one byte in
   * sixteen longer than its units (a unit outside ASCII takes two or three bytes): such text is
   * read faster as UTF-16 units.
   */
  encode(text: string, start: number, stop: number): Uint8Array | null {
    const units = stop - start;
    if (capacityFor(units) > this.bytes.length) {
      this.bytes = new Uint8Array(Math.max(capacityFor(units), Math.min(2 * this.bytes.length, this.#largest)));
      this.view = new DataView(this.bytes.buffer);
    }
    const window = start === 0 && stop === text.length ? text : text.slice(start, stop);
    const written = encoder.encodeInto(window, this.bytes).written;
    if (written - units > units >>> 4) return null;
    this.bytes[written] = 0x80;
    this.length = written;
    return this.bytes;
  }
}

/**
 * Three bytes a unit at most (a surrogate pair is four bytes for two units), then the sentinel and
 * room for a four-byte read that starts at the window's last byte.
 */
function capacityFor(units: number): number {
  return 3 * units + 8;
}

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

  /** Room for `units` at first; growing as `WindowBytes` does, up to room for `largestUnits`. */
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
