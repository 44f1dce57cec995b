import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { selectEncoding } from '../count.js';
import { Encoding } from '../encoding.js';
import type { SentencePieceEncoding } from '../sentencepiece/sentencepiece-encoding.js';
import { describeValue } from '../describe.js';
import { InvalidArgumentError, TokmeterError } from '../errors.js';
import { moduleDirectory } from '../module-path.js';
import { nodeFs } from '../platform/node-builtin.js';
import { readOptions } from '../options.js';
import { countFileRange, fileError, type FileCount } from '../stream/count-file.js';
import { cutRulesFor } from '../stream/cut-rules.js';
import { isOpenEncodingName } from '../encodings/open-data.js';
import { PieceTooLongError } from '../stream/errors.js';
import type { TokenCounterOptions } from '../stream/token-counter.js';
import { planRanges } from './file-cuts.js';
import type { RangeFailure, RangeResult, RangeTask } from './protocol.js';

export interface CountFilesOptions extends TokenCounterOptions {
  /**
   * Threads to count on: the calling thread and `concurrency - 1` workers. 1 counts on the calling
   * thread alone.
   * @default os.availableParallelism()
   */
  readonly concurrency?: number;
  /**
   * Files larger than this many bytes are cut (at safe places) into ranges counted in parallel.
   * @default 8 MiB
   */
  readonly splitAbove?: number;
  /** Called as ranges finish, with the bytes counted so far and the bytes in all. */
  readonly onProgress?: (countedBytes: number, totalBytes: number) => void;
}

const COUNT_FILES_OPTIONS = ['model', 'encoding', 'concurrency', 'splitAbove', 'onProgress'] as const;

/**
 * At most this many ranges per thread for one file: the threads finish within about one range of
 * each other, 1/16 of a thread's share (cutting is cheap: a few bytes read per cut).
 */
const RANGES_PER_THREAD = 16;

/**
 * Counts many files, or one very large file, on all cores in constant memory: files are streamed
 * by this thread and `concurrency - 1` worker threads, and a large file is cut into ranges at
 * places where no piece can cross, so the ranges' counts add up to exactly the file's. Results come
 * back in the order of `paths`.
 * A stretch of more than 4 MiB with no safe cut is a `PieceTooLongError`, as in `countFile`.
 *
 * @example await countFiles(['a.txt', 'b.md'], { model: 'gpt-4o' }) // [{ path: 'a.txt', tokens: 812, bytes: 3301 }, …]
 */
export async function countFiles(paths: readonly string[], options?: CountFilesOptions): Promise<FileCount[]> {
  if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string')) {
    throw new InvalidArgumentError('paths', `must be an array of file paths, got ${describeValue(paths)}.`);
  }
  const read = readOptions(options, COUNT_FILES_OPTIONS, 'countFiles');
  const { concurrency = availableParallelism(), splitAbove = 8 << 20, onProgress } = read as CountFilesOptions;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new InvalidArgumentError('options.concurrency', `must be a positive integer, got ${describeValue(concurrency)}.`);
  if (!Number.isSafeInteger(splitAbove) || splitAbove < 1) throw new InvalidArgumentError('options.splitAbove', `must be a positive integer, got ${describeValue(splitAbove)}.`);
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new InvalidArgumentError('options.onProgress', `must be a function (countedBytes, totalBytes) => void, got ${describeValue(onProgress)}.`);
  }
  const counterOptions: TokenCounterOptions = {
    ...(read['model'] !== undefined && { model: read['model'] as string }),
    ...(read['encoding'] !== undefined && { encoding: read['encoding'] as TokenCounterOptions['encoding'] }),
  };
  const encoding = selectEncoding(counterOptions); // a bad model or encoding fails here, not in every worker
  // An encoding that normalizes its text (qwen2) counts each file whole, through its own NFC stage:
  // cuts in the raw bytes could fall where normalizing joins characters. gemma3 (SentencePiece) has
  // no byte-level cut rules to plan ranges with: its files are counted whole too.
  const rules = encoding instanceof Encoding && encoding.normalization === null ? cutRulesFor(encoding) : null;

  const sizes = paths.map((path) => {
    let stat;
    try {
      stat = nodeFs().statSync(path);
    } catch (error) {
      throw fileError(path, error);
    }
    if (stat.isDirectory()) throw fileError(path, { code: 'EISDIR' });
    return stat.size;
  });
  const tasks: RangeTask[] = [];
  const fileOf: number[] = [];
  paths.forEach((path, file) => {
    const size = sizes[file]!;
    const pieces = size > splitAbove && rules !== null ? Math.min(Math.ceil(size / splitAbove), concurrency * RANGES_PER_THREAD) : 1;
    for (const [start, end] of pieces > 1 && rules !== null ? planRanges(path, size, pieces, rules) : [[0, size]]) {
      tasks.push({ id: tasks.length, path, start: start!, end: end!, options: counterOptions });
      fileOf.push(file);
    }
  });

  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  const tokens = new Array<number>(paths.length).fill(0);
  let countedBytes = 0;
  const record = (task: RangeTask, result: { tokens: number; bytes: number }) => {
    tokens[fileOf[task.id]!]! += result.tokens;
    countedBytes += result.bytes;
    onProgress?.(countedBytes, totalBytes);
  };

  // Workers load their encoding by name: an optional encoding's data, given to this thread with
  // useEncodingData, is not theirs, so its files are counted on this thread.
  const threads = isOpenEncodingName(encoding.name) || !(encoding instanceof Encoding) ? 1 : Math.min(concurrency, tasks.length);
  // node:worker_threads is loaded only when a worker starts: imported with the module, it added
  // about 3 ms to every process's import of tokmeter, counting or not.
  const workers = threads > 1 ? (await import('node:worker_threads')).Worker : null;
  await countTasks(tasks, threads, workers, encoding, record);
  return paths.map((path, file) => ({ path, tokens: tokens[file]!, bytes: sizes[file]! }));
}

/**
 * Counts the tasks on `threads` threads: this one and `threads - 1` workers, each taking the next
 * task when it is done with one. This thread starts at once, so counting is never slower than on
 * this thread alone by more than the workers' start-up (loading the encoding, about 0.1 s), even
 * when other processes leave the workers no core.
 */
function countTasks(tasks: readonly RangeTask[], threads: number, workers: typeof Worker | null, encoding: Encoding | SentencePieceEncoding, record: (task: RangeTask, result: { tokens: number; bytes: number }) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let finished = 0;
    let over = false; // all counted, or one failed
    const pool: Worker[] = [];
    // `failed` rejects with `error` as it was thrown: a TokmeterError, or the caller's own from onProgress.
    const stop = (failed: boolean, error?: unknown) => {
      if (over) return;
      over = true;
      for (const worker of pool) void worker.terminate();
      if (failed) reject(error);
      else resolve();
    };
    const done = (task: RangeTask, result: { tokens: number; bytes: number }) => {
      record(task, result);
      if (++finished === tasks.length) stop(false);
    };
    for (let w = 1; w < threads && workers !== null; w++) {
      // execArgv: [] so flags of the host process (--input-type, -e) do not reach the worker.
      const worker = new workers(join(moduleDirectory(), 'worker.js'), { execArgv: [] });
      pool.push(worker);
      const feed = () => {
        if (next < tasks.length) worker.postMessage(tasks[next++]);
      };
      worker.on('message', (result: RangeResult) => {
        if (over) return;
        if ('error' in result) {
          stop(true, workerError(result.error));
          return;
        }
        try {
          done(tasks[result.id]!, result); // onProgress may throw: that is the caller's error, not an uncaught one
        } catch (error) {
          stop(true, error);
          return;
        }
        feed();
      });
      worker.on('error', (error) => {
        stop(true, new TokmeterError('WORKER_FAILED', `a counting worker failed: ${error.message}. Try { concurrency: 1 } to count on this thread.`, { cause: error }));
      });
      feed();
    }
    void (async () => {
      while (!over && next < tasks.length) {
        const task = tasks[next++]!;
        const result = await countFileRange(task.path, task.start, task.end, encoding);
        if (!over) done(task, result);
      }
    })().catch((error: unknown) => stop(true, error));
  });
}

/** The typed error a worker's error stands for, built again on this thread. */
function workerError(error: RangeFailure): TokmeterError {
  if (error.code === 'PIECE_TOO_LONG' && error.limit !== undefined && error.place !== undefined) return new PieceTooLongError(error.limit, error.place);
  return new TokmeterError(error.code, error.message);
}
