import { closeSync, openSync, readSync } from 'node:fs';
import { firstSafeCut } from '../stream/safe-cut.js';

const WINDOW = 1 << 16;

/**
 * The byte offset of the first safe cut (see `isSafeCut`) at or after `offset` in a UTF-8 file, or
 * the file's size when there is none. Reads forward from `offset`, skipping to a character
 * boundary, in 64 KB windows. Anyone asking for the same offset gets the same cut, so ranges that
 * meet there count every piece once.
 */
export function findSafeCutOffset(path: string, offset: number, size: number): number {
  if (offset <= 0) return 0;
  if (offset >= size) return size;
  const fd = openSync(path, 'r');
  try {
    let start = offset;
    const lead = Buffer.alloc(4);
    readSync(fd, lead, 0, 4, start);
    let skip = 0;
    while (skip < 4 && (lead[skip]! & 0xc0) === 0x80) skip++; // continuation bytes of a character cut in two
    start += skip;
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    let text = '';
    let read = start;
    while (read < size) {
      const buffer = Buffer.alloc(Math.min(WINDOW, size - read));
      const n = readSync(fd, buffer, 0, buffer.length, read);
      if (n === 0) break;
      read += n;
      text += decoder.decode(buffer.subarray(0, n), { stream: read < size });
      // A cut needs the character after it, so the last decoded character cannot be one yet.
      const cut = firstSafeCut(text, 1, text.length - 1);
      if (cut >= 0) return start + Buffer.byteLength(text.slice(0, cut));
    }
    return size;
  } finally {
    closeSync(fd);
  }
}
