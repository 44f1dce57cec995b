/**
 * The `tokmeter` bin: runs the command line, writes its output once it is complete, and exits with
 * its code. All the work is in run.ts and the library.
 */
import { processIo } from './io.js';
import { run } from './run.js';

// `tokmeter count . | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const outcome = await run(process.argv.slice(2), processIo());
if (outcome.stdout !== '') process.stdout.write(outcome.stdout);
process.exitCode = outcome.code;
