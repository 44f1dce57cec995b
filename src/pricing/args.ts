import type { z } from 'zod';
import { InvalidArgumentError } from '../errors.js';
import { fieldName, isScalar, truncate, valueAt } from '../validation.js';
import { lazy } from '../zod.js';
import { dayOf } from './dates.js';
import { checkOptionsObject, isPlainObject, ownCopy } from '../options.js';

/** Option schemas shared by the pricing functions, and the one place zod issues become errors. */

const COUNT = 'must be a non-negative integer';

/** A token count: a whole number, zero or more. NaN, Infinity, -1 and 1.5 are refused. */
export const tokenCount = lazy((z) => z.number({ error: COUNT }).int({ error: COUNT }).min(0, { error: COUNT }));

/** A share of something, from 0 to 1. */
export const share = lazy((z) => z
  .number({ error: 'must be a number from 0 to 1' })
  .min(0, { error: 'must be a number from 0 to 1' })
  .max(1, { error: 'must be a number from 0 to 1' }));

/** The `at` option: an ISO day or a Date; `dayOf` turns it into the day and names a bad one. */
export const priceDate = lazy((z) => z.union([z.string(), z.date()], { error: 'must be an ISO date (YYYY-MM-DD) or a Date' }).superRefine((value, ctx) => {
  try {
    dayOf(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO date (YYYY-MM-DD, a UTC day) or a valid Date' });
  }
}));

export const tierName = lazy((z) => z.enum(['standard', 'batch', 'flex', 'priority'], {
  error: "must be 'standard', 'batch', 'flex' or 'priority'",
}));

function show(value: unknown): string {
  if (isScalar(value)) return String(value);
  if (value === undefined) return 'undefined';
  try {
    // undefined for a function or a symbol; throws on a cycle or a nested bigint.
    const text = JSON.stringify(value) as string | undefined;
    return text === undefined ? typeof value : truncate(text, 60);
  } catch {
    return typeof value;
  }
}

/**
 * Parses `given` with `schema`, or throws `InvalidArgumentError` naming the first bad field
 * (`options.inputTokens`) and the value it had.
 */
export function parseArgs<T>(schema: z.ZodType<T>, given: unknown, root = 'options'): T {
  // Own properties only: an object whose fields sit on its prototype, or a JSON "__proto__" key,
  // must not reach zod, which reads inherited fields and copies "__proto__" onto its output.
  if (given !== null && typeof given === 'object' && !Array.isArray(given) && !isPlainObject(given)) checkOptionsObject(given, 'tokmeter', root);
  const value = ownCopy(given, { root });
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
  const got = valueAt(value, issue.path);
  const message = issue.code === 'invalid_type' && got === undefined ? 'is required' : `${issue.message}, got ${show(got)}`;
  throw new InvalidArgumentError(field, `${message}.`, { cause: result.error });
}
