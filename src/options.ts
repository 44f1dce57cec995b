/**
 * How every public function reads an options object: it must be a plain object (`{ … }`), and
 * each of its own keys must be an option of that function. A misspelt key (`{ encodng: … }`)
 * would otherwise be ignored and the call would quietly use a default, so it is an error that
 * names the key and the closest option. Only own keys count (`Object.keys`): an object whose
 * options sit on its prototype is not a plain object, and a JSON `"__proto__"` key is an unknown
 * option like any other.
 *
 * And how a structure a caller passes in is read (`ownCopy`): a request, a tool schema, a model
 * config is copied to its own properties, at most `MAX_NESTING` levels deep and without cycles,
 * before anything walks it, so no input can overflow the stack or hide values on a prototype.
 */
import { describeValue } from './describe.js';
import { InvalidArgumentError, TokmeterError } from './errors.js';
import { suggestNames } from './suggest.js';
import { fieldName } from './validation.js';

/** An object literal, `JSON.parse` output or `Object.create(null)`: not an array, a class instance or an object with a borrowed prototype. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Whether the object at `root` is options (`options`, `options.harmony`) rather than data such as a model config. */
const isOptions = (root: string): boolean => root === 'options' || root.startsWith('options.');

/** Throws unless `options` is a plain object. `fn` names the function in the message. */
export function checkOptionsObject(options: unknown, fn: string, root = 'options'): asserts options is Record<string, unknown> {
  if (!isPlainObject(options)) {
    const fix = isOptions(root) ? 'Pass { … } with the options you need, or leave it out.' : 'Pass an object literal or parsed JSON.';
    throw new InvalidArgumentError(root, `must be a plain object { … } as ${fn} takes it, got ${describeValue(options)}. ${fix}`);
  }
}

/**
 * Throws unless `options` is a plain object whose own keys are all in `known`: the first other key
 * is named as `options.<key>` (under `root`), with the closest known name and the full list.
 *
 * @example rejectUnknownOptions({ encodng: 'r50k_base' }, ['model', 'encoding'], 'createTokenCounter')
 * // InvalidArgumentError: tokmeter: options.encodng is not an option of createTokenCounter; did you mean encoding? It takes model, encoding.
 */
export function rejectUnknownOptions(options: unknown, known: readonly string[], fn: string, root = 'options'): asserts options is Record<string, unknown> {
  checkOptionsObject(options, fn, root);
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const [suggestion] = suggestNames(key, known, 1);
    throw new InvalidArgumentError(
      fieldName(root, [key]),
      `is not ${isOptions(root) ? `an option of ${fn}` : `a field ${fn} reads`}${suggestion === undefined ? '.' : `; did you mean ${suggestion}?`} It takes ${known.join(', ')}.`,
    );
  }
}

/**
 * `options` checked by `rejectUnknownOptions` and copied to its own properties on a null
 * prototype, so that reading an option never finds an inherited value; `undefined` reads as `{}`.
 */
export function readOptions<K extends string>(options: unknown, known: readonly K[], fn: string, root = 'options'): Readonly<Partial<Record<K, unknown>>> {
  const copy = Object.create(null) as Partial<Record<K, unknown>>;
  if (options === undefined) return copy;
  rejectUnknownOptions(options, known, fn, root);
  for (const key of Object.keys(options) as K[]) copy[key] = options[key];
  return copy;
}

/** How many levels of objects and arrays `ownCopy` follows below the value it is given. */
export const MAX_NESTING = 100;

/** How many properties and array elements `ownCopy` copies in all before it gives up. */
export const MAX_ENTRIES = 1_000_000;

export interface OwnCopyOptions {
  /** The field name of the value itself: `options`, `config`, or `''` for a request whose fields are named from its top (`messages[0]`). */
  readonly root: string;
  /** @default MAX_NESTING */
  readonly maxDepth?: number;
  /** Builds the error for a field; a module passes its own error (an `InvalidArgumentError` subclass, `PriceTableError`). @default InvalidArgumentError */
  readonly error?: (field: string, message: string) => TokmeterError;
}

/** Objects `ownCopy` passes on as they are: nothing in them is read as data. */
function isOpaque(value: object): boolean {
  return (
    typeof value === 'function' || ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date ||
    value instanceof RegExp || value instanceof Map || value instanceof Set ||
    // An AbortSignal (updatePrices' `signal`) and other event targets are handles, not data.
    (typeof EventTarget === 'function' && value instanceof EventTarget)
  );
}

/**
 * A copy of a structure a caller passes in (a request, a tool schema, a usage object) that reading
 * cannot be fooled by: every object becomes a fresh `{}` of its own enumerable properties, every
 * array a dense array of its own elements (holes are `undefined`). It refuses, naming the field:
 * a `"__proto__"` key (JSON.parse makes it an own property, and copying it by assignment would
 * swap the copy's prototype and smuggle in unchecked values); nesting deeper than `maxDepth`; a
 * cycle; and more than `MAX_ENTRIES` properties and elements in all (a shared object referenced
 * from many places counts each time it is reached, as a renderer would walk it). Functions,
 * binary data, dates, maps, sets and regexps are kept as they are, not walked. The copy recurses at
 * most `maxDepth` frames deep, so no input can overflow the stack.
 */
export function ownCopy(value: unknown, options: OwnCopyOptions): unknown {
  const maxDepth = options.maxDepth ?? MAX_NESTING;
  const fail = options.error ?? ((field: string, message: string) => new InvalidArgumentError(field, message));
  const path: PropertyKey[] = [];
  const open = new Map<object, number>(); // objects being copied → their depth, to name a cycle's target
  const field = (at: readonly PropertyKey[]): string => fieldName(options.root, at) || 'request';
  let entries = 0;

  const copy = (current: unknown, depth: number): unknown => {
    if (current === null || typeof current !== 'object' || isOpaque(current)) return current;
    const seen = open.get(current);
    if (seen !== undefined) {
      throw fail(field(path), `refers back to ${field(path.slice(0, seen))}, which contains it (a cycle). Pass a tree, as JSON would be: copy the shared part instead of nesting it in itself.`);
    }
    if (depth >= maxDepth) {
      throw fail(field(path), `is nested more than ${maxDepth} levels deep; tokmeter reads at most ${maxDepth} levels of objects and arrays. Flatten the structure.`);
    }
    open.set(current, path.length);
    const count = (n: number): void => {
      entries += n;
      if (entries > MAX_ENTRIES) {
        throw fail(field([]), `holds more than ${MAX_ENTRIES.toLocaleString('en-US')} properties and array elements in all (an object shared from many places counts each time); split it into smaller calls.`);
      }
    };
    let result: unknown;
    if (Array.isArray(current)) {
      const out: unknown[] = [];
      const length = current.length;
      for (let i = 0; i < length; i++) {
        count(1);
        path.push(i);
        out.push(Object.hasOwn(current, i) ? copy(current[i], depth + 1) : undefined);
        path.pop();
      }
      result = out;
    } else {
      const out: Record<string, unknown> = {};
      const keys = Object.keys(current);
      count(keys.length);
      for (const key of keys) {
        path.push(key);
        if (key === '__proto__') {
          throw fail(field(path), 'is a "__proto__" key, which tokmeter never reads as data (it would stand for the object\'s prototype); remove it.');
        }
        out[key] = copy((current as Record<string, unknown>)[key], depth + 1);
        path.pop();
      }
      result = out;
    }
    open.delete(current);
    return result;
  };
  return copy(value, 0);
}
