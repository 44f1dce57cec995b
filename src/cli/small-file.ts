import { readFileSync } from 'node:fs';
import { getEncoding, TokmeterError, type EncodingName } from '../index.js';
import { binaryReason, SNIFF_BYTES } from './binary.js';
import { describeFsError } from './fs-errors.js';

/**
 * Regular files at most this large are read whole, in one call, and sniffed and counted from the
 * buffer: one open and one read a file instead of a sniff and a stream. Repositories are mostly
 * such files; at 100,000 of them the streams cost 46 s where this costs under 2 (bench/REPO-TREE.md).
 */
export const SMALL_FILE_BYTES = 1 << 20;

/** What became of one file: its tokens in each encoding asked for, or why it was left out. */
export type FileResult =
  | { kind: 'text'; tokens: number[]; bytes: number }
  | { kind: 'binary'; reason: string }
  | { kind: 'failed'; reason: string };

/**
 * Reads `path` whole and counts it with each encoding, as `countChunks` would: UTF-8 with bad bytes
 * as U+FFFD, a leading byte-order mark kept, special-token text counted as plain text. Files whose
 * first 8 KiB look binary are not counted.
 */
export function countSmallFile(path: string, encodings: readonly EncodingName[]): FileResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { kind: 'failed', reason: describeFsError(error, path) };
  }
  const reason = binaryReason(bytes.subarray(0, SNIFF_BYTES), bytes.length <= SNIFF_BYTES);
  if (reason !== undefined) return { kind: 'binary', reason };
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  try {
    return { kind: 'text', tokens: encodings.map((name) => getEncoding(name).count(text)), bytes: bytes.length };
  } catch (error) {
    if (error instanceof TokmeterError && error.code !== 'INTERNAL') return { kind: 'failed', reason: error.message.replace(/^tokmeter: /, '') };
    throw error;
  }
}
