/**
 * The one place where zod's issues become tokmeter's errors. `issueError` takes the first issue
 * (a misspelt key before anything else, since it also shows up as a missing field), names the field
 * the way the caller wrote it (`options.gpus[0].bytes`, `messages[2].content`) and says, in one
 * wording for the whole library, what the field takes and what it held:
 *
 * - a key the schema does not take: `options.outputToken is not a known option; check its spelling.`
 * - a missing field: `options.outputTokens is required; it must be a non-negative integer.`
 * - anything else: `options.tier must be one of "a", "b", got "c". Did you mean "b"?`
 *
 * What a field takes is the schema's own message when it has one (tokmeter's messages start in lower
 * case: `must be a price from 0 to ...`), or else zod's issue in those words (`must be a whole number`).
 * The caller chooses only the error class (`InvalidArgumentError`, `ChatValidationError`,
 * `PriceTableError`), through `error`.
 *
 * No zod at run time here: callers pass the schema (built lazily, `src/zod.ts`) or its error.
 */
import type { z } from 'zod';
import { describeValue } from './describe.js';
import { InvalidArgumentError, type TokmeterError } from './errors.js';
import { suggestNames } from './suggest.js';

/**
 * The name of the field at `path` below `root`: numbers as `[i]`, anything else as `.key`.
 * `fieldName('options', ['gpus', 0, 'bytes'])` → `options.gpus[0].bytes`. With an empty root the
 * first key has no dot: `fieldName('', ['messages', 2, 'content'])` → `messages[2].content`.
 */
export function fieldName(root: string, path: readonly PropertyKey[]): string {
  let name = root;
  for (const key of path) {
    if (typeof key === 'number') name += `[${key}]`;
    else name += name === '' ? String(key) : `.${String(key)}`;
  }
  return name;
}

/** The value at `path` inside `value`, or undefined where the path leaves objects and arrays. */
export function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** `must be one of "a", "b", "c"` (`must be "a"` for one value). */
export function mustBeOneOf(values: readonly string[]): string {
  return values.length === 1 ? `must be ${JSON.stringify(values[0])}` : `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
}

/** How the caller names its fields and builds its error. */
export interface IssueErrorOptions<E> {
  /** The argument's name, written before every field: `options` → `options.lora.rank`; `''` for none (`messages[2].content`). */
  readonly root: string;
  /** Said of a key the schema does not take. @default 'is not a known option; check its spelling.' */
  readonly unknownKey?: string;
  /** The keys the argument takes, suggested for a misspelt top-level key. */
  readonly knownKeys?: readonly string[];
  /** Builds the error: `field` as named above (`''` for the argument as a whole), `problem` a sentence without it. */
  readonly error: (field: string, problem: string, cause: z.ZodError) => E;
}

/**
 * The error for `zodError`, the result of checking `input` against a schema: the first issue (a
 * misspelt key first), worded as the file comment says, built by `options.error`.
 */
export function issueError<E>(zodError: z.ZodError, input: unknown, options: IssueErrorOptions<E>): E {
  const { root, error } = options;
  const issues = zodError.issues as readonly Issue[];
  const first = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
  if (first === undefined) return error(root, 'is not valid.', zodError);
  const { issue, path } = mostSpecific(first, []);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys?.[0] ?? '';
    const known = path.length === 0 ? (options.knownKeys ?? []) : [];
    return error(fieldName(root, [...path, key]), `${options.unknownKey ?? 'is not a known option; check its spelling.'}${didYouMean(key, known)}`, zodError);
  }
  const field = fieldName(root, path);
  const value = valueAt(input, path);
  const wants = requirement(issue);
  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value')) {
    return error(field, wants === undefined ? 'is required.' : `is required; it ${wants}.`, zodError);
  }
  const hint = issue.code === 'invalid_value' && typeof value === 'string' ? didYouMean(value, (issue.values ?? []).map(String)) : '';
  return error(field, `${wants ?? 'is not valid'}, got ${received(value)}.${hint}`, zodError);
}

/** The `error` for arguments: an `InvalidArgumentError` naming the field. */
export const invalidArgument = (field: string, problem: string, cause: unknown): InvalidArgumentError => new InvalidArgumentError(field, problem, { cause });

/** `schema`'s output for `input`, or `issueError` thrown. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, options: IssueErrorOptions<TokmeterError>): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw issueError(result.error, input, options);
}

/** The fields of a zod issue read here (zod 4's `$ZodIssue`, read structurally). */
interface Issue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly expected?: string;
  readonly values?: readonly unknown[];
  readonly keys?: readonly string[];
  readonly origin?: string;
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly inclusive?: boolean;
  readonly format?: string;
  readonly pattern?: string;
  readonly errors?: readonly (readonly Issue[])[];
}

/** Inside a union, the issue of the one branch that got past the top-level type check, if just one did. */
function mostSpecific(issue: Issue, base: readonly PropertyKey[]): { issue: Issue; path: readonly PropertyKey[] } {
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors !== undefined && issue.errors.length > 0) {
    const deeper = issue.errors.filter((branch) => !branch.some((i) => i.path.length === 0 && i.code === 'invalid_type'));
    const first = deeper[0]?.[0];
    if (deeper.length === 1 && first !== undefined) return mostSpecific(first, path);
  }
  return { issue, path };
}

/**
 * What the field takes, as `must ...`: the schema's own message (tokmeter writes its messages in
 * lower case; zod's own start with a capital), or zod's issue reworded; undefined when zod says
 * no more than that the value is invalid.
 */
function requirement(issue: Issue): string | undefined {
  if (/^[a-z]/.test(issue.message)) return issue.message.replace(/\.$/, '');
  const { minimum, maximum } = issue;
  const unit = issue.origin === 'array' || issue.origin === 'set' ? 'item' : issue.origin === 'string' ? 'character' : undefined;
  const units = (n: number | bigint | undefined) => `${String(n)} ${unit}${Number(n) === 1 ? '' : 's'}`;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return 'must be a whole number';
      if (issue.expected === 'number') return 'must be a finite number';
      return `must be ${issue.expected === 'array' || issue.expected === 'object' ? 'an' : 'a'} ${issue.expected}`;
    case 'invalid_value':
      return mustBeOneOf((issue.values ?? []).map(String));
    case 'too_small':
      if (unit !== undefined) return `must have at least ${units(minimum)}`;
      if (Number(minimum) === 0 && issue.inclusive !== true) return 'must be above 0';
      return `must be ${issue.inclusive === false ? 'above' : 'at least'} ${String(minimum)}`;
    case 'too_big':
      if (unit !== undefined) return `must have at most ${units(maximum)}`;
      return `must be ${issue.inclusive === false ? 'below' : 'at most'} ${String(maximum)}`;
    case 'invalid_format':
      return issue.format === 'regex' ? `must match ${String(issue.pattern)}` : `must be a valid ${String(issue.format)}`;
    default:
      return undefined;
  }
}

/** The value found, for `got ...`: numbers as written, strings quoted, anything else described. */
function received(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return describeValue(value);
}

/** ` Did you mean "x"?` for the known name nearest `name`, or nothing. */
function didYouMean(name: string, known: readonly string[]): string {
  const nearest = suggestNames(name, known, 1)[0];
  return nearest === undefined ? '' : ` Did you mean ${JSON.stringify(nearest)}?`;
}
