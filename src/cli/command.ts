import type { CommandSpec, ParsedArgs } from './args.js';
import type { Io } from './io.js';

/**
 * What a command hands back: the text for stdout, and an exit code when it is not 0 — a command
 * that finished only part of its work (some inputs failed) still prints what it did.
 */
export type CommandOutput = string | { stdout: string; code: number };

/** A subcommand: its spec (flags and help) and what it does. */
export interface Command {
  spec: CommandSpec;
  run(args: ParsedArgs, io: Io): Promise<CommandOutput>;
}
