/**
 * The two ways a command line can be wrong, and the exit code each maps to. Errors the library
 * throws (`TokmeterError`) are input errors too: the arguments parsed, but the values were refused.
 */

export const EXIT_OK = 0;
/** Unknown command or option, a missing or malformed value. */
export const EXIT_USAGE = 1;
/** A missing or unreadable file, or a value the library refused. */
export const EXIT_INPUT = 2;
/** A bug in tokmeter: the message carries a stack trace to report. */
export const EXIT_INTERNAL = 3;
/** `prices update` could not fetch the table; the saved one is unchanged. */
export const EXIT_FETCH = 4;
/** Some inputs could not be read (each named on stderr); the others were counted and printed. */
export const EXIT_PARTIAL = 5;

/** The arguments cannot be understood. `command` says whose `--help` to point at. */
export class UsageError extends Error {
  override name = 'UsageError' as const;
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super(`tokmeter: ${message}`);
    this.command = command;
  }
}

/** The arguments were understood, but the input they name cannot be used. */
export class InputError extends Error {
  override name = 'InputError' as const;
  readonly path: string | undefined;
  /** What is wrong with `path`, without the path: `permission denied (EACCES)`. */
  readonly reason: string | undefined;

  constructor(message: string, options: { path?: string; reason?: string; cause?: unknown } = {}) {
    super(`tokmeter: ${message}`, { cause: options.cause });
    this.path = options.path;
    this.reason = options.reason;
  }
}
