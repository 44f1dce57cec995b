import { countChatTokens } from './chat/count-chat.js';
import type { ChatMessage, ChatRequest } from './chat/types.js';
import { countTokens, selectEncoding, type CountOptions, type MessagesCountOptions } from './count.js';
import { describeValue } from './describe.js';
import { InvalidArgumentError } from './errors.js';
import { isPlainObject, rejectUnknownOptions } from './options.js';

const TEXT_OPTIONS = ['model', 'encoding', 'allowedSpecial', 'disallowedSpecial'];

/**
 * Whether `input` fits in `limit` tokens: its count when it does, `false` when it does not
 * (gpt-tokenizer's contract, so `if (isWithinTokenLimit(text, 4096))` reads naturally). Text stops
 * counting as soon as it passes the limit, so a huge input costs little more than the limit. A
 * messages array (with `options.model`) or a whole Chat Completions request counts the prompt the
 * API would bill.
 *
 * @throws {InvalidArgumentError} for a limit that is not a whole number of tokens, or bad input.
 * @example
 * ```ts
 * isWithinTokenLimit('hello world', 10);  // 2
 * isWithinTokenLimit(hugeText, 128_000);  // false, after reading about 128,000 tokens' worth
 * isWithinTokenLimit({ model: 'gpt-4o', messages }, 4_096); // the prompt's count, or false
 * ```
 */
export function isWithinTokenLimit(text: string, limit: number, options?: CountOptions): number | false;
export function isWithinTokenLimit(messages: readonly ChatMessage[], limit: number, options: MessagesCountOptions): number | false;
export function isWithinTokenLimit(request: ChatRequest, limit: number): number | false;
export function isWithinTokenLimit(
  input: string | readonly ChatMessage[] | ChatRequest,
  limit: number,
  options?: CountOptions | MessagesCountOptions,
): number | false {
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 0) {
    throw new InvalidArgumentError('limit', `must be a whole number of tokens, 0 or more, got ${describeValue(limit)}.`);
  }
  let count: number;
  if (typeof input === 'string') {
    if (options !== undefined) rejectUnknownOptions(options, TEXT_OPTIONS, 'isWithinTokenLimit');
    const { allowedSpecial, disallowedSpecial } = (options ?? {}) as CountOptions;
    count = selectEncoding(options as CountOptions | undefined).countUpTo(input, limit, {
      ...(allowedSpecial !== undefined && { allowedSpecial }),
      ...(disallowedSpecial !== undefined && { disallowedSpecial }),
    });
  } else if (Array.isArray(input)) {
    count = countTokens(input, options as MessagesCountOptions);
  } else if (isPlainObject(input)) {
    if (options !== undefined) throw new InvalidArgumentError('options', 'is not taken with a chat request: the request names its model. Pass (request, limit).');
    count = countChatTokens(input as ChatRequest).total;
  } else {
    throw new InvalidArgumentError('input', `must be text, a messages array or a chat request, got ${describeValue(input)}.`);
  }
  return count <= limit ? count : false;
}
