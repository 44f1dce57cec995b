/**
 * Test helpers: build image headers byte by byte, following each format's specification, so the
 * header reader is tested on sizes chosen by the test (non-square, above 255, odd). The PNG is a
 * complete, decodable file; the others carry the header structures the reader looks at.
 */
import { deflateSync } from 'node:zlib';

const u16be = (n: number): number[] => [(n >> 8) & 255, n & 255];
const u16le = (n: number): number[] => [n & 255, (n >> 8) & 255];
const u24le = (n: number): number[] => [n & 255, (n >> 8) & 255, (n >> 16) & 255];
const u32be = (n: number): number[] => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u32le = (n: number): number[] => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: number[]): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 255] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: number[]): number[] {
  const body = [...ascii(type), ...data];
  return [...u32be(data.length), ...body, ...u32be(crc32(body))];
}

/** A complete greyscale PNG of the given size. */
export function png(width: number, height: number): Uint8Array {
  const raw = new Uint8Array((width + 1) * height); // filter byte 0 + one grey byte per pixel, all black
  return Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ...pngChunk('IHDR', [...u32be(width), ...u32be(height), 8, 0, 0, 0, 0]),
    ...pngChunk('IDAT', [...deflateSync(raw)]),
    ...pngChunk('IEND', []),
  ]);
}

/** A GIF header and logical screen descriptor, then an empty trailer. */
export function gif(width: number, height: number, version: '87a' | '89a' = '89a'): Uint8Array {
  return Uint8Array.from([...ascii(`GIF${version}`), ...u16le(width), ...u16le(height), 0, 0, 0, 0x3b]);
}

/**
 * A JPEG up to its frame header: SOI, an APP0 (JFIF), optionally large APPn segments (as EXIF data
 * would be), a DQT and a DHT (0xC4, which sits in the SOF range but is not a frame), fill bytes, then
 * SOFn with the size.
 */
export function jpeg(width: number, height: number, options: { sof?: number; appSegments?: number[] } = {}): Uint8Array {
  const segment = (marker: number, body: number[]): number[] => [0xff, marker, ...u16be(body.length + 2), ...body];
  // Each APPn body is at most 65533 bytes (the length field is 16 bits); several make a large header.
  const app1 = (options.appSegments ?? []).flatMap((bytes, k) => segment(0xe1 + k, [...ascii('Exif\0\0'), ...new Array<number>(bytes).fill(0x20)]));
  return Uint8Array.from([
    0xff, 0xd8,
    ...segment(0xe0, [...ascii('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...app1,
    ...segment(0xdb, [0, ...new Array<number>(64).fill(1)]),
    ...segment(0xc4, [0, ...new Array<number>(16).fill(0)]),
    0xff, // a fill byte before the next marker
    ...segment(options.sof ?? 0xc0, [8, ...u16be(height), ...u16be(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]),
    0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0,
  ]);
}

function riff(chunk: string, payload: number[]): Uint8Array {
  const body = [...ascii('WEBP'), ...ascii(chunk), ...u32le(payload.length), ...payload];
  return Uint8Array.from([...ascii('RIFF'), ...u32le(body.length), ...body]);
}

/** Lossy WebP: a VP8 key frame header (frame tag, start code 9d 01 2a, 14-bit sizes). */
export function webpLossy(width: number, height: number): Uint8Array {
  return riff('VP8 ', [0x50, 0x02, 0x00, 0x9d, 0x01, 0x2a, ...u16le(width & 0x3fff), ...u16le(height & 0x3fff), 0, 0]);
}

/** Lossless WebP: VP8L signature 0x2f, then width-1 and height-1 packed as 14-bit fields. */
export function webpLossless(width: number, height: number): Uint8Array {
  const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14);
  return riff('VP8L', [0x2f, ...u32le(bits >>> 0), 0, 0]);
}

/** Extended WebP: a VP8X chunk with 24-bit canvas width-1 and height-1. */
export function webpExtended(width: number, height: number): Uint8Array {
  return riff('VP8X', [0x10, 0, 0, 0, ...u24le(width - 1), ...u24le(height - 1)]);
}

export function dataUrl(mediaType: string, bytes: Uint8Array): string {
  return `data:${mediaType};base64,${Buffer.from(bytes).toString('base64')}`;
}
