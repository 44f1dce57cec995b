import type { z } from 'zod';
import { InvalidArgumentError } from '../errors.js';
import { suggestNames } from '../suggest.js';
import { fieldName, isScalar, mustBeOneOf, valueAt } from '../validation.js';

/*
 * zod's issues, reworded into errors that name the field the way the caller wrote it and say what
 * it takes, with a suggestion for a misspelt name.
 */

const didYouMean = (suggestions: readonly string[]): string => (suggestions.length > 0 ? ` Did you mean ${JSON.stringify(suggestions[0])}?` : '');

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (isScalar(value)) return String(value);
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Turns zod's first issue into an error that names the field (below `root`, the argument's name)
 * and says what it takes.
 */
export function toInvalidArgument(issue: z.core.$ZodIssue, input: unknown, knownOptions: readonly string[], root = 'options'): InvalidArgumentError {
  const received = valueAt(input, issue.path);
  const got = `; got ${describe(received)}.`;
  // `['lora', 'rank']` → `options.lora.rank`; `['gpus', 0, 'bytes']` → `options.gpus[0].bytes`.
  const field = fieldName(root, issue.path);
  switch (issue.code) {
    case 'invalid_value': {
      const values = issue.values.map(String);
      const hint = didYouMean(typeof received === 'string' ? suggestNames(received, values, 1) : []);
      return new InvalidArgumentError(field, `${mustBeOneOf(values)}${got}${hint}`);
    }
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      const hint = didYouMean(issue.path.length === 0 ? suggestNames(key, knownOptions, 1) : []);
      return new InvalidArgumentError(fieldName(root, [...issue.path, key]), `is not an option here; remove it.${hint}`);
    }
    case 'too_small':
      if (issue.origin === 'array') return new InvalidArgumentError(field, 'must list at least one GPU; leave it out to use the built-in list.');
      return new InvalidArgumentError(
        field,
        Number(issue.minimum) === 0 && issue.inclusive !== true ? `must be a positive integer${got}` : `must be at least ${String(issue.minimum)}${got}`,
      );
    case 'too_big':
      return new InvalidArgumentError(field, `must be at most ${String(issue.maximum)}${got}`);
    case 'invalid_type':
      if (issue.expected === 'int') return new InvalidArgumentError(field, `must be a whole number${got}`);
      if (received === undefined) return new InvalidArgumentError(field, `is required: pass a ${issue.expected}.`);
      return new InvalidArgumentError(field, `must be a ${issue.expected === 'number' ? 'finite number' : issue.expected}${got}`);
    default:
      return new InvalidArgumentError(field, `${issue.message}.`);
  }
}

/** Parses `input` with `schema`, or throws the first issue as an `InvalidArgumentError` naming the field below `root`. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, root: string, knownKeys: readonly string[] = []): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw issue === undefined ? new InvalidArgumentError(root, 'is not valid.') : toInvalidArgument(issue, input, knownKeys, root);
}
