import type { z } from 'zod';
import { invalidArgument, parseOrThrow } from '../validation.js';
import { lazy } from '../zod.js';
import { dayOf } from './dates.js';
import { checkOptionsObject, isPlainObject, ownCopy } from '../options.js';

/** Option schemas shared by the pricing functions, and `parseArgs`, which checks options with them. */

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

/**
 * Parses `given` with `schema`, or throws `InvalidArgumentError` naming the first bad field
 * (`options.inputTokens`) and the value it had.
 */
export function parseArgs<T>(schema: z.ZodType<T>, given: unknown, root = 'options'): T {
  // Own properties only: an object whose fields sit on its prototype, or a JSON "__proto__" key,
  // must not reach zod, which reads inherited fields and copies "__proto__" onto its output.
  if (given !== null && typeof given === 'object' && !Array.isArray(given) && !isPlainObject(given)) checkOptionsObject(given, 'tokmeter', root);
  return parseOrThrow(schema, ownCopy(given, { root }), { root, error: invalidArgument });
}
