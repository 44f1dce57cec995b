import type { RankTable } from '../bpe/rank-table.js';
import { PRETOKENIZERS } from '../bpe/pretokenizers.js';
import { Encoding } from '../encoding.js';
import { InvalidArgumentError, UnknownEncodingError } from '../errors.js';
import { describeValue } from '../describe.js';
import { suggestNames } from '../suggest.js';
import { readExtraSpecialTokens, withExtraSpecialTokens, type EncodingOptions } from './extra-special-tokens.js';
import { loadRankTable } from './load.js';
import { isOpenEncodingName, openEncoding, sentencePieceEncoding } from './open-data.js';
import type { SentencePieceEncoding } from '../sentencepiece/sentencepiece-encoding.js';
import { OPEN_ENCODING_NAMES, type OpenEncodingName } from './open-specs.js';
import type { AnyEncodingName } from './any-encoding-name.js';
import { modelTokenizer, unknownModel, type ModelEncodingName } from './model-tokenizer.js';
import { ENCODING_ALIASES, ENCODING_NAMES, ENCODING_SPECS, type EncodingName, type RankFileName } from './specs.js';

const rankTables = new Map<RankFileName, RankTable>();
const encodings = new Map<EncodingName, Encoding>();

/**
 * The encoding called `name` (`r50k_base` or its alias `gpt2`, `p50k_base`, `p50k_edit`,
 * `cl100k_base`, `o200k_base`, `o200k_harmony`; and `llama3`, `qwen2`, `deepseek_v3` once their
 * data is given with `useEncodingData`, else an `EncodingDataNotInstalledError` says how). Synchronous and memoized: the first call for a
 * rank file reads and checks it (a few milliseconds), later calls return the same object.
 *
 * With `{ extraSpecialTokens }` (or js-tiktoken's positional map of the same tokens) it builds a
 * new `Encoding` with those special tokens added; the memoized one is not changed. An id that is
 * a token of the vocabulary or another special token's is a `SpecialTokenConflictError`; an
 * option it does not take, a token not of the form `<|name|>` or an id that is not a whole number
 * is an `InvalidArgumentError`.
 *
 * @example getEncoding('cl100k_base').encode('hello world') // [15339, 1917]
 * @example getEncoding('cl100k_base', { extraSpecialTokens: { '<|im_start|>': 100264 } }).encode('<|im_start|>', { allowedSpecial: 'all' }) // [100264]
 */
export function getEncoding(name: 'gemma3'): SentencePieceEncoding;
export function getEncoding(name: EncodingName | OpenEncodingName | 'gpt2', options?: EncodingOptions | Readonly<Record<string, number>>): Encoding;
export function getEncoding(name: AnyEncodingName, options?: EncodingOptions | Readonly<Record<string, number>>): Encoding | SentencePieceEncoding;
export function getEncoding(name: AnyEncodingName, options?: EncodingOptions | Readonly<Record<string, number>>): Encoding | SentencePieceEncoding {
  if (typeof name !== 'string') throw new InvalidArgumentError('name', `must be an encoding name (a string), got ${describeValue(name)}.`);
  if (name === 'gemma3' || isOpenEncodingName(name)) {
    // The optional encodings' data carries every added token they have.
    if (readExtraSpecialTokens(options, 'getEncoding') !== undefined) {
      throw new InvalidArgumentError('options.extraSpecialTokens', `is not taken for ${name}, whose added tokens are all built in.`);
    }
    return name === 'gemma3' ? sentencePieceEncoding(name) : openEncoding(name);
  }
  const canonical = (ENCODING_NAMES as readonly string[]).includes(name)
    ? (name as EncodingName)
    : Object.hasOwn(ENCODING_ALIASES, name)
      ? ENCODING_ALIASES[name]
      : undefined;
  if (canonical === undefined) {
    const known = [...ENCODING_NAMES, ...Object.keys(ENCODING_ALIASES), ...OPEN_ENCODING_NAMES, 'gemma3'];
    throw new UnknownEncodingError(name, known, suggestNames(name, known));
  }
  const extra = readExtraSpecialTokens(options, 'getEncoding');
  let encoding = encodings.get(canonical);
  if (encoding === undefined || extra !== undefined) {
    const spec = ENCODING_SPECS[canonical];
    let ranks = rankTables.get(spec.rankFile);
    if (ranks === undefined) {
      ranks = loadRankTable(spec.rankFile);
      rankTables.set(spec.rankFile, ranks);
    }
    const pretokenizer = PRETOKENIZERS[spec.pretokenizer];
    if (extra !== undefined) return new Encoding(withExtraSpecialTokens(spec, ranks, extra), ranks, pretokenizer);
    encoding = new Encoding(spec, ranks, pretokenizer);
    encodings.set(canonical, encoding);
  }
  return encoding;
}

/**
 * The name of the encoding OpenAI publishes for a model, resolved by prefix so new snapshots keep
 * working (`gpt-4o-2024-11-20` → `o200k_base`). Throws `UnknownModelError`, with the closest known
 * names, for a model without a published encoding; `modelTokenizer` places those too, approximately.
 */
export function encodingNameForModel(model: string): ModelEncodingName {
  const match = modelTokenizer(model);
  if (!match.approximate) return match.encoding;
  throw unknownModel(model, match);
}
/**
 * The encoding a model uses; `options` as for `getEncoding` (extra special tokens). A SentencePieceEncoding
 * (same methods as Encoding) for Gemini 2.0/2.5/3 ids once gemma3's data is registered.
 *
 * @example encodingForModel('gpt-4o-mini').name // 'o200k_base'
 */
export function encodingForModel(model: string, options?: EncodingOptions | Readonly<Record<string, number>>): Encoding | SentencePieceEncoding {
  const name = encodingNameForModel(model);
  if (options === undefined) return getEncoding(name);
  readExtraSpecialTokens(options, 'encodingForModel'); // an error names this function, not getEncoding
  return getEncoding(name, options);
}
