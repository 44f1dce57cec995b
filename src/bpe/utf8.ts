/**
 * Writes text[start..end) as UTF-8 into `out` (which must hold 3 bytes per UTF-16 unit) and returns
 * the byte count. A lone surrogate becomes U+FFFD (EF BF BD), as tiktoken does before encoding.
 */
export function encodeUtf8(text: string, start: number, end: number, out: Uint8Array): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      out[n++] = unit;
    } else if (unit < 0x800) {
      out[n++] = 0xc0 | (unit >> 6);
      out[n++] = 0x80 | (unit & 0x3f);
    } else if ((unit & 0xf800) !== 0xd800) {
      out[n++] = 0xe0 | (unit >> 12);
      out[n++] = 0x80 | ((unit >> 6) & 0x3f);
      out[n++] = 0x80 | (unit & 0x3f);
    } else {
      const low = i + 1 < end ? text.charCodeAt(i + 1) : 0;
      if (unit < 0xdc00 && (low & 0xfc00) === 0xdc00) {
        const codePoint = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
        out[n++] = 0xf0 | (codePoint >> 18);
        out[n++] = 0x80 | ((codePoint >> 12) & 0x3f);
        out[n++] = 0x80 | ((codePoint >> 6) & 0x3f);
        out[n++] = 0x80 | (codePoint & 0x3f);
        i++;
      } else {
        out[n++] = 0xef;
        out[n++] = 0xbf;
        out[n++] = 0xbd;
      }
    }
  }
  return n;
}

/** The length in UTF-8 of text[start..end), as `encodeUtf8` (and TextEncoder) write it. */
export function utf8Length(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      n += 1;
    } else if (unit < 0x800) {
      n += 2;
    } else if (unit < 0xdc00 && unit >= 0xd800 && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else {
      n += 3;
    }
  }
  return n;
}
