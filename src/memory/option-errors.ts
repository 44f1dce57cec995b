import type { z } from 'zod';
import { InvalidArgumentError } from '../errors.js';
import { suggestNames } from '../suggest.js';

/*
 * zod's issues, reworded into errors that name the field the way the caller wrote it and say what
 * it takes, with a suggestion for a misspelt name.
 */

/** `['lora', 'rank']` → `options.lora.rank`; `['gpus', 0, 'bytes']` → `options.gpus[0].bytes`. */
function fieldName(path: readonly PropertyKey[]): string {
  let field = 'options';
  for (const key of path) field += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return field;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** Turns zod's first issue into an error that names the field and says what it takes. */
export function toInvalidArgument(issue: z.core.$ZodIssue, input: unknown, knownOptions: readonly string[]): InvalidArgumentError {
  const received = valueAt(input, issue.path);
  const got = `; got ${describe(received)}.`;
  switch (issue.code) {
    case 'invalid_value': {
      const values = issue.values.map(String);
      const suggestions = typeof received === 'string' ? suggestNames(received, values, 1) : [];
      const hint = suggestions.length > 0 ? ` Did you mean ${JSON.stringify(suggestions[0])}?` : '';
      return new InvalidArgumentError(fieldName(issue.path), `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}${got}${hint}`);
    }
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      const suggestions = issue.path.length === 0 ? suggestNames(key, knownOptions, 1) : [];
      const hint = suggestions.length > 0 ? ` Did you mean ${JSON.stringify(suggestions[0])}?` : '';
      return new InvalidArgumentError(fieldName([...issue.path, key]), `is not an option here; remove it.${hint}`);
    }
    case 'too_small':
      if (issue.origin === 'array') return new InvalidArgumentError(fieldName(issue.path), 'must list at least one GPU; leave it out to use the built-in list.');
      return new InvalidArgumentError(
        fieldName(issue.path),
        Number(issue.minimum) === 0 && issue.inclusive !== true ? `must be a positive integer${got}` : `must be at least ${String(issue.minimum)}${got}`,
      );
    case 'too_big':
      return new InvalidArgumentError(fieldName(issue.path), `must be at most ${String(issue.maximum)}${got}`);
    case 'invalid_type':
      if (issue.expected === 'int') return new InvalidArgumentError(fieldName(issue.path), `must be a whole number${got}`);
      if (received === undefined) return new InvalidArgumentError(fieldName(issue.path), `is required: pass a ${issue.expected}.`);
      return new InvalidArgumentError(fieldName(issue.path), `must be a finite ${issue.expected}${got}`);
    default:
      return new InvalidArgumentError(fieldName(issue.path), `${issue.message}.`);
  }
}
