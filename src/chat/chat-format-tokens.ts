/**
 * Ids for the format tokens of the chat format (chat-format.ts), per encoding, for `encodeChat`.
 * OpenAI publishes no ids for the chat models' framing in cl100k_base or o200k_base (tiktoken's
 * encodings list only <|endoftext|>, the FIM tokens and <|endofprompt|>), so these are the best
 * public ones, each with its source. An `Encoding` that decodes them:
 * `getEncoding(name, { extraSpecialTokens: CHAT_FORMAT_TOKENS[name] })` (for o200k_base,
 * `getEncoding('o200k_harmony')` knows them all already).
 */
import { END, MESSAGE, START, UNKNOWN } from './chat-format.js';

export type ChatFormatEncoding = 'cl100k_base' | 'o200k_base';

/** Each encoding's format tokens, text → id, as `extraSpecialTokens` takes them. */
export const CHAT_FORMAT_TOKENS: Readonly<Record<ChatFormatEncoding, Readonly<Record<string, number>>>> = {
  cl100k_base: {
    // tiktoken's README ("Extending tiktoken") builds cl100k_im with these two ids.
    '<|im_start|>': 100264,
    '<|im_end|>': 100265,
    // Third-party (gpt-tokenizer's cl100k_base params); no OpenAI source gives it.
    '<|im_sep|>': 100266,
    // Not a published token: the one id below cl100k_base's specials that nothing uses, standing
    // for a token whose text is not public.
    '<|unknown|>': 100256,
  },
  o200k_base: {
    // o200k_harmony's ids (openai/tiktoken, openai/harmony): the same vocabulary with the chat
    // framing the cookbook names ("every reply is primed with <|start|>assistant<|message|>").
    // That the gpt-4o family uses these ids is not published.
    '<|start|>': 200006,
    '<|end|>': 200007,
    '<|message|>': 200008,
    // A reserved id of o200k_harmony, standing for a token whose text is not public.
    '<|reserved_200000|>': 200000,
  },
};

/** Which of an encoding's format tokens stands for each piece chat-format.ts writes. */
const FORMAT_TEXT: Readonly<Record<ChatFormatEncoding, Readonly<Record<string, string>>>> = {
  cl100k_base: { [START]: '<|im_start|>', [MESSAGE]: '<|im_sep|>', [END]: '<|im_end|>', [UNKNOWN]: '<|unknown|>' },
  o200k_base: { [START]: '<|start|>', [MESSAGE]: '<|message|>', [END]: '<|end|>', [UNKNOWN]: '<|reserved_200000|>' },
};

/** The id of each format piece for `encoding`, or undefined when the chat format has no ids there. */
export function chatFormatIds(encoding: string): ReadonlyMap<string, number> | undefined {
  if (encoding !== 'cl100k_base' && encoding !== 'o200k_base') return undefined;
  const ids = CHAT_FORMAT_TOKENS[encoding];
  return new Map(Object.entries(FORMAT_TEXT[encoding]).map(([piece, text]) => [piece, ids[text]!]));
}
