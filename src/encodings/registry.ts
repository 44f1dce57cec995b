import type { RankTable } from '../bpe/rank-table.js';
import { Encoding } from '../encoding.js';
import { InvalidArgumentError, UnknownEncodingError } from '../errors.js';
import { describeValue } from '../describe.js';
import { suggestNames } from '../suggest.js';
import { loadRankTable } from './load.js';
import { modelTokenizer, unknownModel } from './model-tokenizer.js';
import { ENCODING_ALIASES, ENCODING_NAMES, ENCODING_SPECS, type EncodingName, type RankFileName } from './specs.js';

const rankTables = new Map<RankFileName, RankTable>();
const encodings = new Map<EncodingName, Encoding>();

/**
 * The encoding called `name` (`r50k_base` or its alias `gpt2`, `p50k_base`, `p50k_edit`,
 * `cl100k_base`, `o200k_base`, `o200k_harmony`). Synchronous and memoized: the first call for a
 * rank file reads and checks it (a few milliseconds), later calls return the same object.
 *
 * @example getEncoding('cl100k_base').encode('hello world') // [15339, 1917]
 */
export function getEncoding(name: EncodingName | 'gpt2'): Encoding {
  if (typeof name !== 'string') throw new InvalidArgumentError('name', `must be an encoding name (a string), got ${describeValue(name)}.`);
  const canonical = (ENCODING_NAMES as readonly string[]).includes(name)
    ? (name as EncodingName)
    : Object.hasOwn(ENCODING_ALIASES, name)
      ? ENCODING_ALIASES[name]
      : undefined;
  if (canonical === undefined) {
    const known = [...ENCODING_NAMES, ...Object.keys(ENCODING_ALIASES)];
    throw new UnknownEncodingError(name, known, suggestNames(name, known));
  }
  let encoding = encodings.get(canonical);
  if (encoding === undefined) {
    const spec = ENCODING_SPECS[canonical];
    let ranks = rankTables.get(spec.rankFile);
    if (ranks === undefined) {
      ranks = loadRankTable(spec.rankFile);
      rankTables.set(spec.rankFile, ranks);
    }
    encoding = new Encoding(spec, ranks);
    encodings.set(canonical, encoding);
  }
  return encoding;
}

/**
 * The name of the encoding OpenAI publishes for a model, resolved by prefix so new snapshots keep
 * working (`gpt-4o-2024-11-20` → `o200k_base`). Throws `UnknownModelError`, with the closest known
 * names, for a model without a published encoding; `modelTokenizer` places those too, approximately.
 */
export function encodingNameForModel(model: string): EncodingName {
  const match = modelTokenizer(model);
  if (!match.approximate) return match.encoding;
  throw unknownModel(model, match);
}
/**
 * The encoding a model uses.
 *
 * @example encodingForModel('gpt-4o-mini').name // 'o200k_base'
 */
export function encodingForModel(model: string): Encoding {
  return getEncoding(encodingNameForModel(model));
}
