/**
 * What each `tokmeter/encoding/<name>` entry exports: one encoding's encode, decode and counts,
 * named as in gpt-tokenizer's per-encoding modules so that switching is a change of import. The
 * encoding is built on first use from the data module the entry imports, and checked then.
 */
import type { RankTable } from '../bpe/rank-table.js';
import type { Pretokenizer } from '../bpe/pretokenizers.js';
import type { EncodeOptions } from '../encode-options.js';
import { Encoding } from '../encoding.js';
import { rankTableFromBase64 } from '../encodings/rank-form.js';
import type { EncodingSpec } from '../encodings/specs.js';

/** One encoding's functions, as a per-encoding entry exports them. */
export interface EncodingFunctions {
  /**
   * The token ids of `text`. Special-token text is ordinary text unless `allowedSpecial` says otherwise.
   *
   * @example encode('hello world') // [15339, 1917] with cl100k_base
   */
  encode(text: string, options?: EncodeOptions): number[];
  /** The text of `tokens` (bytes that are not valid UTF-8 become U+FFFD). */
  decode(tokens: ArrayLike<number>): string;
  /** The number of tokens in `text`, without building the array. */
  countTokens(text: string, options?: EncodeOptions): number;
  /**
   * `false` when `text` has more than `limit` tokens, else its token count; stops counting as soon
   * as it passes the limit, so a huge text costs no more than `limit` tokens' work.
   *
   * @example isWithinTokenLimit('hello world', 1) // false
   * @example isWithinTokenLimit('hello world', 10) // 2
   */
  isWithinTokenLimit(text: string, limit: number, options?: EncodeOptions): false | number;
}

/** Rank tables by the data module they came from: p50k_edit and o200k_harmony share their base's. */
const tables = new WeakMap<object, RankTable>();

/**
 * The functions of the encoding `spec`, split by `pretokenizer` (the one it names, imported by the
 * entry so that a bundle carries no other), whose rank file's module is `data`, and `base` the module
 * of the file it extends, if it does (p50k_base's data holds only what it adds to r50k_base's).
 */
export function encodingFunctions(spec: EncodingSpec, pretokenizer: Pretokenizer, data: { readonly base64: string }, base: { readonly base64: string } | null = null): EncodingFunctions {
  let encoding: Encoding | undefined;
  return functionsOf(() => {
    if (encoding !== undefined) return encoding;
    let ranks = tables.get(data);
    if (ranks === undefined) {
      ranks = rankTableFromBase64(spec.rankFile, data.base64, `tokmeter/encodings/${spec.rankFile}.js`, base?.base64 ?? null);
      tables.set(data, ranks);
    }
    return (encoding = new Encoding(spec, ranks, pretokenizer));
  });
}

/** An entry's functions over the encoding `get` returns (made on the first call of any of them). */
export function functionsOf(get: () => Encoding): EncodingFunctions {
  return {
    encode: (text, options) => get().encode(text, options),
    decode: (tokens) => get().decode(tokens),
    countTokens: (text, options) => get().count(text, options),
    isWithinTokenLimit: (text, limit, options) => {
      const count = get().countUpTo(text, limit, options);
      return count > limit ? false : count;
    },
  };
}
