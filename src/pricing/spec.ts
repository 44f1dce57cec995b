import type { z } from 'zod';
import { parseOrThrow, type IssueErrorOptions } from '../validation.js';
import { lazy } from '../zod.js';
import { compare, fromInteger, fromNumber, parseDecimal, toNumber, type Decimal } from './decimal.js';
import { ENCODING_NAMES } from '../encodings/specs.js';
import { PriceTableError } from './errors.js';
import { isIsoDay } from './dates.js';
import type { ModelFacts, ModelInfo, PriceKind, PriceRow, Pricing, Rates, TierRates } from './types.js';

/**
 * The highest price tokmeter accepts, USD per 1M tokens. The dearest models cost a few hundred
 * dollars per 1M tokens; a price far above is a unit mistake (per token written as per 1M, or an
 * overflowed float such as LiteLLM's 1e308), and would make costs Infinity.
 */
export const MAX_PRICE_PER_MILLION = 1_000_000;
const MAX_PRICE = fromInteger(MAX_PRICE_PER_MILLION);

const PRICE_HINT = `must be a price from 0 to ${MAX_PRICE_PER_MILLION} USD per 1M tokens, as decimal text ("2.50") or a number`;

const price = lazy((z) => z.union([z.string(), z.number()], { error: PRICE_HINT }).transform((value, ctx): Decimal => {
  const parsed = typeof value === 'number' ? (Number.isFinite(value) ? fromNumber(value) : undefined) : parseDecimal(value);
  if (parsed === undefined || parsed.digits < 0n || compare(parsed, MAX_PRICE) > 0) {
    ctx.addIssue({ code: 'custom', message: PRICE_HINT });
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

const isoDate = lazy((z) => z.string().refine(isIsoDay, { error: 'must be an ISO date, YYYY-MM-DD' }));

const pricingSchema = lazy((z) => z.strictObject({
  standard: tierRates(),
  batch: tierRates().optional(),
  flex: tierRates().optional(),
  priority: tierRates().optional(),
}));

const source = lazy((z) => z.string().trim().min(1, { error: 'must say where the prices come from' }));

const priceRow = lazy((z) => z.strictObject({
  effectiveFrom: isoDate().optional(),
  effectiveUntil: isoDate().optional(),
  kind: z.enum(['list', 'promotion'], { error: "must be 'list' or 'promotion'" }).optional(),
  pricing: pricingSchema(),
  asOf: isoDate(),
  source: source(),
}));

/** Both ways of writing prices are optional here; `parseModelSpec` checks that exactly one is used. */
const modelSpec = lazy((z) => z.strictObject({
  provider: z.string().min(1, { error: 'must name the provider' }),
  tokenizer: z.strictObject({
    encoding: z.enum(ENCODING_NAMES, { error: `must be one of tokmeter's encodings: ${ENCODING_NAMES.join(', ')}` }),
    exact: z.boolean(),
  }),
  contextWindow: tokenLimit(),
  maxInputTokens: tokenLimit(),
  maxOutputTokens: tokenLimit(),
  prices: z.array(priceRow()).min(1, { error: 'must hold at least one price row' }).optional(),
  pricing: pricingSchema().optional(),
  asOf: isoDate().optional(),
  source: source().optional(),
  aliases: z.array(z.string().min(1)).optional(),
  deprecatedOn: isoDate().optional(),
  shutdownOn: isoDate().optional(),
  lifecycleSource: source().optional(),
}));

/** What a catalog entry knows besides its prices. */
export interface EntryInfo extends ModelFacts {
  id: string;
  aliases: readonly string[];
  origin: ModelInfo['origin'];
}

/** One dated price row with exact prices. */
export interface DatedPrices {
  effectiveFrom: string | undefined;
  effectiveUntil: string | undefined;
  kind: PriceKind;
  pricing: Pricing<Decimal>;
  asOf: string;
  source: string;
}

/** A model as tokmeter holds it: its facts, and its price rows (oldest first) as exact decimals. */
export interface CatalogEntry {
  id: string;
  info: EntryInfo;
  rows: readonly DatedPrices[];
}

/**
 * How an entry's field errors are told: a `PriceTableError` naming the model and the field
 * (`pricing.standard.input`), its problem without a closing period, like the sanity rules' problems.
 */
export function entryIssues(id: string, unknownKey: string): IssueErrorOptions<PriceTableError> {
  return { root: '', unknownKey, error: (field, problem, cause) => new PriceTableError(id, field || undefined, problem.replace(/\.$/, ''), { cause }) };
}

/**
 * Validates one model entry of a price table and turns its prices into exact decimals. Throws a
 * `PriceTableError` naming the model and the field for a malformed entry. Sanity rules are separate
 * (`sanityProblems`), so that a caller can decide whether a breach rejects the entry or the table.
 */
export function parseModelSpec(id: string, raw: unknown, origin: ModelInfo['origin']): CatalogEntry {
  const spec = parseOrThrow(modelSpec(), raw, entryIssues(id, 'is not a field of a tokmeter model entry; check its spelling.'));
  const info: EntryInfo = {
    id,
    provider: spec.provider,
    tokenizer: { ...spec.tokenizer },
    contextWindow: spec.contextWindow,
    maxInputTokens: spec.maxInputTokens,
    maxOutputTokens: spec.maxOutputTokens,
    aliases: spec.aliases ?? [],
    origin,
    ...(spec.deprecatedOn !== undefined && { deprecatedOn: spec.deprecatedOn }),
    ...(spec.shutdownOn !== undefined && { shutdownOn: spec.shutdownOn }),
    ...(spec.lifecycleSource !== undefined && { lifecycleSource: spec.lifecycleSource }),
  };
  return { id, info, rows: priceRowsOf(id, spec) };
}

function priceRowsOf(id: string, spec: z.infer<ReturnType<typeof modelSpec>>): DatedPrices[] {
  const flat = spec.pricing !== undefined || spec.asOf !== undefined || spec.source !== undefined;
  if (spec.prices !== undefined) {
    if (flat) {
      const field = spec.pricing !== undefined ? 'pricing' : spec.asOf !== undefined ? 'asOf' : 'source';
      throw new PriceTableError(id, field, 'is given beside prices; write dated rows in prices, or one undated row as pricing, asOf and source');
    }
    return spec.prices.map((row) => ({
      effectiveFrom: row.effectiveFrom,
      effectiveUntil: row.effectiveUntil,
      kind: row.kind ?? 'list',
      pricing: row.pricing,
      asOf: row.asOf,
      source: row.source,
    }));
  }
  for (const field of ['pricing', 'asOf', 'source'] as const) {
    if (spec[field] === undefined) {
      throw new PriceTableError(id, field, 'is required (or give dated rows as prices: [{ effectiveFrom, pricing, asOf, source }])');
    }
  }
  return [{ effectiveFrom: undefined, effectiveUntil: undefined, kind: 'list', pricing: spec.pricing!, asOf: spec.asOf!, source: spec.source! }];
}

/** A row with its prices as plain numbers, as `getModel` shows it. */
export function publicRow(row: DatedPrices): PriceRow<number> {
  return {
    ...(row.effectiveFrom !== undefined && { effectiveFrom: row.effectiveFrom }),
    ...(row.effectiveUntil !== undefined && { effectiveUntil: row.effectiveUntil }),
    kind: row.kind,
    pricing: mapPricing(row.pricing, toNumber),
    asOf: row.asOf,
    source: row.source,
  };
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

