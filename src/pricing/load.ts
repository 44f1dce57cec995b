import type { z } from 'zod';
import { lazy } from '../zod.js';
import { parseArgs } from './args.js';
import { issueError } from '../validation.js';
import { isPlainObject, ownCopy } from '../options.js';
import { fromNumber, shift, toText } from './decimal.js';
import { PriceTableError } from './errors.js';
import { addEntries } from './registry.js';
import { sanityProblems } from './sanity.js';
import { entryIssues, parseModelSpec, type CatalogEntry } from './spec.js';
import type { LongContextRates, ModelSpec, Pricing, TierRates } from './types.js';

/** The `format` value that marks tokmeter's own price files. */
export const PRICES_FORMAT = 'tokmeter-prices/1';

/** tokmeter's own price file: model specs keyed by id, prices in USD per 1M tokens. */
export interface PricesFile {
  format: typeof PRICES_FORMAT;
  models: Record<string, ModelSpec>;
}

export interface LoadPricesOptions {
  /**
   * Replace models (and aliases) that already resolve; `false` only adds ids that are new.
   * @default true for tokmeter's format; false for LiteLLM's, whose flagship rows lack batch prices,
   * tokenizers and shared-window limits that the built-in catalog has (use it for the long tail).
   */
  overwrite?: boolean;
  /** LiteLLM tables: throw on the first entry that is malformed or breaks a sanity rule, instead of listing it in `rejected`. @default false */
  strict?: boolean;
  /** LiteLLM tables: the date the prices were fetched. @default the table's `last_updated` date */
  asOf?: string;
  /** LiteLLM tables: where the table came from. @default "LiteLLM model_prices_and_context_window.json" */
  source?: string;
}

export interface RejectedEntry {
  model: string;
  field: string | undefined;
  problem: string;
}

export interface LoadPricesResult {
  format: 'tokmeter' | 'litellm';
  /** Ids now priced from this table. */
  added: string[];
  /** Ids left as they were because they already resolved and `overwrite` was false. */
  skipped: string[];
  /** LiteLLM entries not loaded: malformed, or breaking a sanity rule. */
  rejected: RejectedEntry[];
  /** LiteLLM entries not priced per token (images, seconds of audio, ...), which tokmeter does not load. */
  ignored: string[];
}

const loadOptions = lazy((z) => z.strictObject({
  overwrite: z.boolean().optional(),
  strict: z.boolean().optional(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be an ISO date, YYYY-MM-DD' }).optional(),
  source: z.string().min(1).optional(),
}));

/**
 * Adds prices over the built-in catalog, from tokmeter's own format or from LiteLLM's
 * `model_prices_and_context_window.json` (its ~3,000 models are the long tail). Every entry is
 * validated: a malformed field or a broken sanity rule (cache read ≤ input ≤ cache write, batch =
 * half, priority > standard > flex, limits within the window) is an error naming the model and the
 * field. In tokmeter's format that error is thrown; a LiteLLM entry with one is left out and listed
 * in `rejected` (pass `strict: true` to throw instead). Entries of tokmeter's format replace models
 * that already resolve; LiteLLM entries only add new ids unless `overwrite: true`, because LiteLLM's
 * flagship rows know less than the built-in ones (no batch prices for Anthropic and Gemini, no
 * tokenizer). `resetPrices()` returns to the built-in catalog.
 *
 * LiteLLM does not say which tokenizer a model uses or whether prompt and output share one window,
 * so loaded LiteLLM models count approximately with o200k_base and use `max_input_tokens` as the
 * window.
 *
 * @throws {PriceTableError} naming the model and the field.
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * const litellm = JSON.parse(readFileSync('model_prices_and_context_window.json', 'utf8'));
 * const { added, rejected } = loadPrices(litellm); // adds the long tail; built-in models stay
 * estimateCost({ model: 'deepseek/deepseek-chat', inputTokens: 1000, outputTokens: 200 });
 *
 * loadPrices({
 *   format: 'tokmeter-prices/1',
 *   models: {
 *     'my-finetune': {
 *       provider: 'openai', tokenizer: { encoding: 'o200k_base', exact: true },
 *       contextWindow: 128000, maxInputTokens: 128000, maxOutputTokens: 16384,
 *       pricing: { standard: { input: '3.75', cachedInput: '1.875', output: '15.00' } },
 *       asOf: '2026-07-01', source: 'https://openai.com/api/pricing',
 *     },
 *   },
 * });
 * ```
 */
export function loadPrices(table: PricesFile | Record<string, unknown> | string, options: LoadPricesOptions = {}): LoadPricesResult {
  const parsed = parsePriceTable(table, options);
  return addParsedPrices(parsed, parsed.overwrite);
}

/** A price table validated and converted, but not yet added to the catalog. */
export interface ParsedPriceTable {
  format: LoadPricesResult['format'];
  /** The entries that passed validation and the sanity rules. */
  entries: CatalogEntry[];
  rejected: RejectedEntry[];
  ignored: string[];
  /** `options.overwrite` as parsed (own property only), if given. */
  overwrite?: boolean;
}

/**
 * The validating half of `loadPrices`: checks a table exactly as `loadPrices` does (same errors,
 * same `rejected` and `ignored` lists) and leaves the catalog untouched, so a caller can refuse a
 * table before anything of it is registered. `options.overwrite` is checked here but used by
 * `addParsedPrices`.
 *
 * @throws {PriceTableError} for a table that is not JSON, not an object, of an unknown format
 * version, or (tokmeter's format, or `strict: true`) has a bad entry.
 */
export function parsePriceTable(table: PricesFile | Record<string, unknown> | string, options: LoadPricesOptions = {}): ParsedPriceTable {
  const o = parseArgs(loadOptions(), options);
  let data: unknown = table;
  if (typeof table === 'string') {
    try {
      data = JSON.parse(table);
    } catch (error) {
      throw new PriceTableError(undefined, undefined, `is not valid JSON (${(error as Error).message}).`, { cause: error });
    }
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new PriceTableError(undefined, undefined, "must be a JSON object: tokmeter's format or LiteLLM's model table.");
  }
  if (!isPlainObject(data)) {
    throw new PriceTableError(undefined, 'table', 'must be a plain object (an object literal or parsed JSON), not one whose fields sit on its prototype.');
  }
  // Own properties only, no "__proto__" keys, bounded depth: a table is user data.
  const record = ownCopy(data, { root: 'table', error: (field, problem) => new PriceTableError(undefined, field, problem) }) as Record<string, unknown>;
  const parsed = Object.hasOwn(record, 'format') ? parseOwn(record) : parseLiteLLM(record, o);
  return o.overwrite === undefined ? parsed : { ...parsed, overwrite: o.overwrite };
}

/**
 * The registering half of `loadPrices`: adds parsed entries over the catalog.
 * @param overwrite whether entries replace ids that already resolve; by default true for
 * tokmeter's format and false for LiteLLM's (see `LoadPricesOptions.overwrite`).
 */
export function addParsedPrices(parsed: ParsedPriceTable, overwrite: boolean = parsed.format === 'tokmeter'): LoadPricesResult {
  const { added, skipped } = addEntries(parsed.entries, overwrite);
  return { format: parsed.format, added, skipped, rejected: parsed.rejected, ignored: parsed.ignored };
}

function parseOwn(record: Record<string, unknown>): ParsedPriceTable {
  if (record.format !== PRICES_FORMAT) {
    throw new PriceTableError(undefined, 'format', `is ${JSON.stringify(record.format)}; tokmeter reads ${JSON.stringify(PRICES_FORMAT)}.`);
  }
  const models = record.models;
  if (models === null || typeof models !== 'object' || Array.isArray(models)) {
    throw new PriceTableError(undefined, 'models', 'must be an object of model entries keyed by id.');
  }
  const entries = Object.entries(models).map(([id, spec]) => {
    const entry = parseModelSpec(id, spec, 'loaded');
    const problem = sanityProblems(entry)[0];
    if (problem !== undefined) throw new PriceTableError(id, problem.field, problem.problem);
    return entry;
  });
  return { format: 'tokmeter', entries, rejected: [], ignored: [] };
}

// ── LiteLLM ───────────────────────────────────────────────────────────────────────────────────

const perToken = lazy((z) => z.number({ error: 'must be a number (USD per token)' }).nonnegative({ error: 'must not be negative' }));
const LIMIT = 'must be a positive whole number of tokens';
const limit = lazy((z) => z.number({ error: LIMIT }).int({ error: LIMIT }).positive({ error: LIMIT }));

/** The LiteLLM fields tokmeter reads; the rest of an entry is ignored. */
const liteLLMEntry = lazy((z) => z.looseObject({
  litellm_provider: z.string({ error: 'must name the provider' }),
  input_cost_per_token: perToken().optional(),
  output_cost_per_token: perToken().optional(),
  max_input_tokens: limit().optional(),
  max_output_tokens: limit().optional(),
  max_tokens: limit().optional(),
  source: z.string().optional(),
}));

const IGNORED_KEYS = new Set(['sample_spec', 'last_updated']);
const TIER_SUFFIX = { standard: '', batch: '_batches', flex: '_flex', priority: '_priority' } as const;

/** LiteLLM's per-token USD as tokmeter's per-1M decimal text, exactly as LiteLLM printed it. */
const per1M = (value: number) => toText(shift(fromNumber(value), 6));

function parseLiteLLM(record: Record<string, unknown>, o: z.infer<ReturnType<typeof loadOptions>>): ParsedPriceTable {
  const updated = typeof record.last_updated === 'string' ? /^\d{4}-\d{2}-\d{2}/.exec(record.last_updated)?.[0] : undefined;
  const asOf = o.asOf ?? updated;
  if (asOf === undefined) {
    throw new PriceTableError(undefined, 'last_updated', "has no date; pass the date the table was fetched as loadPrices(table, { asOf: 'YYYY-MM-DD' }).");
  }
  const source = o.source ?? 'LiteLLM model_prices_and_context_window.json';
  const entries: CatalogEntry[] = [];
  const rejected: RejectedEntry[] = [];
  const ignored: string[] = [];
  const reject = (model: string, field: string | undefined, problem: string) => {
    if (o.strict) throw new PriceTableError(model, field, problem);
    rejected.push({ model, field, problem });
  };

  for (const [id, raw] of Object.entries(record)) {
    if (IGNORED_KEYS.has(id)) continue;
    const parsed = liteLLMEntry().safeParse(raw);
    if (!parsed.success) {
      const error = issueError(parsed.error, raw, entryIssues(id, 'is not a field of a LiteLLM model entry.'));
      if (o.strict) throw error;
      rejected.push({ model: id, field: error.field, problem: error.problem });
      continue;
    }
    const fields = parsed.data as Record<string, unknown>;
    if (fields.input_cost_per_token === undefined || fields.output_cost_per_token === undefined) {
      ignored.push(id);
      continue;
    }
    try {
      const spec = toSpec(id, fields, asOf, parsed.data.source ? `${source} (${parsed.data.source})` : source);
      const entry = parseModelSpec(id, spec, 'loaded');
      const problem = sanityProblems(entry)[0];
      if (problem !== undefined) reject(id, problem.field, problem.problem);
      else entries.push(entry);
    } catch (error) {
      if (!(error instanceof PriceTableError)) throw error;
      if (o.strict) throw error;
      rejected.push({ model: id, field: error.field, problem: error.problem });
    }
  }
  return { format: 'litellm', entries, rejected, ignored };
}

function price(id: string, fields: Record<string, unknown>, key: string): string | undefined {
  const value = fields[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new PriceTableError(id, key, `must be a non-negative number (USD per token), got ${JSON.stringify(value)}`);
  }
  return per1M(value);
}

/** The same object without its undefined fields. */
function defined<T extends Record<string, string | undefined>>(fields: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: string };
}

/** The tier's prices from LiteLLM's `*_batches`, `*_flex`, `*_priority` and `*_above_Nk_tokens` fields. */
function tierFrom(fields: Record<string, unknown>, tier: keyof typeof TIER_SUFFIX, id: string): TierRates<string> | undefined {
  const s = TIER_SUFFIX[tier];
  const at = (key: string) => price(id, fields, key);
  const input = at(`input_cost_per_token${s}`);
  const output = at(`output_cost_per_token${s}`);
  if (input === undefined && output === undefined) return undefined;
  if (input === undefined || output === undefined) {
    const missing = input === undefined ? `input_cost_per_token${s}` : `output_cost_per_token${s}`;
    throw new PriceTableError(id, missing, `is missing while its ${tier} counterpart is given; a tier needs both prices`);
  }
  const rates: TierRates<string> = {
    input,
    output,
    ...defined({
      cachedInput: at(`cache_read_input_token_cost${s}`),
      // LiteLLM prices cache writes for the standard tier only.
      cacheWrite5m: tier === 'standard' ? at('cache_creation_input_token_cost') : undefined,
      cacheWrite1h: tier === 'standard' ? at('cache_creation_input_token_cost_above_1hr') : undefined,
      audioInput: at(`input_cost_per_audio_token${s}`),
    }),
  };

  const thresholds = Object.keys(fields)
    .map((key) => new RegExp(`^input_cost_per_token_above_(\\d+)k_tokens${s}$`).exec(key)?.[1])
    .filter((k): k is string => k !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  const steps: LongContextRates<string>[] = [];
  for (const k of thresholds) {
    const above = `_above_${k}k_tokens`;
    const stepOutput = at(`output_cost_per_token${above}${s}`);
    if (stepOutput === undefined) {
      throw new PriceTableError(id, `output_cost_per_token${above}${s}`, `is missing while input_cost_per_token${above}${s} is given`);
    }
    steps.push({
      above: k * 1000,
      input: at(`input_cost_per_token${above}${s}`)!,
      output: stepOutput,
      ...defined({
        cachedInput: at(`cache_read_input_token_cost${above}${s}`),
        cacheWrite5m: tier === 'standard' ? at(`cache_creation_input_token_cost${above}`) : undefined,
        cacheWrite1h: tier === 'standard' ? at(`cache_creation_input_token_cost_above_1hr${above}`) : undefined,
      }),
    });
  }
  if (steps.length > 0) rates.longContext = steps;
  return rates;
}

function toSpec(id: string, fields: Record<string, unknown>, asOf: string, source: string): ModelSpec<string> {
  const maxInput = fields.max_input_tokens as number | undefined;
  const maxOutput = (fields.max_output_tokens ?? fields.max_tokens) as number | undefined;
  if (maxInput === undefined) throw new PriceTableError(id, 'max_input_tokens', 'is missing, so the context window is unknown');
  if (maxOutput === undefined) throw new PriceTableError(id, 'max_output_tokens', 'is missing (and so is max_tokens)');
  const pricing: Pricing<string> = { standard: tierFrom(fields, 'standard', id)! };
  for (const tier of ['batch', 'flex', 'priority'] as const) {
    const rates = tierFrom(fields, tier, id);
    if (rates !== undefined) pricing[tier] = rates;
  }
  return {
    provider: fields.litellm_provider as string,
    tokenizer: { encoding: 'o200k_base', exact: false },
    contextWindow: maxInput,
    maxInputTokens: maxInput,
    maxOutputTokens: maxOutput,
    pricing,
    asOf,
    source,
  };
}
