import type { z } from 'zod';
import { lazy } from '../zod.js';
import { fromNumber, parseDecimal, toNumber, type Decimal } from './decimal.js';
import { PriceTableError } from './errors.js';
import type { ModelInfo, Pricing, Rates, TierRates } from './types.js';

/** A model as tokmeter holds it: the public description plus its prices as exact decimals. */
export interface CatalogEntry {
  id: string;
  info: ModelInfo;
  pricing: Pricing<Decimal>;
}

const PRICE_HINT = 'must be a non-negative price in USD per 1M tokens, as decimal text ("2.50") or a number';

const price = lazy((z) => z.union([z.string(), z.number()], { error: PRICE_HINT }).transform((value, ctx): Decimal => {
  const parsed = typeof value === 'number' ? (Number.isFinite(value) ? fromNumber(value) : undefined) : parseDecimal(value);
  if (parsed === undefined || parsed.digits < 0n) {
    ctx.addIssue({ code: 'custom', message: `${PRICE_HINT}, got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return parsed;
}));

const tokenLimit = lazy((z) => z
  .number({ error: 'must be a positive integer token count' })
  .int({ error: 'must be a positive integer token count' })
  .positive({ error: 'must be a positive integer token count' }));

const rateFields = lazy(() => ({
  input: price(),
  output: price(),
  cachedInput: price().optional(),
  cacheWrite5m: price().optional(),
  cacheWrite1h: price().optional(),
  audioInput: price().optional(),
}));

const tierRates = lazy((z) => z.strictObject({
  ...rateFields(),
  longContext: z.array(z.strictObject({ above: tokenLimit(), ...rateFields() })).optional(),
}));

const isoDate = lazy((z) => z.string().refine(
  (text) => /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text),
  { error: 'must be an ISO date, YYYY-MM-DD' },
));

const modelSpec = lazy((z) => z.strictObject({
  provider: z.string().min(1, { error: 'must name the provider' }),
  tokenizer: z.strictObject({ encoding: z.string().min(1), exact: z.boolean() }),
  contextWindow: tokenLimit(),
  maxInputTokens: tokenLimit(),
  maxOutputTokens: tokenLimit(),
  pricing: z.strictObject({
    standard: tierRates(),
    batch: tierRates().optional(),
    flex: tierRates().optional(),
    priority: tierRates().optional(),
  }),
  asOf: isoDate(),
  source: z.string().trim().min(1, { error: 'must say where the prices come from' }),
  aliases: z.array(z.string().min(1)).optional(),
}));

function describeIssue(issue: z.core.$ZodIssue): { field: string; problem: string } {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return { field: [...path, key].join('.'), problem: 'is not a field of a tokmeter model entry (check its spelling)' };
  }
  return { field: path.join('.'), problem: issue.message };
}

/**
 * Validates one model entry of a price table and turns its prices into exact decimals. Throws a
 * `PriceTableError` naming the model and the field for a malformed entry. Sanity rules are separate
 * (`sanityProblems`), so that a caller can decide whether a breach rejects the entry or the table.
 */
export function parseModelSpec(id: string, raw: unknown, origin: ModelInfo['origin']): CatalogEntry {
  const result = modelSpec().safeParse(raw);
  if (!result.success) {
    const first = result.error.issues[0];
    const { field, problem } = first ? describeIssue(first) : { field: '', problem: 'is invalid' };
    throw new PriceTableError(id, field || undefined, problem, { cause: result.error });
  }
  const spec = result.data;
  const info: ModelInfo = {
    id,
    provider: spec.provider,
    tokenizer: { ...spec.tokenizer },
    contextWindow: spec.contextWindow,
    maxInputTokens: spec.maxInputTokens,
    maxOutputTokens: spec.maxOutputTokens,
    pricing: mapPricing(spec.pricing, toNumber),
    asOf: spec.asOf,
    source: spec.source,
    aliases: spec.aliases ?? [],
    origin,
  };
  return { id, info, pricing: spec.pricing };
}

/** The same rates with every price converted by `f`. */
export function mapRates<A, B>(rates: Rates<A>, f: (price: A) => B): Rates<B> {
  const out: Rates<B> = { input: f(rates.input), output: f(rates.output) };
  if (rates.cachedInput !== undefined) out.cachedInput = f(rates.cachedInput);
  if (rates.cacheWrite5m !== undefined) out.cacheWrite5m = f(rates.cacheWrite5m);
  if (rates.cacheWrite1h !== undefined) out.cacheWrite1h = f(rates.cacheWrite1h);
  if (rates.audioInput !== undefined) out.audioInput = f(rates.audioInput);
  return out;
}

function mapTier<A, B>(tier: TierRates<A>, f: (price: A) => B): TierRates<B> {
  const out: TierRates<B> = mapRates(tier, f);
  if (tier.longContext !== undefined) out.longContext = tier.longContext.map((step) => ({ above: step.above, ...mapRates(step, f) }));
  return out;
}

/** The same pricing with every price converted by `f`. */
export function mapPricing<A, B>(pricing: Pricing<A>, f: (price: A) => B): Pricing<B> {
  const out: Pricing<B> = { standard: mapTier(pricing.standard, f) };
  if (pricing.batch !== undefined) out.batch = mapTier(pricing.batch, f);
  if (pricing.flex !== undefined) out.flex = mapTier(pricing.flex, f);
  if (pricing.priority !== undefined) out.priority = mapTier(pricing.priority, f);
  return out;
}

