import type { z } from 'zod';
import { InvalidArgumentError } from '../errors.js';
import { lazy } from '../zod.js';

/** Option schemas shared by the pricing functions, and the one place zod issues become errors. */

const COUNT = 'must be a non-negative integer';

/** A token count: a whole number, zero or more. NaN, Infinity, -1 and 1.5 are refused. */
export const tokenCount = lazy((z) => z.number({ error: COUNT }).int({ error: COUNT }).min(0, { error: COUNT }));

/** A share of something, from 0 to 1. */
export const share = lazy((z) => z
  .number({ error: 'must be a number from 0 to 1' })
  .min(0, { error: 'must be a number from 0 to 1' })
  .max(1, { error: 'must be a number from 0 to 1' }));

export const tierName = lazy((z) => z.enum(['standard', 'batch', 'flex', 'priority'], {
  error: "must be 'standard', 'batch', 'flex' or 'priority'",
}));

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function show(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'undefined';
  try {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return typeof value;
  }
}

function fieldName(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : `${name}.${String(key)}`), root);
}

/**
 * Parses `value` with `schema`, or throws `InvalidArgumentError` naming the first bad field
 * (`options.inputTokens`) and the value it had.
 */
export function parseArgs<T>(schema: z.ZodType<T>, value: unknown, root = 'options'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // A misspelt option also shows up as a missing one; the spelling is the cause, so report it first.
  const issues = result.error.issues;
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    throw new InvalidArgumentError(fieldName(root, [...issue.path, issue.keys[0] ?? '']), 'is not a known option; check its spelling.', {
      cause: result.error,
    });
  }
  const field = fieldName(root, issue.path);
  const got = issue.path.length === 0 && (value === null || typeof value !== 'object') ? value : valueAt(value, issue.path);
  const message = issue.code === 'invalid_type' && got === undefined ? 'is required' : `${issue.message}, got ${show(got)}`;
  throw new InvalidArgumentError(field, `${message}.`, { cause: result.error });
}
