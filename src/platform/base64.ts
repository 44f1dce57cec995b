/**
 * Base64 (RFC 4648, standard alphabet, `=` padding) to bytes in plain JavaScript, for runtimes
 * without Node's `Buffer`. Strict: anything but the alphabet and final padding makes it return
 * null, so damaged data is reported rather than decoded around.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const INVALID = 255;
const VALUES = new Uint8Array(256).fill(INVALID);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

/** The bytes `text` encodes, or null when it is not base64. */
export function decodeBase64(text: string): Uint8Array | null {
  let end = text.length;
  if (end % 4 !== 0) return null;
  let padding = 0;
  while (padding < 2 && end > 0 && text.charCodeAt(end - 1) === 0x3d) {
    end--;
    padding++;
  }
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  let i = 0;
  // Whole groups of four characters. A character past U+00FF, or one outside the alphabet (255),
  // fails the group's single test.
  for (const whole = end - (end % 4); i < whole; i += 4) {
    const ca = text.charCodeAt(i);
    const cb = text.charCodeAt(i + 1);
    const cc = text.charCodeAt(i + 2);
    const cd = text.charCodeAt(i + 3);
    if ((ca | cb | cc | cd) > 0xff) return null;
    const a = VALUES[ca]!;
    const b = VALUES[cb]!;
    const c = VALUES[cc]!;
    const d = VALUES[cd]!;
    if ((a | b | c | d) > 63) return null;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >>> 16;
    out[o++] = (n >>> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  // The last group, shortened by its padding: two or three characters.
  if (padding > 0) {
    let n = 0;
    for (let k = 0; k < 4 - padding; k++) {
      const code = text.charCodeAt(i + k);
      const value = code > 0xff ? INVALID : VALUES[code]!;
      if (value > 63) return null;
      n |= value << (18 - 6 * k);
    }
    out[o++] = n >>> 16;
    if (padding === 1) out[o++] = (n >>> 8) & 0xff;
  }
  return out;
}
