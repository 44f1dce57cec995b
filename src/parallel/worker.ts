// The worker thread behind countFiles: counts byte ranges of files it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { selectEncoding } from '../count.js';
import { TokmeterError } from '../errors.js';
import { countFileRange } from '../stream/count-file.js';
import { PieceTooLongError } from '../stream/errors.js';
import type { RangeFailure, RangeResult, RangeTask } from './protocol.js';

parentPort!.on('message', (task: RangeTask) => {
  countRange(task).then(
    (count) => parentPort!.postMessage({ id: task.id, tokens: count.tokens, bytes: count.bytes } satisfies RangeResult),
    (error: unknown) => parentPort!.postMessage({ id: task.id, error: describeError(error) } satisfies RangeResult),
  );
});

async function countRange(task: RangeTask): Promise<{ tokens: number; bytes: number }> {
  return countFileRange(task.path, task.start, task.end, selectEncoding(task.options));
}

function describeError(error: unknown): RangeFailure {
  if (error instanceof PieceTooLongError) return { code: error.code, message: stripPrefix(error.message), limit: error.limit, place: error.place };
  if (error instanceof TokmeterError) return { code: error.code, message: stripPrefix(error.message) };
  return { code: 'WORKER_FAILED', message: `a counting worker failed: ${error instanceof Error ? error.message : String(error)}. Try { concurrency: 1 } to count on this thread.` };
}

function stripPrefix(message: string): string {
  return message.replace(/^tokmeter: /, '');
}
