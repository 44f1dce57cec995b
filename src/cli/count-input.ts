import { closeSync, constants as fsConstants, createReadStream, openSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { EncodingName } from '../index.js';
import { PieceTooLongError } from '../stream/errors.js';
import { createTokenCounter } from '../stream/index.js';
import { binaryReason, SNIFF_BYTES } from './binary.js';
import { InputError, UsageError } from './errors.js';
import { describeFsError } from './fs-errors.js';
import { uncutInput } from './uncut.js';
import type { Io } from './io.js';

export type CountResult = { kind: 'text'; tokens: number; bytes: number } | { kind: 'binary'; reason: string };
/** `CountResult` with a count for each of several encodings, from one read of the input. */
export type MultiCountResult = { kind: 'text'; tokens: number[]; bytes: number } | { kind: 'binary'; reason: string };

/**
 * Counts a byte stream with the library's streaming counter, in constant memory: the first 8 KiB
 * are held back until they show the input is text, then everything is decoded as UTF-8 (bad bytes
 * become U+FFFD, a leading byte-order mark is kept, as `countFile` does) and written to a counter
 * for each encoding, which gives the exact count of the whole text whatever the chunking. `onBytes`
 * hears each chunk, for the progress bar.
 */
export async function countChunks(
  chunks: AsyncIterable<Buffer>,
  encodings: readonly string[],
  onBytes: (bytes: number) => void = () => {},
): Promise<MultiCountResult> {
  const counters = encodings.map((encoding) => createTokenCounter({ encoding: encoding as EncodingName }));
  const write = (text: string) => {
    for (const counter of counters) counter.write(text);
  };
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let head: Buffer[] | undefined = [];
  let headBytes = 0;
  let bytes = 0;
  const sniff = (complete: boolean): string | undefined => {
    const joined = Buffer.concat(head ?? []);
    head = undefined;
    const reason = binaryReason(joined.subarray(0, SNIFF_BYTES), complete && joined.length <= SNIFF_BYTES);
    if (reason === undefined) write(decoder.decode(joined, { stream: true }));
    return reason;
  };
  for await (const chunk of chunks) {
    bytes += chunk.length;
    onBytes(chunk.length);
    if (head === undefined) {
      write(decoder.decode(chunk, { stream: true }));
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
  write(decoder.decode());
  return { kind: 'text', tokens: counters.map((counter) => counter.end()), bytes };
}

/** The first count of a multi-encoding result, for the commands that count with one encoding. */
function single(result: MultiCountResult): CountResult {
  return result.kind === 'binary' ? result : { kind: 'text', tokens: result.tokens[0]!, bytes: result.bytes };
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
 * How long a FIFO named on the command line may wait for a program to open it for writing. Opening
 * a FIFO blocks until one does; past this the run goes on without it, reported as failed.
 */
export const FIFO_WAIT_MS = 5000;

/**
 * Opens a FIFO for reading, waiting at most `FIFO_WAIT_MS` for a writer. When none comes, the
 * blocked open is released by opening the FIFO for writing ourselves (which succeeds at once, as
 * there is a reader), so no thread stays stuck, and the wait is an input error.
 */
async function openFifo(path: string): Promise<FileHandle> {
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const opening = open(path, 'r');
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      timedOut = true;
      try {
        closeSync(openSync(path, fsConstants.O_WRONLY | fsConstants.O_NONBLOCK));
      } catch {
        // The writer came after all, or the FIFO is gone: the open settles either way.
      }
      resolve();
    }, FIFO_WAIT_MS);
  });
  try {
    const handle = await opening;
    if (!timedOut) return handle;
    await handle.close();
  } finally {
    clearTimeout(timer);
  }
  await waited;
  const reason = `no program opened this FIFO for writing within ${FIFO_WAIT_MS / 1000} s; start the writer first, or pipe into tokmeter`;
  throw new InputError(`cannot read ${path}: ${reason}.`, { path, reason });
}

function isFifo(path: string): boolean {
  try {
    return statSync(path).isFIFO();
  } catch {
    return false;
  }
}

/**
 * `countChunks` over a file, its read errors turned into input errors that name the path. Reads
 * front to back without seeking, so pipes (`<(…)`), FIFOs and /proc files count too.
 */
export async function countPathWith(path: string, encodings: readonly string[], onBytes?: (bytes: number) => void): Promise<MultiCountResult> {
  let opened = false;
  try {
    let stream;
    if (isFifo(path)) {
      stream = (await openFifo(path)).createReadStream({ highWaterMark: 1 << 16 });
      opened = true;
    } else {
      stream = createReadStream(path, { highWaterMark: 1 << 16 });
      stream.once('open', () => {
        opened = true;
      });
    }
    return await countChunks(stream as AsyncIterable<Buffer>, encodings, onBytes);
  } catch (error) {
    // Node's file-system errors carry a syscall; the library's errors and our own pass through.
    if (typeof error === 'object' && error !== null && 'syscall' in error) throw readFailure(path, error, opened ? 'read' : 'open');
    if (error instanceof PieceTooLongError) throw uncutInput(path, error, 'count');
    throw error;
  }
}

/** `countPathWith` for one encoding. */
export async function countPath(path: string, encoding: string, onBytes?: (bytes: number) => void): Promise<CountResult> {
  return single(await countPathWith(path, [encoding], onBytes));
}

/** Standard input counted; binary input is an input error, as there is nothing else to count. */
export async function countStdinWith(io: Io, encodings: readonly string[]): Promise<{ tokens: number[]; bytes: number }> {
  const result = await countChunks(io.stdin as AsyncIterable<Buffer>, encodings);
  if (result.kind === 'binary') throw new InputError(`standard input looks ${result.reason}; tokmeter counts text.`, { path: '-' });
  return result;
}

/** `countStdinWith` for one encoding. */
export async function countStdin(io: Io, encoding: string): Promise<{ tokens: number; bytes: number }> {
  const result = await countStdinWith(io, [encoding]);
  return { tokens: result.tokens[0]!, bytes: result.bytes };
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
