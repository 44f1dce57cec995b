/**
 * The one place where chat counting touches the tokenizer. Everything in `src/chat` counts text
 * through a `ChatTokenizer`, so the model → encoding decision is made once per request.
 */
import type { TokenizerBand } from '../encodings/claude-band.js';
import { modelTokenizer } from '../encodings/model-tokenizer.js';
import { getEncoding } from '../encodings/registry.js';

/** What chat counting needs from an encoding. */
export interface ChatTokenizer {
  /** Encoding name, e.g. `o200k_base`. */
  readonly encoding: string;
  /** True when the model's tokenizer is not public and `encoding` stands in for it. */
  readonly approximate: boolean;
  /** The model's maker, as `modelTokenizer` gives it (`meta`, `qwen`, `deepseek`, `openai`…). */
  readonly family?: string;
  /** Claude models: how far their counts lie from `encoding`'s, as measured (docs/claude-counts.md). */
  readonly band?: TokenizerBand;
  /** Tokens in `text`, special-token text counted as ordinary text. */
  count(text: string): number;
  /** Token ids of `text`, special-token text encoded as ordinary text. */
  encode(text: string): number[];
  decode(tokens: number[]): string;
}

/**
 * Resolve the tokenizer for a model id by the one model → tokenizer rule (`modelTokenizer`):
 * exact for OpenAI models with a published encoding, a marked stand-in for other gpt-*, claude-*
 * and gemini-* ids. Throws `UnknownModelError` for a model no rule matches.
 */
export function tokenizerForModel(model: string): ChatTokenizer {
  const match = modelTokenizer(model);
  const encoding = getEncoding(match.encoding);
  return {
    encoding: match.encoding,
    approximate: match.approximate,
    family: match.family,
    ...(match.band !== undefined && { band: match.band }),
    count: (text) => encoding.count(text),
    encode: (text) => encoding.encode(text),
    decode: (tokens) => encoding.decode(tokens),
  };
}
