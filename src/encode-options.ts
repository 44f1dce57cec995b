import { lazy } from './zod.js';
import { InvalidArgumentError } from './errors.js';
import { fieldName } from './validation.js';

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

const tokenList = lazy((z) => z.union([z.literal('all'), z.array(z.string()).readonly()]));
const encodeOptionsSchema = lazy((z) => z.strictObject({
  allowedSpecial: tokenList().optional(),
  disallowedSpecial: tokenList().optional(),
}));

const NO_POLICY: SpecialTokenPolicy = { allowed: new Set(), disallowed: new Set() };

/** Validates encode options once and turns them into two sets of special-token texts. */
export function specialTokenPolicy(options: unknown, specialTokens: ReadonlyMap<string, number>, encoding: string): SpecialTokenPolicy {
  if (options === undefined) return NO_POLICY;
  const parsed = encodeOptionsSchema().safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidArgumentError(
      fieldName('options', issue.path),
      `is invalid: ${issue.message}. Pass { allowedSpecial?: 'all' | string[], disallowedSpecial?: 'all' | string[] }.`,
    );
  }
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
  const allowed = known(parsed.data.allowedSpecial, 'allowedSpecial');
  let disallowed: Set<string>;
  if (parsed.data.disallowedSpecial === 'all') {
    disallowed = new Set([...specialTokens.keys()].filter((token) => !allowed.has(token)));
  } else {
    disallowed = known(parsed.data.disallowedSpecial, 'disallowedSpecial');
    for (const token of disallowed) {
      if (allowed.has(token)) {
        throw new InvalidArgumentError('options.disallowedSpecial', `names ${JSON.stringify(token)}, which allowedSpecial also names. Keep it in one of the two.`);
      }
    }
  }
  return { allowed, disallowed };
}
