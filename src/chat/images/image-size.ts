/**
 * Pixel size from an image's own header bytes: PNG (IHDR), GIF (logical screen), WebP (VP8, VP8L,
 * VP8X chunks) and JPEG (the first SOFn marker, walking the segments before it). Only the header is
 * read; nothing is decoded.
 */
import type { ImageSize } from '../types.js';

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

export type ImageHeader =
  | { ok: true; format: ImageFormat; width: number; height: number }
  | { ok: false; reason: string };

const be16 = (b: Uint8Array, i: number): number => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const le16 = (b: Uint8Array, i: number): number => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const le24 = (b: Uint8Array, i: number): number => le16(b, i) | ((b[i + 2] ?? 0) << 16);
const be32 = (b: Uint8Array, i: number): number => be16(b, i) * 0x10000 + be16(b, i + 2);

function ascii(b: Uint8Array, start: number, length: number): string {
  let s = '';
  for (let i = start; i < start + length && i < b.length; i++) s += String.fromCharCode(b[i] ?? 0);
  return s;
}

function sized(format: ImageFormat, width: number, height: number): ImageHeader {
  if (width <= 0 || height <= 0) return { ok: false, reason: `its ${format} header gives a size of ${width}×${height}` };
  return { ok: true, format, width, height };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function readPng(b: Uint8Array): ImageHeader {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return { ok: false, reason: 'its PNG header is cut short (no IHDR chunk)' };
  return sized('png', be32(b, 16), be32(b, 20));
}

function readGif(b: Uint8Array): ImageHeader {
  if (b.length < 10) return { ok: false, reason: 'its GIF header is cut short' };
  return sized('gif', le16(b, 6), le16(b, 8));
}

function readWebp(b: Uint8Array): ImageHeader {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ') {
    // Lossy: a 10-byte frame header at 20; start code 9d 01 2a, then 14-bit width and height.
    if (b.length < 30 || b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) {
      return { ok: false, reason: 'its WebP VP8 frame header is missing or cut short' };
    }
    return sized('webp', le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff);
  }
  if (chunk === 'VP8L') {
    // Lossless: signature 0x2f, then width-1 and height-1 as two 14-bit little-endian fields.
    if (b.length < 25 || b[20] !== 0x2f) return { ok: false, reason: 'its WebP VP8L header is missing or cut short' };
    const bits = (b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24);
    return sized('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') {
    // Extended: canvas width-1 and height-1 as 24-bit little-endian fields at 24 and 27.
    if (b.length < 30) return { ok: false, reason: 'its WebP VP8X header is cut short' };
    return sized('webp', le24(b, 24) + 1, le24(b, 27) + 1);
  }
  return { ok: false, reason: `its WebP file starts with an unknown chunk ${JSON.stringify(chunk)}` };
}

/** SOF markers carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function readJpeg(b: Uint8Array): ImageHeader {
  let i = 2;
  while (i < b.length) {
    if (b[i] !== 0xff) return { ok: false, reason: `its JPEG segment at byte ${i} does not start with a 0xFF marker` };
    while (b[i] === 0xff) i++; // fill bytes
    const marker = b[i];
    i++;
    if (marker === undefined) break;
    // Markers without a length field: TEM, RSTn, SOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue;
    if (marker === 0xd9 || marker === 0xda) break; // EOI, or SOS (scan data) before any frame header
    if (i + 2 > b.length) break;
    const length = be16(b, i);
    if (length < 2) return { ok: false, reason: `its JPEG segment at byte ${i} has an impossible length ${length}` };
    if (isStartOfFrame(marker)) {
      if (i + 7 > b.length) break;
      // length(2) precision(1) height(2) width(2)
      return sized('jpeg', be16(b, i + 5), be16(b, i + 3));
    }
    i += length;
  }
  return { ok: false, reason: 'its JPEG data has no frame header (SOFn marker) before the image data' };
}

/** Read the pixel size from the first bytes of a PNG, JPEG, GIF or WebP file. */
export function readImageHeader(bytes: Uint8Array): ImageHeader {
  if (PNG_SIGNATURE.every((value, i) => bytes[i] === value)) return readPng(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return readJpeg(bytes);
  const magic = ascii(bytes, 0, 6);
  if (magic === 'GIF87a' || magic === 'GIF89a') return readGif(bytes);
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return readWebp(bytes);
  return { ok: false, reason: 'its bytes are not a PNG, JPEG, GIF or WebP image (OpenAI accepts only these)' };
}

/** Convenience: the size, or `undefined` when the header cannot be read. */
export function imageSizeOf(bytes: Uint8Array): ImageSize | undefined {
  const header = readImageHeader(bytes);
  return header.ok ? { width: header.width, height: header.height } : undefined;
}
