import type { EncodingName } from '../index.js';
import { countFiles } from '../parallel/index.js';
import type { BatchCounter, PoolFile } from './batch-pool.js';
import { countPathWith, countStdinWith, sniffFile } from './count-input.js';
import { InputError } from './errors.js';
import type { Input, InputFailure } from './files.js';
import type { Io } from './io.js';
import type { Progress } from './progress.js';
import { countSmallFile, SMALL_FILE_BYTES, type FileResult } from './small-file.js';

/**
 * Counts the inputs of `tokmeter count` with one or more encodings (the first is the one shown;
 * `--fit` adds the encodings of its models), each input read once where it can be:
 *
 * - **small files** (up to 1 MiB: nearly every file of a repository) are read whole, sniffed and
 *   counted from the buffer (small-file.ts), on worker threads in batches, offered while the walk
 *   finds them, when there are enough of them to pay for starting the workers (batch-pool.ts),
 *   else on this thread;
 * - **large files** are sniffed by their first 8 KiB, then streamed one by one, or, once they add up
 *   to 128 MiB (32 MiB with --jobs), counted by the library's `countFiles`, which cuts them at safe
 *   places and counts the pieces on every core;
 * - **pipes and FIFOs**, and standard input, are streamed front to back once, on this thread.
 *
 * A file that fails is listed with its reason and the others go on.
 */

/** One counted input: its tokens in each encoding, in the order asked. */
export interface Measured {
  path: string;
  tokens: number[];
  bytes: number;
}

export interface MeasureOptions {
  encodings: readonly EncodingName[];
  /** Worker threads to use; 1 counts everything on this thread. */
  jobs: number;
  /** Whether --jobs was given, which lowers the threshold for the library's pool. */
  jobsGiven: boolean;
  progress: Progress;
  /** The batch workers the walk offered small files to (see batch-pool.ts); without it they count here. */
  counter: BatchCounter | undefined;
}

export interface MeasureResult {
  counted: Measured[];
  skipped: InputFailure[];
  failures: InputFailure[];
}

/**
 * Large files at least this large in total go to the library's worker pool. Below it they stream on
 * this thread: each worker loads the encoding and warms up its JIT and caches, which on the 2-core
 * machine this was measured on cost as much as it saved up to about 40 MB (4 × 10.7 MB: 0.79 s on
 * this thread, 0.80 s on 2 workers), while 177 MB ran 1.42× faster on 2 workers.
 */
const PARALLEL_BYTES = 128 * 1024 * 1024;
const PARALLEL_BYTES_WITH_JOBS = 32 * 1024 * 1024;


/** `error` as a failed result when it is an input's own problem (unreadable, vanished); anything else is rethrown. */
function failed(error: unknown): FileResult {
  if (error instanceof InputError) return { kind: 'failed', reason: error.reason ?? error.message.replace(/^tokmeter: /, '') };
  throw error;
}

export async function measureInputs(inputs: readonly Input[], io: Io, options: MeasureOptions): Promise<MeasureResult> {
  const { encodings, progress } = options;
  // Results by the input's index, so that everything comes out in the order of the inputs.
  const results = new Array<FileResult | undefined>(inputs.length);
  const small: number[] = [];
  const large: number[] = [];
  const streamed: number[] = [];
  inputs.forEach((input, i) => {
    if (input.kind !== 'file') return;
    if (input.streamed) streamed.push(i);
    else (input.size <= SMALL_FILE_BYTES ? small : large).push(i);
  });
  const file = (i: number) => inputs[i] as PoolFile;

  // Small files offered to the batch workers during the walk: their results, or none if they never started.
  const counter = options.counter;
  if (counter !== undefined) counter.listen((bytes) => progress.advance(bytes));
  const pooled = counter === undefined ? Promise.resolve(false) : counter.finish().catch(() => true);

  await countLarge(large.map(file), options, (k, result) => {
    results[large[k]!] = result;
  });
  for (const i of streamed) {
    const { path } = file(i);
    try {
      results[i] = await countPathWith(path, encodings, (bytes) => progress.advance(bytes));
    } catch (error) {
      results[i] = failed(error);
    }
  }
  // What the workers did not count (they never started, or one failed) is counted here.
  await pooled;
  for (const i of small) {
    const result = counter?.results.get(i);
    if (result !== undefined) {
      results[i] = result;
      continue;
    }
    results[i] = countSmallFile(file(i).path, encodings);
    progress.advance(file(i).size);
  }

  const counted: Measured[] = [];
  const skipped: InputFailure[] = [];
  const failures: InputFailure[] = [];
  for (const [i, input] of inputs.entries()) {
    if (input.kind === 'stdin') {
      counted.push({ path: '-', ...(await countStdinWith(io, encodings)) });
      continue;
    }
    const result = results[i]!;
    if (result.kind === 'text') counted.push({ path: input.path, tokens: result.tokens, bytes: result.bytes });
    else (result.kind === 'binary' ? skipped : failures).push({ path: input.path, reason: result.reason });
  }
  return { counted, skipped, failures };
}

/** Large files: sniffed, then counted by the library's pool or streamed one by one (see the module comment). */
async function countLarge(files: readonly PoolFile[], options: MeasureOptions, record: (index: number, result: FileResult) => void): Promise<void> {
  const { encodings, progress } = options;
  const text: number[] = [];
  for (const [k, file] of files.entries()) {
    try {
      const reason = await sniffFile(file.path);
      if (reason === undefined) text.push(k);
      else {
        record(k, { kind: 'binary', reason });
        progress.advance(file.size);
      }
    } catch (error) {
      record(k, failed(error));
    }
  }
  const bytes = text.reduce((sum, k) => sum + files[k]!.size, 0);
  if (options.jobs > 1 && text.length > 0 && bytes >= (options.jobsGiven ? PARALLEL_BYTES_WITH_JOBS : PARALLEL_BYTES)) {
    try {
      const tokens = text.map(() => [] as number[]);
      const sizes = text.map(() => 0);
      for (const [e, encoding] of encodings.entries()) {
        let reported = 0;
        const counts = await countFiles(
          text.map((k) => files[k]!.path),
          {
            encoding,
            concurrency: options.jobs,
            onProgress: (counted) => {
              // The bar moves with the first encoding's pass; the others re-read the same files.
              if (e === 0) progress.advance(counted - reported);
              reported = counted;
            },
          },
        );
        counts.forEach((count, i) => {
          tokens[i]![e] = count.tokens;
          sizes[i] = count.bytes;
        });
      }
      text.forEach((k, i) => record(k, { kind: 'text', tokens: tokens[i]!, bytes: sizes[i]! }));
      return;
    } catch {
      // A file failed in a worker (unreadable, deleted or changed mid-run): count them one by one
      // instead, so the file is named with its reason and the others still count.
    }
  }
  for (const k of text) {
    try {
      record(k, await countPathWith(files[k]!.path, encodings, (bytes) => progress.advance(bytes)));
    } catch (error) {
      record(k, failed(error));
    }
  }
}
