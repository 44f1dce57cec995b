import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { EncodingName } from '../index.js';
import { createTokenCounter } from '../stream/index.js';
import { binaryReason, SNIFF_BYTES } from './binary.js';
import { InputError, UsageError } from './errors.js';
import { describeFsError } from './fs-errors.js';
import type { Io } from './io.js';

export type CountResult = { kind: 'text'; tokens: number; bytes: number } | { kind: 'binary'; reason: string };

/**
 * Counts a byte stream with the library's streaming counter, in constant memory: the first 8 KiB
 * are held back until they show the input is text, then everything is decoded as UTF-8 (bad bytes
 * become U+FFFD, a leading byte-order mark is kept, as `countFile` does) and written to the counter,
 * which gives the exact count of the whole text whatever the chunking. `onBytes` hears each chunk,
 * for the progress bar.
 */
export async function countChunks(chunks: AsyncIterable<Buffer>, encoding: string, onBytes: (bytes: number) => void = () => {}): Promise<CountResult> {
  const counter = createTokenCounter({ encoding: encoding as EncodingName });
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let head: Buffer[] | undefined = [];
  let headBytes = 0;
  let bytes = 0;
  const sniff = (complete: boolean): string | undefined => {
    const joined = Buffer.concat(head ?? []);
    head = undefined;
    const reason = binaryReason(joined.subarray(0, SNIFF_BYTES), complete && joined.length <= SNIFF_BYTES);
    if (reason === undefined) counter.write(decoder.decode(joined, { stream: true }));
    return reason;
  };
  for await (const chunk of chunks) {
    bytes += chunk.length;
    onBytes(chunk.length);
    if (head === undefined) {
      counter.write(decoder.decode(chunk, { stream: true }));
      continue;
    }
    head.push(chunk);
    headBytes += chunk.length;
    if (headBytes > SNIFF_BYTES) {
      const reason = sniff(false);
      if (reason !== undefined) return { kind: 'binary', reason };
    }
  }
  if (head !== undefined) {
    const reason = sniff(true);
    if (reason !== undefined) return { kind: 'binary', reason };
  }
  counter.write(decoder.decode());
  return { kind: 'text', tokens: counter.end(), bytes };
}

/** A file-system error as an input error naming the path: `cannot read notes.txt: permission denied (EACCES)`. */
export function readFailure(path: string, error: unknown, during: 'open' | 'read' = 'open'): InputError {
  const code = (error as { code?: unknown }).code;
  if (code === 'EISDIR') return new InputError(`${path} is a directory; only tokmeter count walks directories.`, { path, reason: 'is a directory', cause: error });
  const reason = describeFsError(error, path, during);
  return new InputError(`cannot read ${path}: ${reason}`, { path, reason, cause: error });
}

/** Why a file looks binary, from its first `SNIFF_BYTES`, or undefined for text. */
export async function sniffFile(path: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buffer = Buffer.alloc(SNIFF_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return binaryReason(buffer.subarray(0, Math.min(bytesRead, SNIFF_BYTES)), bytesRead <= SNIFF_BYTES);
  } catch (error) {
    throw readFailure(path, error);
  } finally {
    await handle?.close();
  }
}

/**
 * `countChunks` over a file, its read errors turned into input errors that name the path. Reads
 * front to back without seeking, so pipes (`<(…)`), devices and /proc files count too.
 */
export async function countPath(path: string, encoding: string, onBytes?: (bytes: number) => void): Promise<CountResult> {
  let opened = false;
  try {
    const stream = createReadStream(path, { highWaterMark: 1 << 16 });
    stream.once('open', () => {
      opened = true;
    });
    return await countChunks(stream as AsyncIterable<Buffer>, encoding, onBytes);
  } catch (error) {
    // Node's file-system errors carry a syscall; the library's errors and our own pass through.
    if (typeof error === 'object' && error !== null && 'syscall' in error) throw readFailure(path, error, opened ? 'read' : 'open');
    throw error;
  }
}

/** Standard input counted; binary input is an input error, as there is nothing else to count. */
export async function countStdin(io: Io, encoding: string): Promise<{ tokens: number; bytes: number }> {
  const result = await countChunks(io.stdin as AsyncIterable<Buffer>, encoding);
  if (result.kind === 'binary') throw new InputError(`standard input looks ${result.reason}; tokmeter counts text.`, { path: '-' });
  return { tokens: result.tokens, bytes: result.bytes };
}

/**
 * The tokens of the one file a command such as `cost` or `fit` reads: a path, or `-` / nothing for
 * standard input (which must then be piped, not a terminal).
 */
export async function countOneInput(path: string | undefined, io: Io, command: string, encoding: string): Promise<{ tokens: number; name: string }> {
  if (path === undefined || path === '-') {
    if (path === undefined && io.stdin.isTTY === true) {
      throw new UsageError(`${command} needs a FILE, or text piped into standard input (use - to type it).`, command);
    }
    return { tokens: (await countStdin(io, encoding)).tokens, name: 'standard input' };
  }
  const result = await countPath(path, encoding);
  if (result.kind === 'binary') throw new InputError(`${path} looks ${result.reason}; tokmeter counts text.`, { path });
  return { tokens: result.tokens, name: path };
}
