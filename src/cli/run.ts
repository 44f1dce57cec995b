import pkg from '../../package.json' with { type: 'json' };
import { getModel, PriceFetchError, TokmeterError } from '../index.js';
import { commandHelp, parseCommandArgs, stringValue, type Values } from './args.js';
import type { Command, CommandOutput } from './command.js';
import { cost } from './commands/cost.js';
import { count } from './commands/count.js';
import { estimate } from './commands/estimate.js';
import { fit } from './commands/fit.js';
import { memory } from './commands/memory.js';
import { models } from './commands/models.js';
import { prices } from './commands/prices.js';
import { split } from './commands/split.js';
import { EXIT_FETCH, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, InputError, UsageError } from './errors.js';
import type { Io } from './io.js';
import { loadCachedPrices } from './price-cache.js';
import { offerOpenEncodingData, openDataNotInstalled, openEncodingsNamed } from './open-data.js';
import { EncodingDataNotInstalledError } from '../encodings/open-data.js';

export const COMMANDS: readonly Command[] = [count, split, cost, estimate, fit, models, prices, memory];


/**
 * `--prefer-fetched` may follow any command: run() takes it out before the command's own options
 * are parsed, loads the fetched table with it, and hands it to `prices` as a value.
 */
export const PREFER_FETCHED = '--prefer-fetched';

/**
 * The commands that look models up in the price catalog, and so see the table `prices update`
 * fetched. (`prices` loads it itself; `memory` has no prices.)
 */
const PRICED_COMMANDS: ReadonlySet<string> = new Set(['count', 'cost', 'estimate', 'fit', 'models']);

/**
 * Whether a command needs the fetched table loaded before it runs. Loading LiteLLM's table takes
 * about 0.3 s (some 2,300 entries validated), three times a run without it, so it is skipped when it
 * cannot change the answer: built-in rows win unless --prefer-fetched, so a command whose models
 * (--model, --compare, count's --models) all resolve in the built-in catalog prices them the same without it.
 * `models` lists every model, so it always loads the table.
 */
function needsFetchedPrices(name: string, values: Values, preferFetched: boolean): boolean {
  if (!PRICED_COMMANDS.has(name)) return false;
  if (preferFetched || name === 'models') return true;
  const ids = [stringValue(values, 'model'), ...(stringValue(values, 'compare')?.split(',') ?? []), ...(stringValue(values, 'models')?.split(',') ?? [])];
  return ids.some((id) => id !== undefined && id.trim() !== '' && !resolvesBuiltIn(id.trim()));
}

function resolvesBuiltIn(id: string): boolean {
  try {
    getModel(id);
    return true;
  } catch {
    return false;
  }
}

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
    '  -h, --help            show this help; tokmeter <command> --help shows a command\'s',
    '  -v, --version         print the version',
    '      --prefer-fetched  with count, cost, estimate, fit, models and prices: rows of the table',
    '                        fetched by tokmeter prices update replace built-in ones (which win by default)',
    '',
    'Environment:',
    '  TOKMETER_CACHE_DIR  where tokmeter prices update keeps the fetched table',
    '                      (default $XDG_CACHE_HOME/tokmeter, else ~/.cache/tokmeter)',
    '',
    'Exit codes: 0 success, 1 usage error, 2 input error (missing file, unknown model, refused value),',
    '4 a price table could not be fetched (network, HTTP status, timeout), 5 count read some inputs but',
    'not others (each failure named on stderr; the counted ones printed). On any other error nothing is',
    'written to standard output (but for the chunks split wrote before it, as it writes them as it goes).',
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

/** Takes the global flags out of argv (up to a `--`, after which everything is a file name). */
function globalFlags(argv: readonly string[]): { preferFetched: boolean; argv: string[] } {
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const head = argv.slice(0, end);
  return { preferFetched: head.includes(PREFER_FETCHED), argv: [...head.filter((arg) => arg !== PREFER_FETCHED), ...argv.slice(end)] };
}

async function dispatch(all: readonly string[], io: Io): Promise<CommandOutput> {
  const { preferFetched, argv } = globalFlags(all);
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
  const args = parseCommandArgs(command.spec, rest);
  if (needsFetchedPrices(command.spec.name, args.values, preferFetched)) await loadCachedPrices(preferFetched, io.note);
  // Llama, Qwen and DeepSeek models count with tokmeter-open's data, loaded here when it is installed.
  await offerOpenEncodingData(openEncodingsNamed(args.values));
  try {
    return await command.run({ ...args, values: { ...args.values, 'prefer-fetched': preferFetched } }, io);
  } catch (error) {
    if (error instanceof EncodingDataNotInstalledError) throw openDataNotInstalled(error.encoding, error);
    throw inFlagTerms(error, command.spec.fieldFlags);
  }
}

/**
 * A library error re-worded in the command line's terms: every library field the command maps
 * (`options.cachedInputTokens`) becomes the flag the user typed (`--cached-input`). Longer names
 * are replaced first so `options.inputTokens` does not eat part of `options.cachedInputTokens`.
 */
function inFlagTerms(error: unknown, fieldFlags: Readonly<Record<string, string>> | undefined): unknown {
  if (!(error instanceof TokmeterError) || fieldFlags === undefined) return error;
  let message = error.message.replace(/^tokmeter: /, '');
  const fields = Object.keys(fieldFlags).sort((a, b) => b.length - a.length);
  for (const field of fields) message = message.split(field).join(`--${fieldFlags[field]}`);
  return message === error.message.replace(/^tokmeter: /, '') ? error : new InputError(message, { cause: error });
}

/**
 * Runs one command line. Errors become a message on stderr and an exit code; standard output gets
 * the command's text only when it succeeded.
 */
export async function run(argv: readonly string[], io: Io): Promise<Outcome> {
  try {
    const output = await dispatch(argv, io);
    return typeof output === 'string' ? { code: EXIT_OK, stdout: output } : output;
  } catch (error) {
    if (error instanceof UsageError) {
      const help = error.command === undefined ? 'tokmeter --help' : `tokmeter ${error.command} --help`;
      io.stderr.write(`${error.message}\nRun ${help} for usage.\n`);
      return { code: EXIT_USAGE, stdout: '' };
    }
    if (error instanceof PriceFetchError) {
      io.stderr.write(`${error.message}\n`);
      return { code: EXIT_FETCH, stdout: '' };
    }
    // An INTERNAL TokmeterError is a bug, like any error that is not tokmeter's: exit 3, with the stack.
    if (error instanceof InputError || (error instanceof TokmeterError && error.code !== 'INTERNAL')) {
      io.stderr.write(`${error.message}\n`);
      return { code: EXIT_INPUT, stdout: '' };
    }
    io.stderr.write(`tokmeter: internal error, please report it with the command line that caused it.\n${(error as Error)?.stack ?? String(error)}\n`);
    return { code: EXIT_INTERNAL, stdout: '' };
  }
}
