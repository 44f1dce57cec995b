import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from 'tokenizers';
import gemma3 from '../../packages/tokmeter-open/gemma3.js';
import { sentencePieceEncodingFromBase64 } from '../../src/sentencepiece/load.js';
import type { SentencePieceEncoding } from '../../src/sentencepiece/sentencepiece-encoding.js';

/**
 * The reference for gemma3: Hugging Face's `tokenizers` (its Rust library as a Node addon) reading
 * the same tokenizer.json that scripts/convert-gemma3.mjs converted.
 */
export interface Gemma3Oracle {
  /** Ids with special-token text read as text (tokmeter's default); the USER_DEFINED pieces still match. */
  encodeOrdinary(texts: readonly string[]): Promise<number[][]>;
  /** Ids with every special token recognised (tokmeter's `{ allowedSpecial: 'all' }`). */
  encodeAllSpecial(texts: readonly string[]): Promise<number[][]>;
}

interface TokenizerJson {
  added_tokens: { id: number; content: string; special: boolean }[];
}

const root = join(import.meta.dirname, '..', '..');

export function gemma3Oracle(): Gemma3Oracle {
  const text = readFileSync(join(root, 'node_modules', '@lenml', 'tokenizer-gemma3', 'models', 'tokenizer.json'), 'utf8');
  const json = JSON.parse(text) as TokenizerJson;
  const all = Tokenizer.fromString(text);
  // Without its special added tokens the tokenizer reads their text as text, as SentencePiece reads
  // CONTROL pieces and tokmeter reads special tokens by default (no merge makes a special token:
  // scripts/convert-gemma3.mjs checks the merges).
  const ordinary = Tokenizer.fromString(JSON.stringify({ ...json, added_tokens: json.added_tokens.filter((t) => !t.special) }));
  const run = async (tokenizer: Tokenizer, texts: readonly string[]): Promise<number[][]> => {
    const encodings = await tokenizer.encodeBatch([...texts], { addSpecialTokens: false });
    return encodings.map((e) => e.getIds());
  };
  return { encodeOrdinary: (texts) => run(ordinary, texts), encodeAllSpecial: (texts) => run(all, texts) };
}

/** tokmeter's gemma3, from packages/tokmeter-open/gemma3.js. */
export function gemma3ForTest(): SentencePieceEncoding {
  return sentencePieceEncodingFromBase64('gemma3', gemma3.base64);
}
