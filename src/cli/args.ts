import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';

/** One option of a command, as `--help` shows it and `node:util` `parseArgs` reads it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** What the value is, shown in help: `--model <id>`. Only for string options. */
  value?: string;
  description: string;
  short?: string;
  /** The option may be given more than once (`--include a --include b`); its value is a list. */
  multiple?: boolean;
  /**
   * A string option whose value may be left out (`--tree` or `--tree 500`): the next word is its
   * value only when it is a number. Left out, the value is the empty string.
   */
  optionalNumber?: boolean;
  /** The smallest value a numeric option takes, for the message a negative value gets. @default 0 */
  minimum?: number;
}

/** A command as the dispatcher and `--help` see it. */
export interface CommandSpec {
  name: string;
  /** One line for `tokmeter --help`. */
  summary: string;
  /** What follows `tokmeter <name>` in the usage line. */
  usage: string;
  /** A paragraph or two for `tokmeter <name> --help`. */
  description: string;
  options: Readonly<Record<string, OptionSpec>>;
  /** Whether the command takes positional arguments (files). */
  positionals: boolean;
  examples: readonly string[];
  /**
   * The library's names for the values a flag passes (`options.inputTokens` → `input`), so that an
   * error the library raises names the flag the user typed, never a function's option.
   */
  fieldFlags?: Readonly<Record<string, string>>;
}

/** A value that is a negative number: `-5`, `-0.5`, `-.5`. */
const NEGATIVE_NUMBER = /^-(?:\d|\.\d)/;

/**
 * `--input -5` would read as an unknown flag `-5`: name the real problem, the sign. Numbers in
 * tokmeter's flags are never negative.
 */
function refuseNegativeValues(spec: CommandSpec, argv: readonly string[]): void {
  for (let i = 0; i + 1 < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--') || arg.includes('=')) continue;
    const option = spec.options[arg.slice(2)];
    const value = argv[i + 1]!;
    if (option?.type === 'string' && NEGATIVE_NUMBER.test(value)) {
      throw new UsageError(`${arg} must be a number, ${option.minimum ?? 0} or more, got ${value}.`, spec.name);
    }
  }
}

export type Values = Readonly<Record<string, string | boolean | string[] | undefined>>;

export interface ParsedArgs {
  values: Values;
  positionals: string[];
  help: boolean;
}

/** The help text of one command, generated from its spec so flags and help cannot drift. */
export function commandHelp(spec: CommandSpec): string {
  const value = (option: OptionSpec) => (option.value === undefined ? '' : option.optionalNumber ? ` [${option.value}]` : ` <${option.value}>`);
  const entries: [string, string][] = Object.entries(spec.options).map(([name, option]) => [
    `${option.short === undefined ? '    ' : `-${option.short}, `}--${name}${value(option)}`,
    option.description,
  ]);
  entries.push(['-h, --help', 'show this help']);
  const width = Math.max(...entries.map(([flag]) => flag.length));
  return [
    `Usage: tokmeter ${spec.name} ${spec.usage}`,
    '',
    spec.description,
    '',
    'Options:',
    ...entries.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    '',
    'Examples:',
    ...spec.examples.map((example) => `  ${example}`),
  ].join('\n');
}

/**
 * Parses a command's arguments strictly: an unknown option, a missing value or a stray positional
 * is a `UsageError` that names the command, so the message can point at its `--help`.
 */
export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const options: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, option] of Object.entries(spec.options)) {
    options[name] = { type: option.type, ...(option.short !== undefined && { short: option.short }), ...(option.multiple && { multiple: true }) };
  }
  refuseNegativeValues(spec, argv);
  let parsed: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: withOptionalValues(spec, argv), options, strict: true, allowPositionals: true }) as typeof parsed;
  } catch (error) {
    throw new UsageError(describeParseError(error), spec.name);
  }
  const help = parsed.values['help'] === true;
  if (!help && !spec.positionals && parsed.positionals.length > 0) {
    throw new UsageError(`${spec.name} takes no file arguments, got ${JSON.stringify(parsed.positionals[0])}.`, spec.name);
  }
  return { values: parsed.values, positionals: parsed.positionals, help };
}

/**
 * `--tree` becomes `--tree=` and `--tree 500` becomes `--tree=500` for the options whose value may
 * be left out, so that node:util, which has no such options, reads them as ordinary strings.
 */
function withOptionalValues(spec: CommandSpec, argv: readonly string[]): string[] {
  const optional = new Set(Object.entries(spec.options).filter(([, option]) => option.optionalNumber).map(([name]) => `--${name}`));
  if (optional.size === 0) return [...argv];
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (!optional.has(arg)) out.push(arg);
    else if (/^\d[\d,_]*$/.test(argv[i + 1] ?? '')) out.push(`${arg}=${argv[++i]}`);
    else out.push(`${arg}=`);
  }
  return out;
}

/** node:util's messages, shortened to what a person at a terminal needs. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(message)?.[1];
    return `unknown option ${option ?? message}.`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = /'(-\S+)/.exec(message)?.[1]?.replace(/'$/, '') ?? 'an option';
    if (message.includes('does not take an argument')) return `${option} takes no value.`;
    if (message.includes('ambiguous')) return `${option} needs a value; to pass one that starts with a dash write ${option}=<value>.`;
    return `${option} needs a value.`;
  }
  return message;
}

/** A string option's value, or undefined when it was not given. */
export function stringValue(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** The values of an option given any number of times (`multiple`), in order; empty when not given. */
export function stringList(values: Values, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

export function requireString(values: Values, name: string, command: string): string {
  const value = stringValue(values, name);
  if (value === undefined) throw new UsageError(`${command} needs --${name}.`, command);
  if (value === '') throw new UsageError(`--${name} needs a value.`, command);
  return value;
}

/**
 * A whole number of tokens or requests: digits, optionally grouped with `,` or `_` (`10_000`,
 * `1,000,000`). Signs, decimals and exponents are refused here, with the flag named.
 */
export function wholeNumber(values: Values, name: string, command: string): number | undefined {
  const text = stringValue(values, name);
  if (text === undefined) return undefined;
  if (!/^\d+(?:[,_]\d{3})*$/.test(text)) {
    throw new UsageError(`--${name} must be a whole number such as 2000 or 2_000, got ${JSON.stringify(text)}.`, command);
  }
  const value = Number(text.replace(/[,_]/g, ''));
  if (!Number.isSafeInteger(value)) throw new UsageError(`--${name} is too large: ${text}.`, command);
  return value;
}

/** A number such as a request rate or a share: plain decimal notation, no sign. */
export function decimalNumber(values: Values, name: string, command: string): number | undefined {
  const text = stringValue(values, name);
  if (text === undefined) return undefined;
  if (!/^(?:\d+(?:[,_]\d{3})*(?:\.\d+)?|\.\d+)$/.test(text)) {
    throw new UsageError(`--${name} must be a number such as 0.5 or 1200, got ${JSON.stringify(text)}.`, command);
  }
  return Number(text.replace(/[,_]/g, ''));
}

/** One of a fixed list of words; the error lists them. */
export function choice<T extends string>(values: Values, name: string, allowed: readonly T[], command: string): T | undefined {
  const text = stringValue(values, name);
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(text)}.`, command);
  }
  return text as T;
}

export function flag(values: Values, name: string): boolean {
  return values[name] === true;
}
