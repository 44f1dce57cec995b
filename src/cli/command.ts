import type { CommandSpec, ParsedArgs } from './args.js';
import type { Io } from './io.js';

/** A subcommand: its spec (flags and help) and what it does. `run` returns the text for stdout. */
export interface Command {
  spec: CommandSpec;
  run(args: ParsedArgs, io: Io): Promise<string>;
}
