import { lazy } from '../zod.js';
import { InvalidArgumentError } from '../errors.js';
import { parseArgs, priceDate, tierName, tokenCount } from './args.js';
import { compare, fromInteger, mul, shift, sub, sum, toNumber, ZERO, type Decimal } from './decimal.js';
import { appliedPrice, lifecycleAt, rowAt } from './dated.js';
import { dayOf, type PriceDate } from './dates.js';
import { UnsupportedTierError } from './errors.js';
import { resolveModel } from './registry.js';
import { mapRates, type CatalogEntry, type DatedPrices } from './spec.js';
import { SERVICE_TIERS, type AppliedPrice, type ModelWarning, type Rates, type ServiceTier } from './types.js';

/**
 * Token counts with OpenAI's meaning: `input` is the whole prompt (cache reads, cache writes and
 * audio included) and `output` the whole completion (reasoning included). The other counts say how
 * much of those totals is billed differently.
 */
export interface TokenCounts<T = number> {
  input: T;
  output: T;
  cachedInput: T;
  cacheWrite5m: T;
  cacheWrite1h: T;
  audioInput: T;
  reasoning: T;
}

/** The cost of each kind of token; the lines add up to `total`. */
export interface CostBreakdown {
  /** Uncached text (and image) prompt tokens. */
  input: number;
  /** Uncached audio prompt tokens. */
  audioInput: number;
  cachedInput: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  /** Output tokens that are not reasoning. */
  output: number;
  /** Reasoning or thinking tokens, billed at the output price. */
  reasoning: number;
}

export interface CostEstimate {
  /** The catalog id the model resolved to. */
  model: string;
  tier: ServiceTier;
  currency: 'USD';
  /** The whole cost, rounded once from an exact sum. */
  total: number;
  breakdown: CostBreakdown;
  /** The counts that were priced, normalised to OpenAI's meaning (see `TokenCounts`). */
  tokens: TokenCounts;
  /** The prices applied, USD per 1M tokens, after any long-context step. */
  rates: Rates<number>;
  /** The long-context step applied (the prompt exceeded `above` tokens), or null. */
  longContext: { above: number } | null;
  /** The dated price row that billed the day asked about (`at`, today by default). */
  price: AppliedPrice;
  /** The `asOf` date of the prices used (the row's). */
  pricesAsOf: string;
  /** Where the prices used come from (the row's). */
  source: string;
  /** Lifecycle notices for that day: the model is deprecated, or already shut down. */
  warnings: ModelWarning[];
}

/** A model priced on one day: its entry, the row in effect, and its lifecycle notices. */
export interface PricedModel {
  entry: CatalogEntry;
  row: DatedPrices;
  day: string;
  warnings: ModelWarning[];
}

/** Resolves a model id on the day `at` names (today by default). */
export function priceModelOn(model: string, at: PriceDate | undefined, field = 'options.at'): PricedModel {
  const day = dayOf(at, field);
  const entry = resolveModel(model);
  return { entry, row: rowAt(entry, day), day, warnings: lifecycleAt(entry, day).warnings };
}

/** Which option or usage field each count came from, for error messages. */
export type CountFields = Readonly<Record<keyof TokenCounts, string>>;

const ESTIMATE_FIELDS: CountFields = {
  input: 'options.inputTokens',
  output: 'options.outputTokens',
  cachedInput: 'options.cachedInputTokens',
  cacheWrite5m: 'options.cacheWriteTokens',
  cacheWrite1h: 'options.cacheWrite1hTokens',
  audioInput: 'options.audioInputTokens',
  reasoning: 'options.reasoningTokens',
};

/** Refuses counts whose parts exceed their totals, naming the field that tips it over. */
export function checkCountParts(counts: TokenCounts<Decimal>, fields: CountFields): void {
  let parts = ZERO;
  for (const key of ['cachedInput', 'cacheWrite5m', 'cacheWrite1h', 'audioInput'] as const) {
    parts = sum([parts, counts[key]]);
    if (compare(parts, counts.input) > 0) {
      throw new InvalidArgumentError(
        fields[key],
        `takes the cached, cache-write and audio tokens to more than the ${toNumber(counts.input)} prompt tokens of ` +
          `${fields.input}; the prompt count includes them all, so raise it or lower this.`,
      );
    }
  }
  if (compare(counts.reasoning, counts.output) > 0) {
    throw new InvalidArgumentError(
      fields.reasoning,
      `(${toNumber(counts.reasoning)}) is more than ${fields.output} (${toNumber(counts.output)}); ` +
        'the output count includes reasoning tokens, so raise it or lower this.',
    );
  }
}

/** The tier's prices on the model's day, or `UnsupportedTierError`. */
export function tierRatesOf(model: PricedModel, tier: ServiceTier) {
  const { pricing } = model.row;
  const rates = pricing[tier];
  if (rates === undefined) {
    throw new UnsupportedTierError(model.entry.id, tier, SERVICE_TIERS.filter((t) => pricing[t] !== undefined));
  }
  return rates;
}

export interface PricedRequest {
  lines: Record<keyof CostBreakdown, Decimal>;
  rates: Rates<Decimal>;
  longContext: { above: number } | null;
}

const PER_MILLION = -6;

/**
 * Prices one request exactly. Counts may be fractional here (averages in a monthly estimate); the
 * long-context step is chosen by the whole prompt, `input`, and re-prices every token of the request.
 */
export function priceRequest(model: PricedModel, tier: ServiceTier, counts: TokenCounts<Decimal>): PricedRequest {
  const tierRates = tierRatesOf(model, tier);
  let rates: Rates<Decimal> = tierRates;
  let longContext: { above: number } | null = null;
  for (const step of tierRates.longContext ?? []) {
    if (compare(counts.input, fromInteger(step.above)) > 0) {
      rates = step;
      longContext = { above: step.above };
    }
  }
  const cost = (tokens: Decimal, price: Decimal | undefined) => shift(mul(tokens, price ?? rates.input), PER_MILLION);
  const uncached = sub(counts.input, sum([counts.cachedInput, counts.cacheWrite5m, counts.cacheWrite1h, counts.audioInput]));
  return {
    lines: {
      input: cost(uncached, rates.input),
      audioInput: cost(counts.audioInput, rates.audioInput),
      cachedInput: cost(counts.cachedInput, rates.cachedInput),
      cacheWrite5m: cost(counts.cacheWrite5m, rates.cacheWrite5m),
      cacheWrite1h: cost(counts.cacheWrite1h, rates.cacheWrite1h),
      output: cost(sub(counts.output, counts.reasoning), rates.output),
      reasoning: cost(counts.reasoning, rates.output),
    },
    rates,
    longContext,
  };
}

/** Turns an exact pricing into the public result, rounding each figure once. */
export function toEstimate(model: PricedModel, tier: ServiceTier, counts: TokenCounts, priced: PricedRequest): CostEstimate {
  const { lines } = priced;
  const breakdown = Object.fromEntries(Object.entries(lines).map(([key, value]) => [key, toNumber(value)])) as unknown as CostBreakdown;
  return {
    model: model.entry.id,
    tier,
    currency: 'USD',
    total: toNumber(sum(Object.values(lines))),
    breakdown,
    tokens: counts,
    rates: mapRates(priced.rates, toNumber),
    longContext: priced.longContext,
    price: appliedPrice(model.row, model.day),
    pricesAsOf: model.row.asOf,
    source: model.row.source,
    warnings: model.warnings.map((warning) => ({ ...warning })),
  };
}

/** Exact price of whole-number counts: validates the parts, prices, rounds once. */
export function costOfCounts(model: PricedModel, tier: ServiceTier, counts: TokenCounts, fields: CountFields): CostEstimate {
  const exact = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, fromInteger(v)])) as unknown as TokenCounts<Decimal>;
  checkCountParts(exact, fields);
  return toEstimate(model, tier, counts, priceRequest(model, tier, exact));
}

export interface EstimateCostOptions {
  /** A catalog id, alias or provider-prefixed id. */
  model: string;
  /** The whole prompt, cached, cache-write and audio tokens included (OpenAI's `prompt_tokens`). */
  inputTokens: number;
  /** The whole output, reasoning tokens included (OpenAI's `completion_tokens`). */
  outputTokens: number;
  /** Prompt tokens read from the cache. @default 0 */
  cachedInputTokens?: number;
  /** Prompt tokens written to a 5-minute cache (Anthropic). @default 0 */
  cacheWriteTokens?: number;
  /** Prompt tokens written to a 1-hour cache (Anthropic). @default 0 */
  cacheWrite1hTokens?: number;
  /** Uncached audio prompt tokens (Gemini bills them apart). @default 0 */
  audioInputTokens?: number;
  /** How much of `outputTokens` is reasoning; reported apart, billed as output. @default 0 */
  reasoningTokens?: number;
  /** @default 'standard' */
  tier?: ServiceTier;
  /**
   * The day to bill: an ISO date (`'2026-11-15'`) or a Date (its UTC day). The price row in effect
   * that day applies; a model shut down before it is still priced, with a warning.
   * @default today (UTC)
   */
  at?: PriceDate;
}

const estimateOptions = lazy((z) => z.strictObject({
  model: z.string({ error: 'must be a model id string' }),
  inputTokens: tokenCount(),
  outputTokens: tokenCount(),
  cachedInputTokens: tokenCount().optional(),
  cacheWriteTokens: tokenCount().optional(),
  cacheWrite1hTokens: tokenCount().optional(),
  audioInputTokens: tokenCount().optional(),
  reasoningTokens: tokenCount().optional(),
  tier: tierName().optional(),
  at: priceDate().optional(),
}));

/**
 * The cost in USD of one request, from token counts. Counts follow OpenAI's meaning: `inputTokens`
 * is the whole prompt, cached tokens included, and `outputTokens` the whole output, reasoning
 * included. A long-context step (Gemini 2.5 Pro and Claude Sonnet 4/4.5 above 200k prompt tokens)
 * re-prices the whole request; a prompt of exactly the threshold stays below it. Money is summed
 * exactly and rounded once.
 *
 * @throws {InvalidArgumentError} for a negative, fractional or NaN count, an unknown tier or option,
 *   or cached tokens above the prompt.
 * @throws {UnsupportedTierError} for a tier the model does not offer.
 * @throws {UnknownModelError} for an unknown model id.
 * @throws {NoPriceOnDateError} when the model has no price row in effect on `at`.
 * @example
 * ```ts
 * estimateCost({ model: 'gpt-4.1-nano', inputTokens: 3, outputTokens: 0 }).total; // 3e-7
 *
 * const cost = estimateCost({ model: 'gpt-4o', inputTokens: 10_000, cachedInputTokens: 8_000, outputTokens: 500 });
 * cost.total;               // 0.02 = 2,000 × $2.50/1M + 8,000 × $1.25/1M + 500 × $10/1M
 * cost.breakdown.cachedInput; // 0.01
 * ```
 */
export function estimateCost(options: EstimateCostOptions): CostEstimate {
  const o = parseArgs(estimateOptions(), options);
  const model = priceModelOn(o.model, o.at);
  const counts: TokenCounts = {
    input: o.inputTokens,
    output: o.outputTokens,
    cachedInput: o.cachedInputTokens ?? 0,
    cacheWrite5m: o.cacheWriteTokens ?? 0,
    cacheWrite1h: o.cacheWrite1hTokens ?? 0,
    audioInput: o.audioInputTokens ?? 0,
    reasoning: o.reasoningTokens ?? 0,
  };
  return costOfCounts(model, o.tier ?? 'standard', counts, ESTIMATE_FIELDS);
}
