import type { z } from 'zod';
import { InvalidArgumentError } from '../errors.js';
import { lazy } from '../zod.js';
import { parseArgs, priceDate, tierName, tokenCount } from './args.js';
import { checkOptionsObject, ownCopy } from '../options.js';
import { costOfCounts, priceModelOn, type CostEstimate, type CountFields, type TokenCounts } from './cost.js';
import type { PriceDate } from './dates.js';
import type { ServiceTier } from './types.js';

// The count fields of each usage format. A field named by two formats (`input_tokens`) is shared.
type ChatField = 'prompt_tokens' | 'completion_tokens' | 'prompt_tokens_details' | 'completion_tokens_details';
type ResponsesField = 'input_tokens_details';
/** In OpenAI Responses and Anthropic usage alike. */
type SharedField = 'input_tokens' | 'output_tokens' | 'output_tokens_details';
type AnthropicField = 'cache_read_input_tokens' | 'cache_creation_input_tokens' | 'cache_creation';
type GeminiField =
  | 'promptTokenCount'
  | 'candidatesTokenCount'
  | 'thoughtsTokenCount'
  | 'cachedContentTokenCount'
  | 'toolUsePromptTokenCount'
  | 'totalTokenCount'
  | 'promptTokensDetails'
  | 'cacheTokensDetails'
  | 'candidatesTokensDetails'
  | 'toolUsePromptTokensDetails';
/** In both OpenAI formats. */
type TotalField = 'total_tokens';

/**
 * The fields of the other formats, typed `never`: an object literal that mixes two formats, such
 * as `{ prompt_tokens, completion_tokens, cache_read_input_tokens }`, does not compile.
 */
type NoneOf<K extends string> = { [P in K]?: never };

/**
 * Chat Completions `usage` (the SDK's `CompletionUsage`). `prompt_tokens` includes cached tokens;
 * `completion_tokens` includes reasoning.
 */
export interface OpenAIChatUsage extends NoneOf<ResponsesField | SharedField | AnthropicField | GeminiField> {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number | null; audio_tokens?: number | null } | null;
  completion_tokens_details?: {
    reasoning_tokens?: number | null;
    audio_tokens?: number | null;
    accepted_prediction_tokens?: number | null;
    rejected_prediction_tokens?: number | null;
  } | null;
}

/** Responses API `usage` (the SDK's `ResponseUsage`): the same meanings as Chat Completions under other names. */
export interface OpenAIResponsesUsage extends NoneOf<ChatField | AnthropicField | GeminiField> {
  input_tokens: number;
  output_tokens: number;
  total_tokens?: number;
  input_tokens_details?: { cached_tokens?: number | null } | null;
  output_tokens_details?: { reasoning_tokens?: number | null } | null;
}

/**
 * Anthropic Messages `usage` (the SDK's `Usage`, or a stream's `MessageDeltaUsage`). `input_tokens`
 * EXCLUDES cache reads and cache writes; `output_tokens` includes thinking, which
 * `output_tokens_details.thinking_tokens` reports. `cache_creation` splits the writes by time to live.
 *
 * A `message_delta` event's usage is cumulative for the message and its `input_tokens` may be
 * null: a null count is priced as 0 tokens, so such a delta prices its output and whatever cache
 * counts it carries. Price the last delta of a stream, not the sum of them, and when its
 * `input_tokens` is null add the input from the `message_start` event's usage.
 */
export interface AnthropicUsage extends NoneOf<ChatField | ResponsesField | TotalField | GeminiField> {
  /** Present in every usage object; null only in a stream's `message_delta`. */
  input_tokens: number | null;
  output_tokens: number;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_creation?: { ephemeral_5m_input_tokens?: number | null; ephemeral_1h_input_tokens?: number | null } | null;
  output_tokens_details?: { thinking_tokens?: number | null } | null;
  // Reported alongside the counts and not priced here (pass the tier as `tier`).
  server_tool_use?: { web_search_requests?: number; web_fetch_requests?: number } | null;
  service_tier?: string | null;
  inference_geo?: string | null;
  speed?: string | null;
}

/** One modality's share of a Gemini count (the SDK's `ModalityTokenCount`). */
export interface GeminiModalityCount {
  /** `'TEXT'`, `'AUDIO'`, `'IMAGE'`, ... (the SDK's `MediaModality`). */
  modality?: string;
  tokenCount?: number;
}

/**
 * Gemini `usageMetadata` (the SDK's `GenerateContentResponseUsageMetadata`). `promptTokenCount`
 * includes `cachedContentTokenCount`; thoughts are NOT in `candidatesTokenCount` and are billed as
 * output; `toolUsePromptTokenCount` is billed as input.
 *
 * The API leaves out counts that are zero, so every field is optional here, but `costFromUsage`
 * needs `promptTokenCount` (no request has an empty prompt); a missing output count is 0.
 */
export interface GeminiUsageMetadata extends NoneOf<ChatField | ResponsesField | SharedField | AnthropicField | TotalField> {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
  toolUsePromptTokenCount?: number;
  totalTokenCount?: number;
  promptTokensDetails?: readonly GeminiModalityCount[];
  cacheTokensDetails?: readonly GeminiModalityCount[];
  candidatesTokensDetails?: readonly GeminiModalityCount[];
  toolUsePromptTokensDetails?: readonly GeminiModalityCount[];
  trafficType?: string;
  initialPromptTokenCount?: number;
}

export type UsageFormat = 'openai-chat' | 'openai-responses' | 'anthropic' | 'gemini';

export type ProviderUsage = OpenAIChatUsage | OpenAIResponsesUsage | AnthropicUsage | GeminiUsageMetadata;

export interface CostFromUsageOptions {
  model: string;
  /** A usage object as the provider's API (or SDK) returned it. */
  usage: ProviderUsage;
  /**
   * Which API the usage came from. Needed only for an object that carries the fields of two
   * formats (the types above refuse one, so it comes untyped, from JSON or another library); the
   * fields of the other formats are then ignored. @default detected from its field names
   */
  format?: UsageFormat;
  /** The tier the response reports it was billed on; OpenAI's `service_tier: 'default'` is `'standard'`. @default 'standard' */
  tier?: ServiceTier | 'default';
  /** The day the request was billed (an ISO date or a Date): the price row in effect then applies. @default today (UTC) */
  at?: PriceDate;
}

export interface UsageCost extends CostEstimate {
  /** The usage format the counts were read as. */
  format: UsageFormat;
}

const FORMATS = ['openai-chat', 'openai-responses', 'anthropic', 'gemini'] as const satisfies readonly UsageFormat[];

const FORMAT_NAMES: Record<UsageFormat, string> = {
  'openai-chat': 'OpenAI Chat Completions',
  'openai-responses': 'OpenAI Responses',
  anthropic: 'Anthropic',
  gemini: 'Gemini',
};

const CHAT = ['openai-chat'] as const;
const RESPONSES = ['openai-responses'] as const;
const OPENAI = ['openai-chat', 'openai-responses'] as const;
const SHARED = ['openai-responses', 'anthropic'] as const;
const ANTHROPIC = ['anthropic'] as const;
const GEMINI = ['gemini'] as const;

/** The formats each field belongs to: what detection reads, and the same lists as the types above. */
const FIELD_FORMATS: Record<ChatField | ResponsesField | SharedField | AnthropicField | GeminiField | TotalField, readonly UsageFormat[]> = {
  prompt_tokens: CHAT,
  completion_tokens: CHAT,
  prompt_tokens_details: CHAT,
  completion_tokens_details: CHAT,
  total_tokens: OPENAI,
  input_tokens_details: RESPONSES,
  input_tokens: SHARED,
  output_tokens: SHARED,
  output_tokens_details: SHARED,
  cache_read_input_tokens: ANTHROPIC,
  cache_creation_input_tokens: ANTHROPIC,
  cache_creation: ANTHROPIC,
  promptTokenCount: GEMINI,
  candidatesTokenCount: GEMINI,
  thoughtsTokenCount: GEMINI,
  cachedContentTokenCount: GEMINI,
  toolUsePromptTokenCount: GEMINI,
  totalTokenCount: GEMINI,
  promptTokensDetails: GEMINI,
  cacheTokensDetails: GEMINI,
  candidatesTokensDetails: GEMINI,
  toolUsePromptTokensDetails: GEMINI,
};

/** The counts a usage object of each format always carries; the others may be left out. */
const REQUIRED: Record<UsageFormat, readonly string[]> = {
  'openai-chat': ['prompt_tokens', 'completion_tokens'],
  'openai-responses': ['input_tokens', 'output_tokens'],
  // A message_delta's input_tokens is null, but the key is there.
  anthropic: ['input_tokens', 'output_tokens'],
  // Gemini leaves out zero counts; a prompt is never empty, the output may be.
  gemini: ['promptTokenCount'],
};

/** A user object copied to its own enumerable properties (`ownCopy`): reading it never finds an inherited field. */
type OwnRecord = Record<string, unknown>;

const count = tokenCount;
const optionalCount = lazy(() => tokenCount().nullish());

// These schemas only check: none transforms, so the checked copy is read in place of zod's output
// (whose objects have Object.prototype again).
const openaiChat = lazy((z) => z.object({
  prompt_tokens: count(),
  completion_tokens: count(),
  prompt_tokens_details: z.object({ cached_tokens: optionalCount() }).nullish(),
  completion_tokens_details: z.object({ reasoning_tokens: optionalCount() }).nullish(),
}));

const openaiResponses = lazy((z) => z.object({
  input_tokens: count(),
  output_tokens: count(),
  input_tokens_details: z.object({ cached_tokens: optionalCount() }).nullish(),
  output_tokens_details: z.object({ reasoning_tokens: optionalCount() }).nullish(),
}));

const anthropic = lazy((z) => z.object({
  input_tokens: count().nullable(),
  output_tokens: count(),
  cache_read_input_tokens: optionalCount(),
  cache_creation_input_tokens: optionalCount(),
  cache_creation: z
    .object({ ephemeral_5m_input_tokens: optionalCount(), ephemeral_1h_input_tokens: optionalCount() })
    .nullish(),
  output_tokens_details: z.object({ thinking_tokens: optionalCount() }).nullish(),
}));

const modalityCounts = lazy((z) => z.array(z.object({ modality: z.string().optional(), tokenCount: count().optional() })).optional());

const gemini = lazy((z) => z.object({
  promptTokenCount: count(),
  candidatesTokenCount: count().optional(),
  thoughtsTokenCount: count().optional(),
  cachedContentTokenCount: count().optional(),
  toolUsePromptTokenCount: count().optional(),
  promptTokensDetails: modalityCounts(),
  cacheTokensDetails: modalityCounts(),
}));

// One line per option: a new option is one more line here and in CostFromUsageOptions.
const usageOptions = lazy((z) => z.strictObject({
  model: z.string({ error: 'must be a model id string' }),
  usage: z.object({}, { error: 'must be a usage object' }),
  format: z.enum(FORMATS).optional(),
  tier: z.union([tierName(), z.literal('default')], { error: "must be 'standard', 'batch', 'flex', 'priority' or 'default'" }).optional(),
  at: priceDate().optional(),
}));

/** Checks the own-property copy `usage` with `schema` and returns that copy, typed. */
function checked<T>(schema: z.ZodType<T>, usage: OwnRecord): T {
  parseArgs(schema, usage, 'options.usage');
  return usage as T;
}

const describeFormats = (formats: readonly UsageFormat[]) => formats.map((f) => FORMAT_NAMES[f]).join(' or ');

function detectFormat(usage: OwnRecord, provider: string): UsageFormat {
  const known = Object.keys(usage).filter((key) => Object.hasOwn(FIELD_FORMATS, key)) as (keyof typeof FIELD_FORMATS)[];
  if (known.length === 0) {
    throw new InvalidArgumentError(
      'options.usage',
      'has none of the fields of an OpenAI, Anthropic or Gemini usage object (prompt_tokens, input_tokens, promptTokenCount); ' +
        'pass the `usage` (or Gemini `usageMetadata`) object of the response, or say which it is with `format`.',
    );
  }
  // Each field's formats form a run of [openai-chat, openai-responses, anthropic] or are [gemini],
  // so fields that agree pairwise agree all together: the first disagreeing pair is the whole story.
  let candidates: readonly UsageFormat[] = FORMATS;
  for (const [i, a] of known.entries()) {
    for (const b of known.slice(i + 1)) {
      if (!FIELD_FORMATS[a].some((f) => FIELD_FORMATS[b].includes(f))) {
        throw new InvalidArgumentError(
          'options.usage',
          `mixes two usage formats: ${a} is a field of ${describeFormats(FIELD_FORMATS[a])} usage and ${b} of ` +
            `${describeFormats(FIELD_FORMATS[b])} usage, which count tokens differently. Pass the provider's usage object ` +
            `unchanged, or set \`format\` (${FORMATS.map((f) => `'${f}'`).join(', ')}) to say which fields to read.`,
        );
      }
    }
    candidates = candidates.filter((f) => FIELD_FORMATS[a].includes(f));
  }
  // Only input_tokens / output_tokens: the two formats that share them read them alike but for caching.
  if (candidates.includes('anthropic') && candidates.includes('openai-responses')) {
    return provider === 'anthropic' ? 'anthropic' : 'openai-responses';
  }
  return candidates[0]!;
}

function requireCounts(format: UsageFormat, usage: OwnRecord): void {
  const required = REQUIRED[format];
  const missing = required.find((key) => usage[key] === undefined);
  if (missing === undefined) return;
  const whole = format === 'gemini' ? '`usageMetadata`' : '`usage`';
  const note =
    format === 'gemini' ? ' (only its output counts are left out when they are zero)'
    : format === 'anthropic' ? " (a stream's message_delta has input_tokens: null)"
    : '';
  throw new InvalidArgumentError(
    `options.usage.${missing}`,
    `is missing: ${FORMAT_NAMES[format]} usage always carries ${required.join(' and ')}${note}, and a missing count ` +
      `is not taken as 0. Pass the response's ${whole} unchanged, or set \`format\` if it came from another API.`,
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

function normalise(format: UsageFormat, usage: OwnRecord): { counts: TokenCounts; fields: CountFields } {
  requireCounts(format, usage);
  const none = { cachedInput: 0, cacheWrite5m: 0, cacheWrite1h: 0, audioInput: 0, reasoning: 0 };
  switch (format) {
    case 'openai-chat': {
      const u = checked(openaiChat(), usage);
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
      const u = checked(openaiResponses(), usage);
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
      const u = checked(anthropic(), usage);
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
        // A message_delta's null input_tokens is 0: the delta reports no input.
        counts: {
          ...none,
          input: (u.input_tokens ?? 0) + read + write5m + write1h,
          output: u.output_tokens,
          cachedInput: read,
          cacheWrite5m: write5m,
          cacheWrite1h: write1h,
          reasoning: u.output_tokens_details?.thinking_tokens ?? 0,
        },
        fields: fields({
          input: 'input_tokens',
          output: 'output_tokens',
          cachedInput: 'cache_read_input_tokens',
          cacheWrite5m: 'cache_creation.ephemeral_5m_input_tokens',
          cacheWrite1h: 'cache_creation.ephemeral_1h_input_tokens',
          reasoning: 'output_tokens_details.thinking_tokens',
        }),
      };
    }
    case 'gemini': {
      const u = checked(gemini(), usage);
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
          input: u.promptTokenCount + (u.toolUsePromptTokenCount ?? 0),
          // Thoughts are billed as output but counted apart from candidatesTokenCount, which is
          // left out when the model returned nothing.
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
 * Responses `usage`, Anthropic Messages `usage`, or Gemini `usageMetadata`, as the API returned them
 * or as the official SDKs type them (`CompletionUsage`, `ResponseUsage`, `Usage`,
 * `MessageDeltaUsage`, `GenerateContentResponseUsageMetadata`). Each API counts differently
 * (Anthropic's `input_tokens` leaves out cached tokens; Gemini's thoughts are outside
 * `candidatesTokenCount`); the counts are normalised to OpenAI's meaning, shown in `tokens`.
 *
 * Only the object's own properties are read, never inherited ones. The format is told by the field
 * names; an object with the fields of two formats is refused unless `format` says which to read.
 * Each format's main counts must be there: `prompt_tokens` and `completion_tokens`;
 * `input_tokens` and `output_tokens` (Anthropic's `input_tokens` may be null, in a stream's
 * `message_delta`, and is then 0); Gemini's `promptTokenCount` (its output counts are 0 when left out).
 *
 * @throws {InvalidArgumentError} for a usage object with a missing, bad or inconsistent count, or
 * with the fields of two formats, naming the field.
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
  checkOptionsObject(options, 'costFromUsage');
  // Own properties only: JSON.parse('{"__proto__": {"prompt_tokens": 1e6}}') must not bill a
  // million tokens found on a prototype, and zod reads inherited fields.
  const input = ownCopy(options, { root: 'options' });
  const o = parseArgs(usageOptions(), input);
  // The copy, not zod's output: zod's objects could carry what it does not check.
  const usage = (input as { usage: OwnRecord }).usage;
  const priced = priceModelOn(o.model, o.at);
  const format = o.format ?? detectFormat(usage, priced.entry.info.provider);
  const { counts, fields: names } = normalise(format, usage);
  const tier = o.tier === undefined || o.tier === 'default' ? 'standard' : o.tier;
  return { ...costOfCounts(priced, tier, counts, names), format };
}
