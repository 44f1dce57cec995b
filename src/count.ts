import { countChatTokens } from './chat/count-chat.js';
import type { ChatCountOptions } from './chat/options.js';
import type { ChatMessage } from './chat/types.js';
import { InvalidArgumentError } from './errors.js';
import { readOptions, rejectUnknownOptions } from './options.js';
import { CHAT_COUNT_OPTIONS } from './chat/options.js';
import type { EncodeOptions } from './encode-options.js';
import { modelTokenizer } from './encodings/model-tokenizer.js';
import { getEncoding } from './encodings/registry.js';
import type { AnyEncodingName } from './encodings/any-encoding-name.js';
import type { Encoding } from './encoding.js';
import type { SentencePieceEncoding } from './sentencepiece/sentencepiece-encoding.js';

export interface CountOptions extends EncodeOptions {
  /**
   * The model whose encoding to use, resolved by prefix (`gpt-4o-2024-08-06` → o200k_base).
   * Models whose tokenizer is not public (`claude-*`, GPT-5.6 and later) count with o200k_base as
   * a stand-in, and so do `gemini-*` ids until gemma3's data is registered (`useEncodingData`);
   * `modelTokenizer(model).approximate` says when that is the case.
   *
   * @default 'gpt-4o'
   */
  readonly model?: string;
  /**
   * The encoding to use instead of a model's. Give `model` or `encoding`, not both. `llama3`,
   * `qwen2`, `deepseek_v3` and `gemma3` count once `useEncodingData` has given their data.
   */
  readonly encoding?: AnyEncodingName;
}

/**
 * The encoding that `options` select: `encoding`, else `model`'s by the one model → tokenizer rule
 * (`modelTokenizer`: exact for OpenAI's published encodings, o200k_base standing in for other
 * gpt-*, claude-* and gemini-* ids; gemma3 for Gemini 2.0/2.5/3 once its data is registered), else
 * gpt-4o's (o200k_base).
 */
export function selectEncoding(options: { readonly model?: string; readonly encoding?: AnyEncodingName } | undefined): Encoding | SentencePieceEncoding {
  if (options === undefined) return getEncoding('o200k_base');
  if (options.encoding !== undefined && options.model !== undefined) {
    throw new InvalidArgumentError('options', `gives both model (${JSON.stringify(options.model)}) and encoding (${JSON.stringify(options.encoding)}); give one of them.`);
  }
  if (options.encoding !== undefined) return getEncoding(options.encoding);
  if (options.model !== undefined) return getEncoding(modelTokenizer(options.model).encoding);
  return getEncoding('o200k_base');
}

const COUNT_OPTIONS = ['model', 'encoding', 'allowedSpecial', 'disallowedSpecial'];

/** Options for counting a messages array: the model is required, since the framing depends on it. */
export interface MessagesCountOptions extends ChatCountOptions {
  /** The chat model the messages are for, e.g. `gpt-4o`. */
  readonly model: string;
}

/**
 * The number of tokens in `text` for a model (default gpt-4o) or an encoding. Special-token text
 * counts as ordinary text unless `allowedSpecial` says otherwise.
 *
 * Given a messages array instead, the number of prompt tokens the API bills for a chat request with
 * those messages (see `countChatTokens` for tools, images and the breakdown).
 *
 * @example countTokens('hello world') // 2
 * @example countTokens('hello world', { model: 'gpt-3.5-turbo' }) // 2
 * @example countTokens([{ role: 'user', content: 'hello world' }], { model: 'gpt-4o' }) // 9
 */
export function countTokens(text: string, options?: CountOptions): number;
export function countTokens(messages: readonly ChatMessage[], options: MessagesCountOptions): number;
export function countTokens(input: string | readonly ChatMessage[], options?: CountOptions | MessagesCountOptions): number {
  if (Array.isArray(input)) {
    const { model, ...chatOptions } = readOptions(options, ['model', ...CHAT_COUNT_OPTIONS], 'countTokens');
    if (model === undefined) {
      throw new InvalidArgumentError('options.model', 'is required when counting messages: the per-message framing depends on the model. Pass { model: "gpt-4o" } (or the model you call).');
    }
    return countChatTokens({ model: model as string, messages: input as ChatMessage[] }, chatOptions as ChatCountOptions).total;
  }
  const text = input as string;
  // A misspelt option would silently count for gpt-4o.
  if (options !== undefined) rejectUnknownOptions(options, COUNT_OPTIONS, 'countTokens');
  const encoding = selectEncoding(options as CountOptions | undefined);
  if (options === undefined || !('allowedSpecial' in options || 'disallowedSpecial' in options)) return encoding.count(text);
  const { allowedSpecial, disallowedSpecial } = options as CountOptions;
  return encoding.count(text, { ...(allowedSpecial && { allowedSpecial }), ...(disallowedSpecial && { disallowedSpecial }) });
}
