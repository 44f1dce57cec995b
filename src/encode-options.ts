import { describeValue } from './describe.js';
import { InvalidArgumentError } from './errors.js';
import { rejectUnknownOptions } from './options.js';

/** How special-token text such as `<|endoftext|>` in the input is treated. */
export interface EncodeOptions {
  /**
   * Special tokens to encode as their special ids wherever their text appears, like tiktoken's
   * `allowed_special`. By default none: special-token text is ordinary text, which is how the API
   * counts it in user content.
   *
   * @default []
   * @example enc.encode('a<|endoftext|>', { allowedSpecial: 'all' }) // [64, 199999]
   */
  readonly allowedSpecial?: 'all' | readonly string[];
  /**
   * Special tokens whose text must not appear in the input: encoding it throws a
   * `DisallowedSpecialTokenError`, like tiktoken's `disallowed_special`. `'all'` means every
   * special token not in `allowedSpecial`.
   *
   * @default []
   */
  readonly disallowedSpecial?: 'all' | readonly string[];
}

export interface SpecialTokenPolicy {
  readonly allowed: ReadonlySet<string>;
  readonly disallowed: ReadonlySet<string>;
}

const ENCODE_OPTIONS = ['allowedSpecial', 'disallowedSpecial'] as const;
const NO_POLICY: SpecialTokenPolicy = { allowed: new Set(), disallowed: new Set() };

/**
 * `'all'`, a list of strings or undefined, checked by hand rather than with zod: these two options
 * are on every `encode` path, including the per-encoding entries (`tokmeter/encoding/<name>`), and
 * a zod schema here would put zod (some 60 KB gzipped) into every browser bundle that encodes.
 */
function tokenList(value: unknown, option: (typeof ENCODE_OPTIONS)[number]): 'all' | readonly string[] | undefined {
  if (value === undefined || value === 'all') return value;
  if (Array.isArray(value)) {
    const bad = value.findIndex((token) => typeof token !== 'string');
    if (bad < 0) return value as readonly string[];
    throw new InvalidArgumentError(`options.${option}[${bad}]`, `must be a special token's text (a string), got ${describeValue(value[bad])}.`);
  }
  throw new InvalidArgumentError(`options.${option}`, `must be 'all' or an array of special tokens' texts, got ${describeValue(value)}. Pass { ${option}: 'all' } or { ${option}: ['<|endoftext|>'] }.`);
}

/** Validates encode options once and turns them into two sets of special-token texts. */
export function specialTokenPolicy(options: unknown, specialTokens: ReadonlyMap<string, number>, encoding: string): SpecialTokenPolicy {
  if (options === undefined) return NO_POLICY;
  rejectUnknownOptions(options, ENCODE_OPTIONS, 'encode, count and countUpTo');
  const allowedSpecial = tokenList(options['allowedSpecial'], 'allowedSpecial');
  const disallowedSpecial = tokenList(options['disallowedSpecial'], 'disallowedSpecial');
  const known = (list: 'all' | readonly string[] | undefined, option: string): Set<string> => {
    if (list === undefined) return new Set();
    if (list === 'all') return new Set(specialTokens.keys());
    list.forEach((token, i) => {
      if (!specialTokens.has(token)) {
        throw new InvalidArgumentError(
          `options.${option}[${i}]`,
          `is ${JSON.stringify(token)}, which is not a special token of ${encoding}. Its special tokens are ${[...specialTokens.keys()].slice(0, 12).join(', ')}${specialTokens.size > 12 ? ', …' : ''}.`,
        );
      }
    });
    return new Set(list);
  };
  const allowed = known(allowedSpecial, 'allowedSpecial');
  let disallowed: Set<string>;
  if (disallowedSpecial === 'all') {
    disallowed = new Set([...specialTokens.keys()].filter((token) => !allowed.has(token)));
  } else {
    disallowed = known(disallowedSpecial, 'disallowedSpecial');
    for (const token of disallowed) {
      if (allowed.has(token)) {
        throw new InvalidArgumentError('options.disallowedSpecial', `names ${JSON.stringify(token)}, which allowedSpecial also names. Keep it in one of the two.`);
      }
    }
  }
  return { allowed, disallowed };
}

/** `countUpTo`'s limit, for every encoding: a non-negative safe integer, else an InvalidArgumentError. */
export function checkLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new InvalidArgumentError('limit', `must be a non-negative integer, got ${describeValue(limit)}.`);
  }
}

/** The token ids given to `decode` and its kin, for every encoding: array-like, else an InvalidArgumentError. */
export function checkTokenIds(tokens: ArrayLike<number>): void {
  if (tokens === null || typeof tokens !== 'object' || typeof tokens.length !== 'number') {
    throw new InvalidArgumentError('tokens', `must be an array of token ids, got ${describeValue(tokens)}.`);
  }
}
