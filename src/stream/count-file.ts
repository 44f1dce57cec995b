import { selectEncoding } from '../count.js';
import type { Encoding } from '../encoding.js';
import { InvalidArgumentError, TokmeterError } from '../errors.js';
import { readOptions } from '../options.js';
import { nodeFs } from '../platform/node-builtin.js';
import { PieceTooLongError } from './errors.js';
import type { SentencePieceEncoding } from '../sentencepiece/sentencepiece-encoding.js';
import { counterFor, TOKEN_COUNTER_OPTIONS, type TokenCounterOptions } from './token-counter.js';

export interface FileCount {
  readonly path: string;
  readonly tokens: number;
  readonly bytes: number;
}

/**
 * Counts the tokens of a UTF-8 text file, streaming it in constant memory (see
 * `createTokenCounter` for the one limit: a run of more than 4 MiB with no safe cut). Bytes that
 * are not valid UTF-8 count as U+FFFD; a leading byte-order mark is kept, as tiktoken keeps it.
 *
 * @example await countFile('README.md', { model: 'gpt-4o' }) // { path: 'README.md', tokens: 4211, bytes: 17893 }
 */
export async function countFile(path: string, options?: TokenCounterOptions): Promise<FileCount> {
  if (typeof path !== 'string' || path === '') throw new InvalidArgumentError('path', 'must be a file path.');
  const encoding = selectEncoding(readOptions(options, TOKEN_COUNTER_OPTIONS, 'countFile') as TokenCounterOptions);
  return countFileRange(path, 0, Infinity, encoding);
}

/**
 * Counts bytes [start, end) of a file. The range must begin and end at safe cuts (see
 * `findSafeCutOffset`) for counts of adjacent ranges to add up to the file's.
 * @internal
 */
export async function countFileRange(path: string, start: number, end: number, encoding: Encoding | SentencePieceEncoding): Promise<FileCount> {
  if (end <= start) return { path, tokens: 0, bytes: 0 };
  const counter = counterFor(encoding);
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let bytes = 0;
  try {
    for await (const chunk of nodeFs().createReadStream(path, { highWaterMark: 1 << 16, start, ...(end === Infinity ? {} : { end: end - 1 }) })) {
      bytes += (chunk as Buffer).length;
      counter.write(decoder.decode(chunk as Buffer, { stream: true }));
    }
    counter.write(decoder.decode());
    return { path, tokens: counter.end(), bytes };
  } catch (error) {
    if (error instanceof PieceTooLongError) throw new PieceTooLongError(error.limit, { kind: 'file', path, byte: start + bytes });
    // Only the file system's errors (they carry a syscall) mean the file could not be read.
    if (typeof error === 'object' && error !== null && 'syscall' in error) throw fileError(path, error);
    throw error;
  }
}

/** A typed error for a file that cannot be read, naming its path. */
export function fileError(path: string, error: unknown): TokmeterError {
  const code = (error as NodeJS.ErrnoException).code;
  const problem =
    code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? String(error)})`;
  return new TokmeterError('FILE_UNREADABLE', `${path} ${problem}.`, { cause: error });
}
