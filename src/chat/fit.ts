/**
 * `fitMessages`: make a conversation fit a token budget by dropping the oldest non-system
 * messages, then trimming the start of the oldest remaining one, and say what was removed.
 *
 * System and developer messages are never touched, and neither is the newest non-system message
 * except by trimming. An assistant message with tool calls is dropped together with the tool
 * results that answer it, so the conversation stays valid for the API.
 */
import { lazy } from '../zod.js';
import { countPrepared } from './count-chat.js';
import type { ChatCountOptions } from './options.js';
import { prepareChatRequest, type PreparedRequest } from './prepare.js';
import { InvalidArgumentError } from '../errors.js';
import { readOptions } from '../options.js';
import { CHAT_COUNT_OPTIONS, chatCountOptionsFrom } from './options.js';
import { parseOrThrow } from './schema.js';
import { tokenizerForModel, type ChatTokenizer } from './tokenizer.js';
import type { ChatMessage, ChatRequest } from './types.js';

export interface FitOptions extends ChatCountOptions {
  /** Model id; decides the encoding and the message framing. */
  readonly model: string;
  /** The budget for the whole prompt (messages, tools, images, framing). */
  readonly maxTokens: number;
  /** Tools, functions and choices sent with the messages: counted, never removed. */
  readonly tools?: ChatRequest['tools'];
  readonly tool_choice?: ChatRequest['tool_choice'];
  readonly functions?: ChatRequest['functions'];
  readonly function_call?: ChatRequest['function_call'];
  /**
   * When dropping whole messages is not enough, cut tokens from the start of the oldest remaining
   * non-system message (string content only).
   * @default true
   */
  readonly trim?: boolean;
}

/** A message `fitMessages` took out, with its index in the input array. */
export type RemovedMessage =
  | { readonly kind: 'dropped'; readonly index: number; readonly message: ChatMessage }
  | {
      readonly kind: 'trimmed';
      readonly index: number;
      readonly message: ChatMessage;
      /** The text cut from the start of the message. */
      readonly removedText: string;
      readonly removedTokens: number;
    };

export type FitResult =
  | { readonly fits: true; readonly messages: ChatMessage[]; readonly removed: RemovedMessage[]; readonly total: number; readonly remaining: number }
  | { readonly fits: false; readonly messages: ChatMessage[]; readonly removed: RemovedMessage[]; readonly total: number; readonly overBy: number };

const FitOptionsSchema = lazy((z) => z.object({
  model: z.string({ error: 'must be a model id string such as "gpt-4o"' }).min(1),
  maxTokens: z.number({ error: 'must be a number of tokens' }).int({ error: 'must be a whole number of tokens' }).nonnegative({ error: 'must not be negative' }),
  trim: z.boolean({ error: 'must be true or false' }).optional(),
}));

/** fitMessages' own options; the chat counting options come on top. */
const FIT_OPTIONS = ['model', 'maxTokens', 'trim', 'tools', 'tool_choice', 'functions', 'function_call'] as const;

const isSystemLike = (m: ChatMessage): boolean => m.role === 'system' || m.role === 'developer';

/** Indices removed together with message `i`: an assistant's tool calls take their results along. */
function groupOf(messages: readonly ChatMessage[], i: number, alive: ReadonlySet<number>): number[] {
  const group = [i];
  const ids = new Set((messages[i]?.tool_calls ?? []).flatMap((call) => (call.id === undefined ? [] : [call.id])));
  if (ids.size === 0) return group;
  for (let j = i + 1; j < messages.length; j++) {
    const m = messages[j];
    if (alive.has(j) && m?.role === 'tool' && m.tool_call_id !== undefined && ids.has(m.tool_call_id)) group.push(j);
  }
  return group;
}

function countTotal(base: Omit<PreparedRequest, 'messages' | 'fieldOf'>, messages: ChatMessage[], tokenizer: ChatTokenizer, options: ChatCountOptions): number {
  return countPrepared({ ...base, messages, fieldOf: (i) => `messages[${i}]` }, tokenizer, options).total;
}

/** Cut the fewest leading tokens from `text` so that `fits(rest)`; binary search over the cut. */
function trimStart(text: string, tokenizer: ChatTokenizer, fits: (rest: string) => boolean): { kept: string; cut: number } | undefined {
  const tokens = tokenizer.encode(text);
  const restAfter = (cut: number): string => tokenizer.decode(tokens.slice(cut)).replace(/^\uFFFD+/, '');
  if (!fits(restAfter(tokens.length))) return undefined;
  let lo = 1;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (fits(restAfter(mid))) hi = mid;
    else lo = mid + 1;
  }
  return { kept: restAfter(lo), cut: lo };
}

/**
 * Drop (then trim) the oldest non-system messages until the request fits `maxTokens`.
 *
 * @example
 * const result = fitMessages(history, { model: 'gpt-4o', maxTokens: 4096 });
 * if (result.fits) send(result.messages); else console.log(`still ${result.overBy} over`);
 */
export function fitMessages(messages: readonly ChatMessage[], options: FitOptions): FitResult {
  if (options === undefined) throw new InvalidArgumentError('options', 'is required: pass { model, maxTokens }, e.g. { model: "gpt-4o", maxTokens: 4096 }.');
  const own = readOptions(options, [...FIT_OPTIONS, ...CHAT_COUNT_OPTIONS], 'fitMessages');
  const countOptions = chatCountOptionsFrom(own, 'fitMessages');
  const { model, maxTokens, trim } = parseOrThrow(FitOptionsSchema(), { model: own.model, maxTokens: own.maxTokens, trim: own.trim }, ['options']);
  const request = {
    model,
    messages,
    ...(own.tools === undefined ? {} : { tools: own.tools }),
    ...(own.tool_choice === undefined ? {} : { tool_choice: own.tool_choice }),
    ...(own.functions === undefined ? {} : { functions: own.functions }),
    ...(own.function_call === undefined ? {} : { function_call: own.function_call }),
  };
  const prepared = prepareChatRequest(request);
  const tokenizer = tokenizerForModel(model);
  const { messages: _all, fieldOf: _f, ...base } = prepared;
  const all = prepared.messages;

  const alive = new Set(all.map((_, i) => i));
  const current = (): ChatMessage[] => all.filter((_, i) => alive.has(i));
  const removed: RemovedMessage[] = [];
  let total = countTotal(base, current(), tokenizer, countOptions);

  // Drop whole messages, oldest first, while more than one non-system message is left.
  while (total > maxTokens) {
    const nonSystem = all.map((m, i) => i).filter((i) => alive.has(i) && !isSystemLike(all[i] as ChatMessage));
    const oldest = nonSystem[0];
    if (oldest === undefined || nonSystem.length <= 1) break;
    const group = groupOf(all, oldest, alive);
    if (group.length >= nonSystem.length) break; // would leave no non-system message
    for (const i of group) {
      alive.delete(i);
      removed.push({ kind: 'dropped', index: i, message: all[i] as ChatMessage });
    }
    total = countTotal(base, current(), tokenizer, countOptions);
  }

  // Trim the start of the oldest remaining non-system message.
  const target = all.findIndex((m, i) => alive.has(i) && !isSystemLike(m));
  const targetMessage = all[target];
  let result = current();
  if (total > maxTokens && trim !== false && targetMessage !== undefined && typeof targetMessage.content === 'string') {
    const withContent = (content: string): ChatMessage[] => all.flatMap((m, i) => (!alive.has(i) ? [] : i === target ? [{ ...m, content }] : [m]));
    const trimmed = trimStart(targetMessage.content, tokenizer, (rest) => countTotal(base, withContent(rest), tokenizer, countOptions) <= maxTokens);
    if (trimmed !== undefined) {
      result = withContent(trimmed.kept);
      total = countTotal(base, result, tokenizer, countOptions);
      const removedText = targetMessage.content.slice(0, targetMessage.content.length - trimmed.kept.length);
      removed.push({ kind: 'trimmed', index: target, message: targetMessage, removedText, removedTokens: trimmed.cut });
    }
  }

  removed.sort((a, b) => a.index - b.index);
  return total <= maxTokens
    ? { fits: true, messages: result, removed, total, remaining: maxTokens - total }
    : { fits: false, messages: result, removed, total, overBy: total - maxTokens };
}
