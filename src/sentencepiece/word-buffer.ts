import { SPACE_MARK_BYTES } from './vocabulary.js';

/**
 * The word being gathered: its normalised UTF-8 bytes (a space written as `▁`, a lone surrogate as
 * U+FFFD, as TextEncoder does) and where each character starts in them. Grows to the longest word;
 * an instance belongs to one encoding.
 */
export class WordBuffer {
  bytes = new Uint8Array(256);
  charStarts = new Int32Array(64);
  /** Each character's code point, `▁` for a space. */
  codePoints = new Int32Array(64);
  /** Characters gathered. */
  chars = 0;
  /** Bytes gathered. */
  byteLength = 0;

  clear(): void {
    this.chars = 0;
    this.byteLength = 0;
  }

  /** Appends code point `cp`, or `▁` for a space. */
  append(cp: number): void {
    if (this.chars === this.charStarts.length) {
      const starts = new Int32Array(this.charStarts.length * 2);
      starts.set(this.charStarts);
      this.charStarts = starts;
      const codePoints = new Int32Array(this.codePoints.length * 2);
      codePoints.set(this.codePoints);
      this.codePoints = codePoints;
    }
    if (this.byteLength + 4 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    if (cp === 0x20) cp = 0x2581;
    this.codePoints[this.chars] = cp;
    this.charStarts[this.chars++] = this.byteLength;
    const bytes = this.bytes;
    let at = this.byteLength;
    if (cp < 0x80) {
      bytes[at++] = cp;
    } else if (cp < 0x800) {
      bytes[at++] = 0xc0 | (cp >> 6);
      bytes[at++] = 0x80 | (cp & 0x3f);
    } else if (cp === 0x2581) {
      bytes[at++] = SPACE_MARK_BYTES[0];
      bytes[at++] = SPACE_MARK_BYTES[1];
      bytes[at++] = SPACE_MARK_BYTES[2];
    } else if (cp < 0x10000) {
      bytes[at++] = 0xe0 | (cp >> 12);
      bytes[at++] = 0x80 | ((cp >> 6) & 0x3f);
      bytes[at++] = 0x80 | (cp & 0x3f);
    } else {
      bytes[at++] = 0xf0 | (cp >> 18);
      bytes[at++] = 0x80 | ((cp >> 12) & 0x3f);
      bytes[at++] = 0x80 | ((cp >> 6) & 0x3f);
      bytes[at++] = 0x80 | (cp & 0x3f);
    }
    this.byteLength = at;
  }
}
