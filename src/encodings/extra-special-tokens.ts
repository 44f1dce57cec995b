/**
 * Custom special tokens for `getEncoding(name, { extraSpecialTokens })` (and js-tiktoken's
 * positional form `getEncoding(name, { '<|im_start|>': 100264 })`): reading the argument, checking
 * each token against the encoding, and the spec of the extended encoding. tiktoken builds the same
 * thing as `Encoding(name, pat_str=…, mergeable_ranks=…, special_tokens={**base, …})`.
 *
 * The two forms cannot be confused: an options object's values are objects, a token map's values
 * are ids (numbers). An object that is neither is read as options, so a misspelt option is named.
 */
import type { RankTable } from '../bpe/rank-table.js';
import { describeValue } from '../describe.js';
import { InvalidArgumentError, SpecialTokenConflictError } from '../errors.js';
import { isPlainObject, readOptions } from '../options.js';
import type { EncodingSpec } from './specs.js';

/** The options of `getEncoding` and `encodingForModel`. */
export interface EncodingOptions {
  /**
   * Special tokens to add, text → id, e.g. `{ '<|im_start|>': 100264, '<|im_end|>': 100265 }`.
   * Each text must have the form `<|name|>`; each id must be free: not a token of the vocabulary
   * and not the id of another special token. The result is a new `Encoding` (the built-in one is
   * left as it is); `encode` treats the added tokens like the others (ordinary text unless
   * `allowedSpecial` names them) and `decode` knows their ids.
   */
  readonly extraSpecialTokens?: Readonly<Record<string, number>>;
}

/** The largest id a special token may have: tiktoken's ranks are 32-bit unsigned. */
const MAX_ID = 0xffff_ffff;

/** Special tokens to add, and the field that named them (for errors). */
export interface ExtraSpecialTokens {
  readonly tokens: Readonly<Record<string, number>>;
  /** `options.extraSpecialTokens`, or `options` for the positional form. */
  readonly root: string;
}

/**
 * The special tokens to add from `getEncoding`'s second argument, checked for form, or
 * `undefined` when there are none (so the memoized encoding serves).
 */
export function readExtraSpecialTokens(options: unknown, fn: string): ExtraSpecialTokens | undefined {
  if (options === undefined) return undefined;
  let tokens: unknown;
  let root: string;
  if (isPlainObject(options) && Object.keys(options).length > 0 && Object.values(options).every((v) => typeof v === 'number')) {
    tokens = options; // js-tiktoken's positional form: the map itself
    root = 'options';
  } else {
    tokens = readOptions(options, ['extraSpecialTokens'], fn).extraSpecialTokens;
    root = 'options.extraSpecialTokens';
    if (tokens === undefined) return undefined;
    if (!isPlainObject(tokens)) {
      throw new InvalidArgumentError(root, `must be an object mapping special-token text to an id, e.g. { "<|im_start|>": 100264 }, got ${describeValue(tokens)}.`);
    }
  }
  const out: Record<string, number> = {};
  for (const [text, id] of Object.entries(tokens as Record<string, unknown>)) {
    const field = `${root}[${JSON.stringify(text)}]`;
    if (text === '__proto__') throw new InvalidArgumentError(field, 'is a "__proto__" key, which tokmeter never reads as a token; remove it.');
    if (!text.startsWith('<|') || text.length < 5 || text.indexOf('|>', 2) !== text.length - 2) {
      throw new InvalidArgumentError(field, 'is not a special token of the form <|name|> (with no "|>" inside the name); tokmeter finds special tokens by that form. Rename it, e.g. "<|my_token|>".');
    }
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > MAX_ID) {
      throw new InvalidArgumentError(field, `must be a token id, a whole number from 0 to ${MAX_ID}, got ${describeValue(id)}.`);
    }
    out[text] = id;
  }
  return Object.keys(out).length === 0 ? undefined : { tokens: out, root };
}

/**
 * The spec of `spec` with `extra` added, after checking every token against the vocabulary and
 * the existing special tokens. A token the encoding already has with the same id is accepted as it
 * is (tiktoken's `{**base, …}` form repeats them); any other overlap is a `SpecialTokenConflictError`.
 */
export function withExtraSpecialTokens(spec: EncodingSpec, ranks: RankTable, { tokens: extra, root }: ExtraSpecialTokens): EncodingSpec {
  const base = spec.specialTokens;
  const textById = new Map<number, string>();
  for (const [text, id] of Object.entries(base)) textById.set(id, text);
  const merged: Record<string, number> = { ...base };
  let size = spec.vocabularySize;
  for (const [text, id] of Object.entries(extra)) {
    const field = `${root}[${JSON.stringify(text)}]`;
    const existing = Object.hasOwn(base, text) ? base[text] : undefined;
    if (existing === id) continue;
    if (existing !== undefined) {
      throw new SpecialTokenConflictError(field, text, id, 'special-token', `${spec.name} already has ${text} as id ${existing}. Leave it out, or give it id ${existing}.`);
    }
    if (id < ranks.rankCount && ranks.offsets[id + 1]! > ranks.offsets[id]!) {
      throw new SpecialTokenConflictError(field, text, id, 'vocabulary', `id ${id} is an ordinary token of ${spec.name} (its ordinary ids run from 0 to ${ranks.rankCount - 1}${ranks.gaps.length > 0 ? ', with gaps' : ''}). Choose an id no token uses, e.g. ${spec.vocabularySize} or above.`);
    }
    const holder = textById.get(id);
    if (holder !== undefined) {
      throw new SpecialTokenConflictError(field, text, id, 'special-token', `id ${id} already belongs to the special token ${holder}. Choose another id.`);
    }
    textById.set(id, text);
    merged[text] = id;
    size = Math.max(size, id + 1);
  }
  return { ...spec, specialTokens: merged, vocabularySize: size };
}
