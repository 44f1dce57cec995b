import { lazy } from '../zod.js';
import { countChatTokens } from '../chat/index.js';
import type { ChatMessage, ChatRequest } from '../chat/types.js';
import { countTokens } from '../count.js';
import type { AnyEncodingName } from '../encodings/any-encoding-name.js';
import { parseArgs, priceDate, tokenCount } from './args.js';
import { lifecycleAt } from './dated.js';
import { dayOf, type PriceDate } from './dates.js';
import { ContextOverflowError } from './errors.js';
import { promptTokenizer } from './prompt-tokenizer.js';
import { contextTokens } from './stand-in-counts.js';
import { checkLimits, type ContextCheck, type ContextFits } from './limits.js';
import { resolveModel } from './registry.js';
import type { CatalogEntry } from './spec.js';

/** Counting for models without a public tokenizer borrows gpt-4o's chat format and encoding. */
const STAND_IN_CHAT_MODEL = 'gpt-4o';

export interface CheckContextOptions {
  model: string;
  /**
   * The prompt: plain text, a messages array, a Chat Completions request (its own `model` is
   * ignored), or a token count you already have.
   */
  input: string | readonly ChatMessage[] | Omit<ChatRequest, 'model'> | number;
  /** Output tokens to reserve (the request's `max_tokens`). @default 0 */
  maxOutputTokens?: number;
  /** The day to check the model's lifecycle on (a shut-down model gets a warning). @default today (UTC) */
  at?: PriceDate;
}

const checkOptions = lazy((z) => z.strictObject({
  model: z.string({ error: 'must be a model id string' }),
  input: z.union([z.string(), tokenCount(), z.array(z.unknown()), z.looseObject({ messages: z.array(z.unknown()) })], {
    error: 'must be text, a messages array, a chat request with messages, or a token count',
  }),
  maxOutputTokens: tokenCount().optional(),
  at: priceDate().optional(),
}));

function countInput(entry: CatalogEntry, input: CheckContextOptions['input']): number {
  if (typeof input === 'number') return input;
  const { encoding, exact } = promptTokenizer(entry);
  if (typeof input === 'string') return countTokens(input, { encoding: encoding as AnyEncodingName });
  const chatModel = exact ? entry.id : STAND_IN_CHAT_MODEL;
  const request = Array.isArray(input) ? { messages: input } : (input as Omit<ChatRequest, 'model'>);
  return countChatTokens({ ...request, model: chatModel } as ChatRequest).total;
}

/**
 * Whether a prompt fits a model: prompt ≤ max input, output reserve ≤ max output, and both together
 * ≤ the context window. Counts text, messages or a chat request with the model's tokenizer; for
 * models whose tokenizers are not public, the count uses o200k_base and the result says
 * `approximate: true`. For Claude, whose distance from o200k_base was measured, the prompt is taken
 * as that count times the band's upper ratio (`standInTokens` and `band` say so; o200k_base
 * undercounts Claude by 19–43% on average), so the check leaves the headroom the measurement asks
 * for. A token count you pass is used as it is. A prompt that does not fit is a normal result, not
 * an error; see `assertFits` for the throwing form.
 *
 * @example
 * ```ts
 * const check = checkContext({ model: 'gpt-4o', input: messages, maxOutputTokens: 4096 });
 * if (check.fits) console.log(`${check.remaining} tokens to spare`);
 * else console.log(`${check.overBy} tokens over ${check.limit}`);
 *
 * checkContext({ model: 'gpt-5', input: 300_000 }); // { fits: false, limit: 'maxInputTokens', overBy: 28000, ... }
 * ```
 */
export function checkContext(options: CheckContextOptions): ContextCheck {
  const o = parseArgs(checkOptions(), options);
  const entry = resolveModel(o.model);
  const counted = countInput(entry, options.input);
  const { warnings } = lifecycleAt(entry, dayOf(o.at));
  const approximate = typeof options.input !== 'number' && !promptTokenizer(entry).exact;
  const outputTokens = o.maxOutputTokens ?? 0;
  if (typeof options.input === 'number') return checkLimits(entry, { inputTokens: counted, outputTokens }, approximate, warnings);
  const { tokens, band } = contextTokens(entry.id, counted);
  return checkLimits(entry, { inputTokens: tokens, outputTokens, ...(band !== undefined && { band, standInTokens: counted }) }, approximate, warnings);
}

/**
 * `checkContext`, throwing when the prompt does not fit.
 *
 * @throws {ContextOverflowError} carrying the counts, the limit broken and `overBy`.
 * @example
 * ```ts
 * assertFits({ model: 'gpt-4o-mini', input: longText, maxOutputTokens: 1000 }); // throws if over 127,000 tokens
 * ```
 */
export function assertFits(options: CheckContextOptions): ContextFits {
  const check = checkContext(options);
  if (check.fits) return check;
  const { fits: _fits, approximate: _approximate, warnings: _warnings, ...details } = check;
  throw new ContextOverflowError(details);
}
