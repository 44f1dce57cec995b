/**
 * src/validation.ts, the one place zod issues become tokmeter errors: which issue is told, how the
 * field is named, and the one wording every module's refusals share.
 */
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { InvalidArgumentError, TokmeterError } from '../src/errors.js';
import { invalidArgument, issueError, parseOrThrow } from '../src/validation.js';

/** The message parseOrThrow throws for `input`, without the `tokmeter: ` prefix. */
function refusal(schema: z.ZodType, input: unknown, knownKeys?: readonly string[]): string {
  try {
    parseOrThrow(schema, input, { root: 'options', ...(knownKeys && { knownKeys }), error: invalidArgument });
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as Error).message.replace(/^tokmeter: /, '');
  }
  throw new TokmeterError('INTERNAL', 'the schema accepted the input');
}

const options = z.strictObject({
  count: z.number().int().min(0, { error: 'must be a non-negative integer' }),
  tier: z.enum(['standard', 'batch', 'flex']).optional(),
  items: z.array(z.string()).min(1).optional(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  input: z.union([z.string(), z.looseObject({ messages: z.array(z.unknown()) })], { error: 'must be text or { messages }' }).optional(),
});

describe('issueError', () => {
  test('a misspelt key is told first, with the nearest known key', () => {
    expect(refusal(options, { cuont: 1 }, ['count', 'tier'])).toBe('options.cuont is not a known option; check its spelling. Did you mean "count"?');
  });

  test('a missing field says what it takes', () => {
    expect(refusal(options, {})).toBe('options.count is required; it must be a finite number.');
  });

  test("the schema's own message, then the value found", () => {
    expect(refusal(options, { count: -1 })).toBe('options.count must be a non-negative integer, got -1.');
    expect(refusal(options, { count: 1.5 })).toBe('options.count must be a whole number, got 1.5.');
    expect(refusal(options, { count: '3' })).toBe('options.count must be a finite number, got "3".');
  });

  test("zod's own issues in tokmeter's words", () => {
    expect(refusal(options, { count: 1, tier: 'flx' })).toBe('options.tier must be one of "standard", "batch", "flex", got "flx". Did you mean "flex"?');
    expect(refusal(options, { count: 1, items: [] })).toBe('options.items must have at least 1 item, got an array of length 0.');
    expect(refusal(options, { count: 1, day: '7 Dec' })).toBe('options.day must match /^\\d{4}-\\d{2}-\\d{2}$/, got "7 Dec".');
  });

  test('inside a union, the one branch the value got into names the field', () => {
    expect(refusal(options, { count: 1, input: { messages: 'hi' } })).toBe('options.input.messages must be an array, got "hi".');
    expect(refusal(options, { count: 1, input: 5 })).toBe('options.input must be text or { messages }, got 5.');
  });

  test('array indices are written [i], and the caller chooses the error class and the root', () => {
    const result = z.array(z.strictObject({ bytes: z.number() })).safeParse([{ bytes: 1 }, { bytes: 'x' }]);
    expect(result.success).toBe(false);
    const error = issueError(result.error!, [{ bytes: 1 }, { bytes: 'x' }], { root: 'gpus', error: (field, problem) => ({ field, problem }) });
    expect(error).toEqual({ field: 'gpus[1].bytes', problem: 'must be a finite number, got "x".' });
  });
});
