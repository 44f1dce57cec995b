import type { Readable } from 'node:stream';

/** What a stream to the terminal offers: enough for notes and a progress bar. */
export interface ErrorStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * A command's view of the process. Commands return their standard output as one string instead of
 * writing it, so a command that fails half-way has printed nothing to stdout.
 */
export interface Io {
  stdin: Readable & { isTTY?: boolean };
  stderr: ErrorStream;
  /** A line on stderr, now: skipped files, approximations. */
  note(message: string): void;
  /**
   * The CLI's own bundle (dist/cli.js), which count's batch workers run; without it (the commands
   * run in a test from source) everything is counted on this thread.
   */
  workerScript?: URL;
}

export function processIo(): Io {
  return {
    stdin: process.stdin,
    stderr: process.stderr,
    note: (message) => process.stderr.write(`tokmeter: ${message}\n`),
  };
}
