import pkg from '../../package.json' with { type: 'json' };
import { TokmeterError } from '../index.js';
import { commandHelp, parseCommandArgs } from './args.js';
import type { Command } from './command.js';
import { cost } from './commands/cost.js';
import { count } from './commands/count.js';
import { estimate } from './commands/estimate.js';
import { fit } from './commands/fit.js';
import { memory } from './commands/memory.js';
import { models } from './commands/models.js';
import { EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, InputError, UsageError } from './errors.js';
import type { Io } from './io.js';

export const COMMANDS: readonly Command[] = [count, cost, estimate, fit, models, memory];

export const VERSION: string = pkg.version;

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.spec.name.length));
  return [
    `tokmeter ${VERSION}: exact LLM token counts, what they cost, and whether they fit.`,
    '',
    'Usage: tokmeter <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.spec.name.padEnd(width)}  ${command.spec.summary}`),
    '',
    'Options:',
    '  -h, --help     show this help; tokmeter <command> --help shows a command\'s',
    '  -v, --version  print the version',
    '',
    'Exit codes: 0 success, 1 usage error, 2 input error (missing file, unknown model, refused value).',
    'On an error nothing is written to standard output.',
  ].join('\n');
}

/** What `run` hands back: the exit code, and the text for stdout (empty after an error). */
export interface Outcome {
  code: number;
  stdout: string;
}

function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

async function dispatch(argv: readonly string[], io: Io): Promise<string> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic === undefined) return `${mainHelp()}\n`;
    const command = COMMANDS.find((c) => c.spec.name === topic);
    if (command === undefined) throw new UsageError(`unknown command ${JSON.stringify(topic)}.`);
    return `${commandHelp(command.spec)}\n`;
  }
  if (name === '--version' || name === '-v') return `${VERSION}\n`;
  const command = COMMANDS.find((c) => c.spec.name === name);
  if (command === undefined) {
    const what = name.startsWith('-') ? `unknown option ${name}` : `unknown command ${JSON.stringify(name)}`;
    throw new UsageError(`${what}. Commands: ${COMMANDS.map((c) => c.spec.name).join(', ')}.`);
  }
  if (wantsHelp(rest)) return `${commandHelp(command.spec)}\n`;
  return command.run(parseCommandArgs(command.spec, rest), io);
}

/**
 * Runs one command line. Errors become a message on stderr and an exit code; standard output gets
 * the command's text only when it succeeded.
 */
export async function run(argv: readonly string[], io: Io): Promise<Outcome> {
  try {
    return { code: EXIT_OK, stdout: await dispatch(argv, io) };
  } catch (error) {
    if (error instanceof UsageError) {
      const help = error.command === undefined ? 'tokmeter --help' : `tokmeter ${error.command} --help`;
      io.stderr.write(`${error.message}\nRun ${help} for usage.\n`);
      return { code: EXIT_USAGE, stdout: '' };
    }
    if (error instanceof InputError || error instanceof TokmeterError) {
      io.stderr.write(`${error.message}\n`);
      return { code: EXIT_INPUT, stdout: '' };
    }
    io.stderr.write(`tokmeter: internal error, please report it with the command line that caused it.\n${(error as Error)?.stack ?? String(error)}\n`);
    return { code: EXIT_INTERNAL, stdout: '' };
  }
}
