import { parentPort } from 'node:worker_threads';
import type { EncodingName } from '../index.js';
import { countSmallFile, type FileResult } from './small-file.js';

/**
 * The worker side of batch-pool.ts. The worker runs the CLI's own bundle (dist/cli.js), which sees
 * this role in its workerData and serves batches instead of running a command line, so the CLI
 * needs no second entry file.
 */
export const COUNT_WORKER_ROLE = 'tokmeter-count-batch';

export interface Batch {
  id: number;
  paths: readonly string[];
  encodings: readonly EncodingName[];
}

export interface BatchResult {
  id: number;
  results: FileResult[];
}

/** Answers each batch with the result of each of its files, in order. */
export function serveCountBatches(): void {
  parentPort?.on('message', (batch: Batch) => {
    const reply: BatchResult = { id: batch.id, results: batch.paths.map((path) => countSmallFile(path, batch.encodings)) };
    parentPort?.postMessage(reply);
  });
}
