import { createRequire } from 'node:module';
import { Tiktoken, get_encoding } from 'tiktoken';
import type { EncodingName } from '../../src/index.js';
import { ENCODING_SPECS } from '../../src/encodings/specs.js';

/**
 * The exact reference: the npm `tiktoken` package (tiktoken's Rust core compiled to WASM). It has
 * no o200k_harmony, so that one is built from o200k_base's ranks and pattern with the Harmony
 * special tokens.
 */
export interface Oracle {
  encodeOrdinary(text: string): number[];
  encodeAllSpecial(text: string): number[];
}

const cache = new Map<EncodingName, Oracle>();

export function oracle(name: EncodingName): Oracle {
  let found = cache.get(name);
  if (found === undefined) {
    let encoder: Tiktoken;
    if (name === 'o200k_harmony') {
      const base = createRequire(import.meta.url)('tiktoken/encoders/o200k_base.json') as { bpe_ranks: string; pat_str: string };
      encoder = new Tiktoken(base.bpe_ranks, { ...ENCODING_SPECS.o200k_harmony.specialTokens }, base.pat_str);
    } else {
      encoder = get_encoding(name);
    }
    found = {
      encodeOrdinary: (text) => Array.from(encoder.encode_ordinary(text)),
      encodeAllSpecial: (text) => Array.from(encoder.encode(text, 'all', [])),
    };
    cache.set(name, found);
  }
  return found;
}
