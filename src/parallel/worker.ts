// The worker thread behind countFiles: counts byte ranges of files it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { countFileRange } from '../stream/count-file.js';
import type { RangeTask, RangeResult } from './protocol.js';

parentPort!.on('message', (task: RangeTask) => {
  countFileRange(task.path, task.start, task.end, task.options).then(
    (count) => parentPort!.postMessage({ id: task.id, tokens: count.tokens, bytes: count.bytes } satisfies RangeResult),
    (error: unknown) => parentPort!.postMessage({ id: task.id, error: error instanceof Error ? error.message.replace(/^tokmeter: /, '') : String(error) } satisfies RangeResult),
  );
});
