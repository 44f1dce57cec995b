/**
 * The `tokmeter` bin: runs the command line, writes its output once it is complete, and exits with
 * its code. All the work is in run.ts and the library.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { COUNT_WORKER_ROLE, serveCountBatches } from './batch-worker.js';
import { EXIT_INPUT } from './errors.js';
import { describeFsError } from './fs-errors.js';
import { processIo } from './io.js';
import { run } from './run.js';

/**
 * Standard output could not be written. `tokmeter count . | head` closes the pipe early: EPIPE
 * ends the run quietly with its own exit code, as Unix tools do. Any other failure (ENOSPC on
 * /dev/full, EIO) ends it with one line on stderr and exit code 2, never a stack trace.
 */
function outputFailed(error: unknown): never {
  const code = (error as { code?: unknown })?.code;
  if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
  const reason = code === 'ENOSPC' ? 'no space left on the device (ENOSPC)' : describeFsError(error, '');
  process.stderr.write(`tokmeter: cannot write the output: ${reason}\n`);
  process.exit(EXIT_INPUT);
}

async function main(): Promise<void> {
  process.stdout.on('error', outputFailed);
  const outcome = await run(process.argv.slice(2), { ...processIo(outputFailed), workerScript: new URL(import.meta.url) });
  try {
    if (outcome.stdout !== '') process.stdout.write(outcome.stdout);
  } catch (error) {
    // A file or /dev/full as stdout is written synchronously, so the failure is thrown here.
    outputFailed(error);
  }
  process.exitCode = outcome.code;
}

// The same file runs count's batch workers (batch-worker.ts), told apart by their workerData.
if (!isMainThread && (workerData as { role?: unknown } | null)?.role === COUNT_WORKER_ROLE) serveCountBatches();
else await main();
