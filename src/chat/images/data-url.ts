/**
 * `data:` URLs: split into media type and base64 payload, and decode as few bytes as the header
 * reader needs (headers sit in the first bytes; a JPEG's frame header can follow large EXIF data,
 * so that case decodes more).
 */
import { readImageHeader, type ImageHeader } from './image-size.js';

export type DataUrl = { ok: true; mediaType: string; payload: string } | { ok: false; reason: string };

const BASE64_PAYLOAD = /^[A-Za-z0-9+/]*={0,2}$/;

/** Parse `data:<media type>;base64,<payload>`. */
export function parseDataUrl(url: string): DataUrl {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma < 0) return { ok: false, reason: 'is not a data URL (expected data:<type>;base64,<data>)' };
  const meta = url.slice(5, comma).split(';');
  const mediaType = (meta[0] ?? '').toLowerCase();
  if (!meta.slice(1).some((param) => param.toLowerCase() === 'base64')) {
    return { ok: false, reason: 'is a data URL without ";base64"; send images base64-encoded' };
  }
  const payload = url.slice(comma + 1);
  if (payload.length === 0) return { ok: false, reason: 'is a data URL with no data after the comma' };
  if (payload.length % 4 === 1 || !BASE64_PAYLOAD.test(payload)) {
    return { ok: false, reason: 'is a data URL whose payload is not valid base64' };
  }
  return { ok: true, mediaType, payload };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** Decode up to `maxBytes` bytes from the start of a validated base64 payload. */
export function decodeBase64Prefix(payload: string, maxBytes: number): Uint8Array {
  const end = payload.indexOf('=') < 0 ? payload.length : payload.indexOf('=');
  const chars = Math.min(end, Math.ceil(maxBytes / 3) * 4);
  const out = new Uint8Array(Math.floor((chars * 3) / 4));
  let o = 0;
  for (let i = 0; i < chars; i += 4) {
    const a = VALUE[payload.charCodeAt(i)] ?? 0;
    const b = VALUE[payload.charCodeAt(i + 1)] ?? 0;
    const c = i + 2 < chars ? (VALUE[payload.charCodeAt(i + 2)] ?? 0) : -1;
    const d = i + 3 < chars ? (VALUE[payload.charCodeAt(i + 3)] ?? 0) : -1;
    out[o++] = (a << 2) | (b >> 4);
    if (c >= 0) out[o++] = ((b & 15) << 4) | (c >> 2);
    if (d >= 0) out[o++] = ((c & 3) << 6) | d;
  }
  return out.subarray(0, o);
}

const FIRST_READ = 64 * 1024;

/** The header of the image inside a data URL, reading 64 KiB first and the rest only if needed. */
export function readDataUrlImage(url: string): ImageHeader {
  const parsed = parseDataUrl(url);
  if (!parsed.ok) return parsed;
  const totalBytes = Math.floor((parsed.payload.replace(/=+$/, '').length * 3) / 4);
  let header = readImageHeader(decodeBase64Prefix(parsed.payload, FIRST_READ));
  if (!header.ok && totalBytes > FIRST_READ) header = readImageHeader(decodeBase64Prefix(parsed.payload, totalBytes));
  return header;
}
