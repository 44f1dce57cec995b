/**
 * `encodeChat`: the token ids of the prompt a request becomes, as far as the format is public.
 *
 * - gpt-oss (harmony): the exact prompt, the ids openai/harmony's renderer gives for the text
 *   `renderHarmonyPrompt` shows; every special token (`<|constrain|>` too) is one id of o200k_harmony.
 * - Every other OpenAI chat model: the chat format as chat-format.ts writes it. Roles, names,
 *   contents, the function namespace and call arguments are their ordinary ids; the framing and
 *   the tokens whose text is not public are the ids of CHAT_FORMAT_TOKENS. Its length is always
 *   `countChatTokens(request).total`; the framing ids are the best public ones, not confirmed ones.
 *
 * Images are refused (their tokens are not text ids), and so are models whose tokenizer is not
 * public (their ids would be another tokenizer's).
 */
import { getEncoding } from '../encodings/registry.js';
import { readOptions } from '../options.js';
import { refuseAudioAndFiles, writeChatPrompt } from './chat-format.js';
import { chatFormatIds } from './chat-format-tokens.js';
import { UnsupportedContentError } from './errors.js';
import { harmonyPieces, renderHarmony } from './harmony.js';
import { messageFormatFor } from './message-format.js';
import { chatCountOptionsFrom, type ChatCountOptions } from './options.js';
import { prepareChatRequest } from './prepare.js';
import { tokenizerForModel } from './tokenizer.js';
import { isOpenEncodingName } from '../encodings/open-data.js';
import { templatedPrompt } from './open-templates.js';
import { toolLayoutFor } from './tool-layouts.js';
import type { ChatRequest } from './types.js';

/** The options of `encodeChat`. */
export type EncodeChatOptions = Pick<ChatCountOptions, 'toolLayout' | 'harmony'>;

const ENCODE_CHAT_OPTIONS = ['toolLayout', 'harmony'] as const;

/**
 * The token ids of the prompt `request` becomes: exact for gpt-oss (harmony); for the other chat
 * models, the chat format with the best public ids for its framing (see README, "encodeChat").
 * `encodeChat(request).length` is always `countChatTokens(request).total`.
 *
 * @throws {UnsupportedContentError} for an image part, or a model whose tokenizer is not public.
 * @example encodeChat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] }) // [200006, 1428, 200008, 24912, 200007, 200006, 173781, 200008]
 */
export function encodeChat<R extends ChatRequest>(request: R, options?: EncodeChatOptions): number[] {
  const checked = chatCountOptionsFrom(readOptions(options, ENCODE_CHAT_OPTIONS, 'encodeChat'), 'encodeChat');
  const prepared = prepareChatRequest(request);
  const tokenizer = tokenizerForModel(prepared.model);
  if (tokenizer.approximate) {
    throw new UnsupportedContentError(
      'model',
      `is ${JSON.stringify(prepared.model)}, whose tokenizer is not public, so its token ids cannot be given (${tokenizer.encoding} only stands in for counting). Use countChatTokens for an approximate count.`,
    );
  }
  if (tokenizer.encoding === 'o200k_harmony') {
    return harmonyPieces(renderHarmony(prepared, checked.harmony ?? {})).encode(tokenizer, getEncoding('o200k_harmony').specialTokens);
  }
  if (isOpenEncodingName(tokenizer.encoding)) {
    const prompt = templatedPrompt(prepared, tokenizer.encoding, tokenizer.family);
    if (!prompt.exact) {
      throw new UnsupportedContentError('model', `is ${JSON.stringify(prepared.model)}, whose chat template tokmeter only approximates (it renders the closest tested one), so its token ids cannot be given. Use countChatTokens for an approximate count.`);
    }
    return getEncoding(tokenizer.encoding).encode(prompt.preamble + prompt.messages.join('') + prompt.replyPriming, { allowedSpecial: 'all' });
  }
  if (tokenizer.encoding === 'gemma3') {
    throw new UnsupportedContentError(
      'model',
      `is ${JSON.stringify(prepared.model)}, which is counted as Google's GenAI SDK counts it locally: each text encoded on its own, with no prompt around them, so there are no prompt ids to give. Use countChatTokens for the count, or getEncoding('gemma3').encode(text) for one text's ids.`,
    );
  }
  const ids = chatFormatIds(tokenizer.encoding);
  if (ids === undefined) {
    throw new UnsupportedContentError('model', `is ${JSON.stringify(prepared.model)}, which uses ${tokenizer.encoding}; no chat model uses that encoding, so there is no chat format to give ids for.`);
  }
  const prompt = writeChatPrompt(prepared, messageFormatFor(prepared.model), toolLayoutFor(prepared.model, checked.toolLayout), (part, field) => {
    refuseAudioAndFiles(part, field);
    throw new UnsupportedContentError(field, 'is an image; image tokens are not token ids of the text encoding. Count the request with countChatTokens, or leave the image out.');
  });
  const out: number[] = [];
  for (const section of prompt.sections) section.pieces.encode(tokenizer, ids, out);
  return out;
}
