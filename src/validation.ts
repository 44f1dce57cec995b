/**
 * The pieces every module uses to turn a zod issue into one of tokmeter's errors: the field's name
 * as the caller wrote it, the value found there, and the small bits of wording they share. Each
 * module keeps its own message wording (tests pin it); this file holds what is the same.
 *
 * No zod at run time here: callers hand in `issue.path` and the input, and schemas stay lazy
 * (`src/zod.ts`).
 */

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

/** A number, boolean or bigint: a value whose `String(value)` is how it was written. */
export function isScalar(value: unknown): value is number | boolean | bigint {
  return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint';
}

/** `text` cut to at most `max` characters, ending in `...` when cut. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** `must be one of "a", "b", "c"`. */
export function mustBeOneOf(values: readonly string[]): string {
  return `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
}
