import { Worker } from 'node:worker_threads';
import type { EncodingName } from '../index.js';
import { internalError } from '../errors.js';
import { COUNT_WORKER_ROLE, type Batch, type BatchResult } from './batch-worker.js';
import { countSmallFile, type FileResult } from './small-file.js';

/**
 * Counts many small files on worker threads, in batches: each worker reads, sniffs and counts whole
 * files (small-file.ts) and answers per file, so a file that fails is named with its reason and the
 * others count. Why not the library's `countFiles`: it streams each file as a task of its own, which
 * suits a few large files; for 90,000 files of about 1 KB it took 12.6 s on 2 workers, where one
 * thread reading whole files took 1.5 s.
 *
 * Files are offered while the folder walk is still finding them. The workers (one fewer than the
 * threads asked for: this thread is the last one) start once enough have been offered to pay for
 * starting them, and
 * then count while the walk goes on; once the walk is over, this thread takes batches too. Below
 * that, nothing starts and the caller counts the files on its own thread.
 */

/** A batch closes at this many files or bytes, whichever comes first. */
const BATCH_FILES = 256;
const BATCH_BYTES = 4 << 20;

/**
 * The workers start from this many files or bytes offered, whichever comes first. Starting one
 * costs some 100-200 ms of CPU (it loads the CLI and an encoding, and warms its caches anew), which
 * on the 2-core machine about 10,000 files of ~1 KB take to count (bench/REPO-TREE.md).
 */
export const POOL_MIN_FILES = 10_000;
export const POOL_MIN_BYTES = 32 << 20;

export interface PoolFile {
  path: string;
  size: number;
}

export interface BatchCounterOptions {
  workers: number;
  /** The CLI bundle, which serves batches when started as a worker (batch-worker.ts). */
  script: URL;
  encodings: readonly EncodingName[];
}

export class BatchCounter {
  readonly #options: BatchCounterOptions;
  /** Results by the index the caller gave each file. */
  readonly results = new Map<number, FileResult>();
  #pending: { index: number; file: PoolFile }[] = [];
  #pendingBytes = 0;
  #offered = { files: 0, bytes: 0 };
  #batches: { index: number; file: PoolFile }[][] = [];
  #next = 0;
  #answered = 0;
  #pool: Worker[] = [];
  #failure: unknown;
  #finished: (() => void) | undefined;
  #listener: ((bytes: number) => void) | undefined;
  #countedBytes = 0;
  /** Batches sent to each worker and not yet answered; two at a time, so none waits for the next. */
  readonly #inFlight = new Map<Worker, number>();

  constructor(options: BatchCounterOptions) {
    this.#options = options;
  }

  /** Whether workers were started. */
  get started(): boolean {
    return this.#pool.length > 0;
  }

  /** Hears the size of each file counted from now on, and at once the sizes of those counted before. */
  listen(listener: (bytes: number) => void): void {
    this.#listener = listener;
    listener(this.#countedBytes);
  }

  /** Queues a file; a full batch goes to the workers, which start once enough has been offered. */
  offer(index: number, file: PoolFile): void {
    this.#pending.push({ index, file });
    this.#pendingBytes += file.size;
    this.#offered.files++;
    this.#offered.bytes += file.size;
    if (this.#pending.length >= BATCH_FILES || this.#pendingBytes >= BATCH_BYTES) this.#close();
    if (!this.started && (this.#offered.files >= POOL_MIN_FILES || this.#offered.bytes >= POOL_MIN_BYTES)) this.#start();
  }

  /**
   * Sends the last batch and waits for every answer. Resolves with false when the workers never
   * started (the caller counts the files itself); rejects if a worker failed as a whole, after which
   * `results` holds what was counted.
   */
  async finish(): Promise<boolean> {
    if (!this.started) return false;
    this.#close();
    for (const worker of this.#pool) this.#feed(worker);
    try {
      // The walk is over, so this thread is free: it counts batches too, one at a time, letting the
      // workers' answers in between, until none is left to hand out.
      while (this.#failure === undefined && this.#next < this.#batches.length) {
        const id = this.#next++;
        this.#record(id, this.#batches[id]!.map((entry) => countSmallFile(entry.file.path, this.#options.encodings)));
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (this.#failure === undefined && this.#answered < this.#batches.length) {
        await new Promise<void>((resolve) => {
          this.#finished = resolve;
        });
      }
      if (this.#failure !== undefined) throw this.#failure;
      return true;
    } finally {
      this.close();
    }
  }

  /** Stops the workers, if any; what they had not answered is not counted. */
  close(): void {
    for (const worker of this.#pool) void worker.terminate();
  }

  #close(): void {
    if (this.#pending.length === 0) return;
    this.#batches.push(this.#pending);
    this.#pending = [];
    this.#pendingBytes = 0;
    if (this.started) for (const worker of this.#pool) if (this.#inFlight.get(worker)! < 2) this.#feed(worker);
  }

  #feed(worker: Worker): void {
    while (this.#next < this.#batches.length && this.#inFlight.get(worker)! < 2) {
      const id = this.#next++;
      const batch: Batch = { id, paths: this.#batches[id]!.map((entry) => entry.file.path), encodings: this.#options.encodings };
      this.#inFlight.set(worker, this.#inFlight.get(worker)! + 1);
      worker.postMessage(batch);
    }
  }

  /** A batch's answers, from a worker or from this thread. */
  #record(id: number, results: readonly FileResult[]): void {
    const entries = this.#batches[id]!;
    let bytes = 0;
    results.forEach((result, k) => {
      this.results.set(entries[k]!.index, result);
      bytes += entries[k]!.file.size;
    });
    this.#countedBytes += bytes;
    this.#listener?.(bytes);
    this.#answered++;
    if (this.#finished !== undefined && this.#answered === this.#batches.length) this.#finished();
  }

  #fail(error: unknown): void {
    if (this.#failure !== undefined) return;
    this.#failure = error;
    this.#finished?.();
  }

  #start(): void {
    for (let w = 0; w < this.#options.workers; w++) {
      // execArgv: [] so flags of this process (--input-type, -e) do not reach the worker.
      const worker = new Worker(this.#options.script, { workerData: { role: COUNT_WORKER_ROLE }, execArgv: [] });
      this.#pool.push(worker);
      this.#inFlight.set(worker, 0);
      worker.on('message', (reply: BatchResult) => {
        this.#inFlight.set(worker, this.#inFlight.get(worker)! - 1);
        this.#record(reply.id, reply.results);
        this.#feed(worker);
      });
      worker.on('error', (error) => this.#fail(error));
      worker.on('exit', (code) => this.#fail(internalError(`a counting worker exited with code ${code}`)));
      this.#feed(worker);
    }
  }
}
