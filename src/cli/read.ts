import { open, readFile } from 'node:fs/promises';
import { binaryReason, SNIFF_BYTES } from './binary.js';
import { InputError } from './errors.js';
import { readAll, type Io } from './io.js';

export type TextOrBinary = { kind: 'text'; text: string; bytes: number } | { kind: 'binary'; reason: string };

function readFailure(path: string, error: unknown): InputError {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return new InputError(`no such file or directory: ${path}`, { path, cause: error });
  if (code === 'EACCES' || code === 'EPERM') return new InputError(`permission denied: ${path}`, { path, cause: error });
  if (code === 'EISDIR') return new InputError(`${path} is a directory; tokmeter count walks directories`, { path, cause: error });
  if (code === 'ERR_FS_FILE_TOO_LARGE' || code === 'ERR_STRING_TOO_LONG' || error instanceof RangeError) {
    return new InputError(`${path} is too large to hold as one string (over 512 MiB); split it into smaller files.`, { path, cause: error });
  }
  return new InputError(`cannot read ${path}: ${(error as Error).message}`, { path, cause: error });
}

/** The first `SNIFF_BYTES` of a file and whether that is all of it. */
export async function readHead(path: string): Promise<{ head: Uint8Array; complete: boolean }> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buffer = Buffer.alloc(SNIFF_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { head: buffer.subarray(0, Math.min(bytesRead, SNIFF_BYTES)), complete: bytesRead <= SNIFF_BYTES };
  } catch (error) {
    throw readFailure(path, error);
  } finally {
    await handle?.close();
  }
}

/**
 * A whole file as text, or why it looks binary. Bytes past the sniffed head that are not UTF-8
 * become U+FFFD, as any UTF-8 reader would make them.
 */
export async function readTextFile(path: string): Promise<TextOrBinary> {
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
  } catch (error) {
    throw readFailure(path, error);
  }
  const reason = binaryReason(buffer.subarray(0, SNIFF_BYTES), buffer.length <= SNIFF_BYTES);
  if (reason !== undefined) return { kind: 'binary', reason };
  try {
    return { kind: 'text', text: buffer.toString('utf8'), bytes: buffer.length };
  } catch (error) {
    throw readFailure(path, error);
  }
}

/** Standard input as text; binary input is an input error, since there is nothing else to count. */
export async function readStdinText(io: Io): Promise<{ text: string; bytes: number }> {
  const buffer = await readAll(io.stdin);
  const reason = binaryReason(buffer.subarray(0, SNIFF_BYTES), buffer.length <= SNIFF_BYTES);
  if (reason !== undefined) throw new InputError(`standard input looks ${reason}; tokmeter counts text.`, { path: '-' });
  return { text: buffer.toString('utf8'), bytes: buffer.length };
}

/**
 * The text of the one file a command such as `cost` or `fit` reads: a path, or `-` / nothing for
 * standard input (which must then be piped, not a terminal).
 */
export async function readOneInput(path: string | undefined, io: Io, command: string): Promise<{ text: string; name: string }> {
  if (path === undefined || path === '-') {
    if (path === undefined && io.stdin.isTTY === true) {
      throw new InputError(`${command} needs a FILE, or text piped into standard input.`);
    }
    return { text: (await readStdinText(io)).text, name: 'standard input' };
  }
  const read = await readTextFile(path);
  if (read.kind === 'binary') throw new InputError(`${path} looks ${read.reason}; tokmeter counts text.`, { path });
  return { text: read.text, name: path };
}
