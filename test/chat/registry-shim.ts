/**
 * Test-only stand-in for `src/encodings/registry.ts`, used while the real tokenizer is being written.
 * It wraps the `tiktoken` npm package (WASM, the reference implementation) behind the registry's
 * contract: `getEncoding(name)`, `encodingForModel(model)`, `encodingNameForModel(model)`.
 * Special-token text is counted as ordinary text unless `allowedSpecial` says otherwise.
 */
import { Tiktoken, get_encoding } from 'tiktoken';
import { createRequire } from 'node:module';
import { UnknownModelError } from '../../src/errors.js';

const require = createRequire(import.meta.url);

interface ShimEncoding {
  readonly name: string;
  encode(text: string, options?: { allowedSpecial?: 'all' | string[] }): number[];
  count(text: string, options?: { allowedSpecial?: 'all' | string[] }): number;
  decode(tokens: number[]): string;
}

const HARMONY_SPECIALS: Record<string, number> = {
  '<|startoftext|>': 199998,
  '<|endoftext|>': 199999,
  '<|return|>': 200002,
  '<|constrain|>': 200003,
  '<|channel|>': 200005,
  '<|start|>': 200006,
  '<|end|>': 200007,
  '<|message|>': 200008,
  '<|call|>': 200012,
  '<|endofprompt|>': 200018,
};

function load(name: string): Tiktoken {
  if (name === 'o200k_harmony') {
    const base = require('tiktoken/encoders/o200k_base.json') as { bpe_ranks: string; pat_str: string };
    return new Tiktoken(base.bpe_ranks, HARMONY_SPECIALS, base.pat_str);
  }
  return get_encoding(name as 'cl100k_base' | 'o200k_base');
}

const cache = new Map<string, ShimEncoding>();
const utf8 = new TextDecoder();

export function getEncoding(name: string): ShimEncoding {
  let enc = cache.get(name);
  if (enc === undefined) {
    const tk = load(name);
    const encode = (text: string, options?: { allowedSpecial?: 'all' | string[] }): number[] =>
      Array.from(options?.allowedSpecial === undefined ? tk.encode_ordinary(text) : tk.encode(text, options.allowedSpecial, []));
    enc = {
      name,
      encode,
      count: (text, options) => encode(text, options).length,
      decode: (tokens) => utf8.decode(tk.decode(Uint32Array.from(tokens))),
    };
    cache.set(name, enc);
  }
  return enc;
}

export function encodingNameForModel(model: string): string {
  if (model.startsWith('gpt-oss')) return 'o200k_harmony';
  if (/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|computer-use)/.test(model)) return 'o200k_base';
  if (/^(gpt-4|gpt-3\.5)/.test(model)) return 'cl100k_base';
  throw new UnknownModelError(model, [], 'Pass a known OpenAI model id.');
}

export function encodingForModel(model: string): ShimEncoding {
  return getEncoding(encodingNameForModel(model));
}
