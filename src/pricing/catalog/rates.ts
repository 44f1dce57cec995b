import { internalError } from '../../errors.js';
import { mul, parseDecimal, toText } from '../decimal.js';
import type { LongContextRates, Rates, TierRates } from '../types.js';

/**
 * The few shapes the catalog files repeat: the dates rows are stamped with, the tokenizers, and the
 * tiers a provider derives from its standard prices by a published multiplier (batch ½, flex ½,
 * priority 2×). Each helper only applies a multiplier the facts docs state; the standard prices it
 * starts from are written out in the model's row, so every derived price can be checked by hand.
 */

/** The day the catalog was last checked against shared/docs/pricing-facts-2026.md. */
export const CHECKED = '2026-12-07';
/** The day of the LiteLLM snapshot (shared/data/litellm-model-prices-2026-07-24.json). */
export const LITELLM_DAY = '2026-07-24';

/** OpenAI's published encodings, counted exactly by tokmeter. */
export const O200K = { encoding: 'o200k_base', exact: true } as const;
export const CL100K = { encoding: 'cl100k_base', exact: true } as const;
/**
 * A stand-in: the provider publishes no tokenizer (Anthropic, Google), or none for this model
 * (OpenAI GPT-5.6 and GPT-6.x), so counts with o200k_base are approximate.
 */
export const APPROXIMATE = { encoding: 'o200k_base', exact: false } as const;

type PriceKey = keyof Rates<string>;

const EVERY_PRICE: readonly PriceKey[] = ['input', 'output', 'cachedInput', 'cacheWrite5m', 'cacheWrite1h', 'audioInput'];
/** Batch rows of OpenAI and Google carry no cache prices: the sources give none for batch. */
const UNCACHED_PRICES: readonly PriceKey[] = ['input', 'output', 'audioInput'];

/** `price × factor` as exact decimal text (`times('0.125', '0.5')` is `'0.0625'`). */
export function times(price: string, factor: string): string {
  const a = parseDecimal(price);
  const b = parseDecimal(factor);
  if (a === undefined || b === undefined) throw internalError(`catalog price ${JSON.stringify(price)} × ${JSON.stringify(factor)} is not decimal text`);
  return toText(mul(a, b));
}

function scaleRates(rates: Rates<string>, factor: string, keys: readonly PriceKey[]): Rates<string> {
  const out: Rates<string> = { input: times(rates.input, factor), output: times(rates.output, factor) };
  for (const key of keys) {
    const price = rates[key];
    if (price !== undefined) out[key] = times(price, factor);
  }
  return out;
}

function scaleTier(tier: TierRates<string>, factor: string, keys: readonly PriceKey[]): TierRates<string> {
  const out: TierRates<string> = scaleRates(tier, factor, keys);
  if (tier.longContext !== undefined) {
    out.longContext = tier.longContext.map((step) => ({ above: step.above, ...scaleRates(step, factor, keys) }));
  }
  return out;
}

/** Every price halved, long-context steps too: Anthropic's batch, and flex at OpenAI and Google. */
export function halfOfEvery(tier: TierRates<string>): TierRates<string> {
  return scaleTier(tier, '0.5', EVERY_PRICE);
}

/** Input, audio input and output halved, long-context steps too, no cache prices: OpenAI's and Google's batch. */
export function halfUncached(tier: TierRates<string>): TierRates<string> {
  return scaleTier(tier, '0.5', UNCACHED_PRICES);
}

/** Every price doubled, long-context steps too: OpenAI's priority (Fast) tier. */
export function doubleOfEvery(tier: TierRates<string>): TierRates<string> {
  return scaleTier(tier, '2', EVERY_PRICE);
}

/** A long-context step: these prices bill the whole request once the prompt exceeds `above` tokens. */
export function above(threshold: number, rates: Rates<string>): LongContextRates<string> {
  return { above: threshold, ...rates };
}
