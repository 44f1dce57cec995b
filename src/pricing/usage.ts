import { InvalidArgumentError } from '../errors.js';
import { lazy } from '../zod.js';
import { parseArgs, tierName, tokenCount } from './args.js';
import { costOfCounts, type CostEstimate, type CountFields, type TokenCounts } from './cost.js';
import { resolveModel } from './registry.js';
import type { ServiceTier } from './types.js';

/** Chat Completions `usage`. `prompt_tokens` includes cached tokens; `completion_tokens` includes reasoning. */
export interface OpenAIChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number | null; [key: string]: unknown } | null;
  completion_tokens_details?: { reasoning_tokens?: number | null; [key: string]: unknown } | null;
}

/** Responses API `usage`: the same meanings as Chat Completions under other names. */
export interface OpenAIResponsesUsage {
  input_tokens: number;
  output_tokens: number;
  total_tokens?: number;
  input_tokens_details?: { cached_tokens?: number | null; [key: string]: unknown } | null;
  output_tokens_details?: { reasoning_tokens?: number | null; [key: string]: unknown } | null;
}

/**
 * Anthropic Messages `usage`. `input_tokens` EXCLUDES cache reads and cache writes; `output_tokens`
 * includes thinking. `cache_creation` splits the writes by time to live.
 */
export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_creation?: { ephemeral_5m_input_tokens?: number | null; ephemeral_1h_input_tokens?: number | null } | null;
  [key: string]: unknown;
}

/** One modality's share of a Gemini count. */
export interface GeminiModalityCount {
  modality?: string;
  tokenCount?: number;
}

/**
 * Gemini `usageMetadata`. `promptTokenCount` includes `cachedContentTokenCount`; thoughts are NOT in
 * `candidatesTokenCount` and are billed as output; `toolUsePromptTokenCount` is billed as input.
 * Zero counts may be left out.
 */
export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
  toolUsePromptTokenCount?: number;
  totalTokenCount?: number;
  promptTokensDetails?: readonly GeminiModalityCount[];
  cacheTokensDetails?: readonly GeminiModalityCount[];
}

export type UsageFormat = 'openai-chat' | 'openai-responses' | 'anthropic' | 'gemini';

export type ProviderUsage = OpenAIChatUsage | OpenAIResponsesUsage | AnthropicUsage | GeminiUsageMetadata;

export interface CostFromUsageOptions {
  model: string;
  /** A usage object as the provider's API (or SDK) returned it. */
  usage: ProviderUsage;
  /** Which API the usage came from. @default detected from its field names */
  format?: UsageFormat;
  /** The tier the response reports it was billed on; OpenAI's `service_tier: 'default'` is `'standard'`. @default 'standard' */
  tier?: ServiceTier | 'default';
}

export interface UsageCost extends CostEstimate {
  /** The usage format the counts were read as. */
  format: UsageFormat;
}

const count = tokenCount;
const optionalCount = lazy(() => tokenCount().nullish());

const openaiChat = lazy((z) => z.looseObject({
  prompt_tokens: count(),
  completion_tokens: count(),
  prompt_tokens_details: z.looseObject({ cached_tokens: optionalCount() }).nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: optionalCount() }).nullish(),
}));

const openaiResponses = lazy((z) => z.looseObject({
  input_tokens: count(),
  output_tokens: count(),
  input_tokens_details: z.looseObject({ cached_tokens: optionalCount() }).nullish(),
  output_tokens_details: z.looseObject({ reasoning_tokens: optionalCount() }).nullish(),
}));

const anthropic = lazy((z) => z.looseObject({
  input_tokens: count(),
  output_tokens: count(),
  cache_read_input_tokens: optionalCount(),
  cache_creation_input_tokens: optionalCount(),
  cache_creation: z
    .looseObject({ ephemeral_5m_input_tokens: optionalCount(), ephemeral_1h_input_tokens: optionalCount() })
    .nullish(),
}));

const modalityCounts = lazy((z) => z.array(z.looseObject({ modality: z.string().optional(), tokenCount: count().optional() })).optional());

const gemini = lazy((z) => z.looseObject({
  promptTokenCount: count().optional(),
  candidatesTokenCount: count().optional(),
  thoughtsTokenCount: count().optional(),
  cachedContentTokenCount: count().optional(),
  toolUsePromptTokenCount: count().optional(),
  promptTokensDetails: modalityCounts(),
  cacheTokensDetails: modalityCounts(),
}));

const usageOptions = lazy((z) => z.strictObject({
  model: z.string({ error: 'must be a model id string' }),
  usage: z.looseObject({}, { error: 'must be a usage object' }),
  format: z.enum(['openai-chat', 'openai-responses', 'anthropic', 'gemini']).optional(),
  tier: z.union([tierName(), z.literal('default')], { error: "must be 'standard', 'batch', 'flex', 'priority' or 'default'" }).optional(),
}));

function detectFormat(usage: Record<string, unknown>, provider: string): UsageFormat {
  const has = (key: string) => key in usage;
  if (has('promptTokenCount') || has('candidatesTokenCount') || has('totalTokenCount')) return 'gemini';
  if (has('prompt_tokens') || has('completion_tokens')) return 'openai-chat';
  if (has('cache_read_input_tokens') || has('cache_creation_input_tokens') || has('cache_creation')) return 'anthropic';
  if (has('input_tokens_details') || has('output_tokens_details')) return 'openai-responses';
  if (has('input_tokens')) return provider === 'anthropic' ? 'anthropic' : 'openai-responses';
  throw new InvalidArgumentError(
    'options.usage',
    'has none of the fields of an OpenAI, Anthropic or Gemini usage object (prompt_tokens, input_tokens, promptTokenCount); ' +
      'pass the `usage` (or Gemini `usageMetadata`) object of the response, or say which it is with `format`.',
  );
}

function fields(names: Partial<Record<keyof TokenCounts, string>>): CountFields {
  const base: Record<keyof TokenCounts, string> = {
    input: 'prompt',
    output: 'output',
    cachedInput: 'cached tokens',
    cacheWrite5m: 'cache writes',
    cacheWrite1h: 'cache writes',
    audioInput: 'audio tokens',
    reasoning: 'reasoning tokens',
  };
  const out = { ...base, ...names };
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, `options.usage.${v}`])) as unknown as CountFields;
}

const modality = (details: readonly GeminiModalityCount[] | undefined, name: string) =>
  (details ?? []).filter((d) => d.modality === name).reduce((total, d) => total + (d.tokenCount ?? 0), 0);

function normalise(format: UsageFormat, usage: unknown): { counts: TokenCounts; fields: CountFields } {
  const none = { cachedInput: 0, cacheWrite5m: 0, cacheWrite1h: 0, audioInput: 0, reasoning: 0 };
  switch (format) {
    case 'openai-chat': {
      const u = parseArgs(openaiChat(), usage, 'options.usage');
      return {
        counts: {
          ...none,
          input: u.prompt_tokens,
          output: u.completion_tokens,
          cachedInput: u.prompt_tokens_details?.cached_tokens ?? 0,
          reasoning: u.completion_tokens_details?.reasoning_tokens ?? 0,
        },
        fields: fields({
          input: 'prompt_tokens',
          output: 'completion_tokens',
          cachedInput: 'prompt_tokens_details.cached_tokens',
          reasoning: 'completion_tokens_details.reasoning_tokens',
        }),
      };
    }
    case 'openai-responses': {
      const u = parseArgs(openaiResponses(), usage, 'options.usage');
      return {
        counts: {
          ...none,
          input: u.input_tokens,
          output: u.output_tokens,
          cachedInput: u.input_tokens_details?.cached_tokens ?? 0,
          reasoning: u.output_tokens_details?.reasoning_tokens ?? 0,
        },
        fields: fields({
          input: 'input_tokens',
          output: 'output_tokens',
          cachedInput: 'input_tokens_details.cached_tokens',
          reasoning: 'output_tokens_details.reasoning_tokens',
        }),
      };
    }
    case 'anthropic': {
      const u = parseArgs(anthropic(), usage, 'options.usage');
      const read = u.cache_read_input_tokens ?? 0;
      const created = u.cache_creation_input_tokens ?? 0;
      let write5m = created;
      let write1h = 0;
      if (u.cache_creation) {
        write5m = u.cache_creation.ephemeral_5m_input_tokens ?? 0;
        write1h = u.cache_creation.ephemeral_1h_input_tokens ?? 0;
        if (u.cache_creation_input_tokens != null && write5m + write1h !== created) {
          throw new InvalidArgumentError(
            'options.usage.cache_creation',
            `splits ${write5m} + ${write1h} cache-write tokens, but cache_creation_input_tokens is ${created}; ` +
              'pass the usage object unchanged from the response.',
          );
        }
      }
      return {
        // Anthropic's input_tokens leaves out cache reads and writes; the prompt is all three.
        counts: { ...none, input: u.input_tokens + read + write5m + write1h, output: u.output_tokens, cachedInput: read, cacheWrite5m: write5m, cacheWrite1h: write1h },
        fields: fields({
          input: 'input_tokens',
          output: 'output_tokens',
          cachedInput: 'cache_read_input_tokens',
          cacheWrite5m: 'cache_creation.ephemeral_5m_input_tokens',
          cacheWrite1h: 'cache_creation.ephemeral_1h_input_tokens',
        }),
      };
    }
    case 'gemini': {
      const u = parseArgs(gemini(), usage, 'options.usage');
      const thoughts = u.thoughtsTokenCount ?? 0;
      const cached = u.cachedContentTokenCount ?? 0;
      const audio = modality(u.promptTokensDetails, 'AUDIO') - modality(u.cacheTokensDetails, 'AUDIO');
      if (audio < 0) {
        throw new InvalidArgumentError(
          'options.usage.cacheTokensDetails',
          'has more cached AUDIO tokens than promptTokensDetails has AUDIO tokens; pass usageMetadata unchanged from the response.',
        );
      }
      return {
        counts: {
          ...none,
          // Tool-use prompt tokens are billed as input but counted apart from promptTokenCount.
          input: (u.promptTokenCount ?? 0) + (u.toolUsePromptTokenCount ?? 0),
          // Thoughts are billed as output but counted apart from candidatesTokenCount.
          output: (u.candidatesTokenCount ?? 0) + thoughts,
          cachedInput: cached,
          audioInput: audio,
          reasoning: thoughts,
        },
        fields: fields({
          input: 'promptTokenCount',
          output: 'candidatesTokenCount',
          cachedInput: 'cachedContentTokenCount',
          audioInput: 'promptTokensDetails',
          reasoning: 'thoughtsTokenCount',
        }),
      };
    }
  }
}

/**
 * The cost of a request from the usage object its response carried: OpenAI Chat Completions or
 * Responses `usage`, Anthropic Messages `usage`, or Gemini `usageMetadata`. Each API counts
 * differently (Anthropic's `input_tokens` leaves out cached tokens; Gemini's thoughts are outside
 * `candidatesTokenCount`); the counts are normalised to OpenAI's meaning, shown in `tokens`.
 *
 * @throws {InvalidArgumentError} for a usage object with a bad or inconsistent count, naming the field.
 * @throws {UnsupportedTierError} for a tier the model does not offer.
 * @example
 * ```ts
 * const response = await anthropic.messages.create({ model: 'claude-sonnet-4-5', ... });
 * costFromUsage({ model: response.model, usage: response.usage }).total;
 *
 * // input 1,000 + cache read 10,000 + 5-minute write 2,000; 500 output tokens:
 * costFromUsage({
 *   model: 'claude-sonnet-4-5',
 *   usage: { input_tokens: 1000, cache_read_input_tokens: 10000, cache_creation_input_tokens: 2000, output_tokens: 500 },
 * }).total; // 0.021 = 1,000 × $3 + 10,000 × $0.30 + 2,000 × $3.75 + 500 × $15, per 1M
 * ```
 */
export function costFromUsage(options: CostFromUsageOptions): UsageCost {
  const o = parseArgs(usageOptions(), options);
  const entry = resolveModel(o.model);
  const format = o.format ?? detectFormat(o.usage, entry.info.provider);
  const { counts, fields: names } = normalise(format, o.usage);
  const tier = o.tier === undefined || o.tier === 'default' ? 'standard' : o.tier;
  return { ...costOfCounts(entry, tier, counts, names), format };
}
