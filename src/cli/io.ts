import type { Readable } from 'node:stream';

/** What a stream to the terminal offers: enough for notes and a progress bar. */
export interface ErrorStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Standard output for a command that writes as it goes: each write resolves when the stream can take more. */
export interface OutputStream {
  write(text: string): Promise<void>;
}

/**
 * A command's view of the process. Commands return their standard output as one string instead of
 * writing it, so a command that fails half-way has printed nothing to stdout — all but `split`,
 * whose output can be larger than memory: it writes to `stdout` as it goes.
 */
export interface Io {
  stdin: Readable & { isTTY?: boolean };
  stdout: OutputStream;
  stderr: ErrorStream;
  /** A line on stderr, now: skipped files, approximations. */
  note(message: string): void;
  /**
   * The CLI's own bundle (dist/cli.js), which count's batch workers run; without it (the commands
   * run in a test from source) everything is counted on this thread.
   */
  workerScript?: URL;
}

/** The process's streams; `outputFailed` ends the run when standard output cannot be written. */
export function processIo(outputFailed: (error: unknown) => never): Io {
  return {
    stdin: process.stdin,
    stdout: {
      write: (text) =>
        new Promise<void>((resolve) => {
          try {
            if (process.stdout.write(text)) resolve();
            else process.stdout.once('drain', resolve);
          } catch (error) {
            // A file or /dev/full as stdout is written synchronously, so the failure is thrown here;
            // a pipe's failure comes as an 'error' event, which main.ts handles the same way.
            outputFailed(error);
          }
        }),
    },
    stderr: process.stderr,
    note: (message) => process.stderr.write(`tokmeter: ${message}\n`),
  };
}
