/**
 * The one place where chat counting touches the tokenizer. Everything in `src/chat` counts text
 * through a `ChatTokenizer`, so the model → encoding decision is made once per request.
 */
import { encodingForModel, encodingNameForModel } from '../encodings/registry.js';

/** What chat counting needs from an encoding. */
export interface ChatTokenizer {
  /** Encoding name, e.g. `o200k_base`. */
  readonly encoding: string;
  /** Tokens in `text`, special-token text counted as ordinary text. */
  count(text: string): number;
  /** Token ids of `text`, special-token text encoded as ordinary text. */
  encode(text: string): number[];
  decode(tokens: number[]): string;
}

/**
 * Resolve the tokenizer for a model id. Throws the registry's `UnknownModelError` for a model no
 * rule matches.
 */
export function tokenizerForModel(model: string): ChatTokenizer {
  const encoding = encodingForModel(model);
  return {
    encoding: encodingNameForModel(model),
    count: (text) => encoding.count(text),
    encode: (text) => encoding.encode(text),
    decode: (tokens) => encoding.decode(tokens),
  };
}
