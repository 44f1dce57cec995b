import type { z } from 'zod';
import { InvalidArgumentError } from '../errors.js';
import { lazy } from '../zod.js';
import { parseArgs, priceDate, share, tokenCount } from './args.js';
import { checkCountParts, priceModelOn, priceRequest, type CostBreakdown, type CountFields, type PricedModel, type TokenCounts } from './cost.js';
import { appliedPrice } from './dated.js';
import type { PriceDate } from './dates.js';
import { add, compare, fromInteger, fromNumber, mul, sub, sum, toNumber, ZERO, type Decimal } from './decimal.js';
import { checkLimits, type ContextCheck } from './limits.js';
import type { AppliedPrice, ModelWarning, ServiceTier } from './types.js';

/**
 * Days in an average month of the Gregorian calendar's leap cycle, 365.25 / 12, used to turn
 * `requestsPerDay` into a month. (A 30-day month would under-count a year by 5.25 days.)
 */
export const DAYS_PER_MONTH = 30.4375;

/** A workload, per request and per month. Give `requestsPerMonth` or `requestsPerDay`, not both. */
export interface SpendScenario {
  requestsPerMonth?: number;
  /** Converted with `DAYS_PER_MONTH` (30.4375). */
  requestsPerDay?: number;
  /** Prompt tokens per request, cached ones included. */
  inputTokens: number;
  /** Output tokens per request, reasoning included. */
  outputTokens: number;
  /** How much of `outputTokens` is reasoning (reported apart, billed as output). @default 0 */
  reasoningTokens?: number;
  /** Share of prompt tokens read from the cache, 0 to 1. @default 0 */
  cachedShare?: number;
  /** Share of prompt tokens written to a 5-minute cache (Anthropic), 0 to 1. @default 0 */
  cacheWriteShare?: number;
  /** Share of requests sent through the Batch API, 0 to 1. @default 0 */
  batchShare?: number;
  /** The tier of the requests not sent in batch. @default 'standard' */
  tier?: Exclude<ServiceTier, 'batch'>;
  /** The day whose prices apply (an ISO date or a Date). @default today (UTC) */
  at?: PriceDate;
}

export interface MonthlySpendOptions extends SpendScenario {
  model: string;
}

export interface MonthlySpend {
  /** The catalog id the model resolved to. */
  model: string;
  currency: 'USD';
  /** Cost per month. */
  total: number;
  /** Average cost of one request (batch share included). */
  perRequest: number;
  requestsPerMonth: number;
  /** The month length used for `requestsPerDay`. */
  daysPerMonth: number;
  /** Monthly cost by kind of token; the lines add up to `total`. */
  breakdown: CostBreakdown;
  /** Monthly cost by service tier; batch is only present with a `batchShare`. */
  byTier: Partial<Record<ServiceTier, number>>;
  /** Whether a long-context step re-prices these requests. */
  longContext: { above: number } | null;
  /** The dated price row used. */
  price: AppliedPrice;
  pricesAsOf: string;
  source: string;
  /** Lifecycle notices for the day priced: deprecated, or shut down. */
  warnings: ModelWarning[];
}

const scenarioFields = lazy((z) => ({
  requestsPerMonth: z.number({ error: 'must be a non-negative number' }).min(0, { error: 'must be a non-negative number' }).optional(),
  requestsPerDay: z.number({ error: 'must be a non-negative number' }).min(0, { error: 'must be a non-negative number' }).optional(),
  inputTokens: tokenCount(),
  outputTokens: tokenCount(),
  reasoningTokens: tokenCount().optional(),
  cachedShare: share().optional(),
  cacheWriteShare: share().optional(),
  batchShare: share().optional(),
  tier: z.enum(['standard', 'flex', 'priority'], { error: "must be 'standard', 'flex' or 'priority' (use batchShare for batch)" }).optional(),
  at: priceDate().optional(),
}));
const scenarioSchema = lazy((z) => z.strictObject(scenarioFields()));
const monthlyOptions = lazy((z) => z.strictObject({ model: z.string({ error: 'must be a model id string' }), ...scenarioFields() }));

const SCENARIO_FIELDS = (root: string): CountFields => ({
  input: `${root}.inputTokens`,
  output: `${root}.outputTokens`,
  cachedInput: `${root}.cachedShare`,
  cacheWrite5m: `${root}.cacheWriteShare`,
  cacheWrite1h: `${root}.cacheWriteShare`,
  audioInput: `${root}.inputTokens`,
  reasoning: `${root}.reasoningTokens`,
});

type Scenario = z.infer<ReturnType<typeof scenarioSchema>>;

function requestsPerMonth(s: Scenario, root: string): Decimal {
  if ((s.requestsPerMonth === undefined) === (s.requestsPerDay === undefined)) {
    throw new InvalidArgumentError(`${root}.requestsPerMonth`, 'or requestsPerDay is required, and only one of them.');
  }
  return s.requestsPerMonth !== undefined ? fromNumber(s.requestsPerMonth) : mul(fromNumber(s.requestsPerDay!), fromNumber(DAYS_PER_MONTH));
}

function monthly(model: PricedModel, s: Scenario, root: string): MonthlySpend {
  const requests = requestsPerMonth(s, root);
  const input = fromInteger(s.inputTokens);
  const counts: TokenCounts<Decimal> = {
    input,
    output: fromInteger(s.outputTokens),
    cachedInput: mul(input, fromNumber(s.cachedShare ?? 0)),
    cacheWrite5m: mul(input, fromNumber(s.cacheWriteShare ?? 0)),
    cacheWrite1h: ZERO,
    audioInput: ZERO,
    reasoning: fromInteger(s.reasoningTokens ?? 0),
  };
  checkCountParts(counts, SCENARIO_FIELDS(root));

  const batchShare = fromNumber(s.batchShare ?? 0);
  const shares: [ServiceTier, Decimal][] = [[s.tier ?? 'standard', sub(fromInteger(1), batchShare)]];
  if (compare(batchShare, ZERO) > 0) shares.push(['batch', batchShare]);

  const lines: Record<keyof CostBreakdown, Decimal> = {
    input: ZERO, audioInput: ZERO, cachedInput: ZERO, cacheWrite5m: ZERO, cacheWrite1h: ZERO, output: ZERO, reasoning: ZERO,
  };
  const byTier: Partial<Record<ServiceTier, number>> = {};
  let perRequest = ZERO;
  let longContext: { above: number } | null = null;
  for (const [tier, weight] of shares) {
    const priced = priceRequest(model, tier, counts);
    longContext ??= priced.longContext;
    let tierTotal = ZERO;
    for (const key of Object.keys(lines) as (keyof CostBreakdown)[]) {
      const line = mul(mul(priced.lines[key], weight), requests);
      lines[key] = add(lines[key], line);
      tierTotal = add(tierTotal, line);
    }
    byTier[tier] = toNumber(tierTotal);
    perRequest = add(perRequest, mul(sum(Object.values(priced.lines)), weight));
  }
  return {
    model: model.entry.id,
    currency: 'USD',
    total: toNumber(sum(Object.values(lines))),
    perRequest: toNumber(perRequest),
    requestsPerMonth: toNumber(requests),
    daysPerMonth: DAYS_PER_MONTH,
    breakdown: Object.fromEntries(Object.entries(lines).map(([k, v]) => [k, toNumber(v)])) as unknown as CostBreakdown,
    byTier,
    longContext,
    price: appliedPrice(model.row, model.day),
    pricesAsOf: model.row.asOf,
    source: model.row.source,
    warnings: model.warnings.map((warning) => ({ ...warning })),
  };
}

/**
 * What a workload costs per month on one model: per-request token counts, a request rate, and the
 * shares of cached prompt tokens and batched requests. A month is `DAYS_PER_MONTH` (30.4375) days
 * when the rate is per day. Summed exactly, rounded once per figure.
 *
 * @throws {InvalidArgumentError} for bad counts or shares, or both (or neither) request rates.
 * @throws {UnsupportedTierError} when the model lacks the tier (or batch, with a `batchShare`).
 * @example
 * ```ts
 * const spend = estimateMonthlySpend({
 *   model: 'gpt-4o-mini', requestsPerDay: 10_000, inputTokens: 2_000, outputTokens: 300, cachedShare: 0.5,
 * });
 * spend.perRequest; // 0.000405 = (1,000 × $0.15 + 1,000 × $0.075 + 300 × $0.60) / 1M
 * spend.total;      // 123.271875 = 10,000 × 30.4375 requests × $0.000405
 * ```
 */
export function estimateMonthlySpend(options: MonthlySpendOptions): MonthlySpend {
  const o = parseArgs(monthlyOptions(), options);
  const { model, ...scenario } = o;
  return monthly(priceModelOn(model, scenario.at), scenario, 'options');
}

/** One model's line in `compareModels`. */
export interface ModelComparison {
  /** The id as given. */
  requested: string;
  /** The catalog id it resolved to. */
  model: string;
  /** Monthly cost. */
  total: number;
  perRequest: number;
  /** Whether one request of the scenario (prompt plus output) fits the model's limits. */
  fits: boolean;
  context: ContextCheck;
  spend: MonthlySpend;
}

/**
 * Ranks models by the monthly cost of one workload, cheapest first, and flags those whose limits
 * cannot hold a request of it (`fits: false`, with the limit and `overBy` in `context`). Models
 * that do not fit stay in the ranking so you can see what they would cost.
 *
 * @throws {UnsupportedTierError} when a model lacks the scenario's tier (or batch, with a `batchShare`).
 * @example
 * ```ts
 * const ranking = compareModels(
 *   { requestsPerMonth: 100_000, inputTokens: 150_000, outputTokens: 1_000 },
 *   ['gpt-4.1-mini', 'gpt-4o-mini', 'claude-haiku-4-5', 'gemini-2.5-flash'],
 * );
 * ranking.filter((r) => r.fits)[0]?.model; // the cheapest model that holds a 151k-token request
 * ```
 */
export function compareModels(scenario: SpendScenario, models: readonly string[]): ModelComparison[] {
  const s = parseArgs(scenarioSchema(), scenario, 'scenario');
  if (!Array.isArray(models) || models.some((m) => typeof m !== 'string')) {
    throw new InvalidArgumentError('models', 'must be an array of model ids.');
  }
  const results = models.map((requested): ModelComparison => {
    const model = priceModelOn(requested, s.at, 'scenario.at');
    const spend = monthly(model, s, 'scenario');
    const context = checkLimits(model.entry, s, false, model.warnings);
    return { requested, model: model.entry.id, total: spend.total, perRequest: spend.perRequest, fits: context.fits, context, spend };
  });
  return results.sort((a, b) => a.total - b.total || a.model.localeCompare(b.model));
}
