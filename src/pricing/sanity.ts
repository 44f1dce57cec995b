import { compare, mul, fromInteger, type Decimal } from './decimal.js';
import type { CatalogEntry, DatedPrices } from './spec.js';
import type { Pricing, Rates, TierRates } from './types.js';

/** One broken rule: the field it concerns (`pricing.batch.input`) and what is wrong. */
export interface SanityProblem {
  field: string;
  problem: string;
}

const TWO = fromInteger(2);

/**
 * The rules every price table entry must keep (facts doc, "Sanity rules"): cache read ≤ input ≤
 * cache write (5-minute ≤ 1-hour); batch is half of standard; priority above standard above flex;
 * max input and max output within the context window; long-context thresholds ascending; dated
 * rows in order. Every price row is held to them. Returns the problems found, none for a sound entry.
 */
export function sanityProblems(entry: CatalogEntry): SanityProblem[] {
  const problems: SanityProblem[] = [];
  const { info, rows } = entry;
  if (info.maxInputTokens > info.contextWindow) {
    problems.push({ field: 'maxInputTokens', problem: `is ${info.maxInputTokens}, above contextWindow ${info.contextWindow}` });
  }
  if (info.maxOutputTokens > info.contextWindow) {
    problems.push({ field: 'maxOutputTokens', problem: `is ${info.maxOutputTokens}, above contextWindow ${info.contextWindow}` });
  }
  if (info.deprecatedOn !== undefined && info.shutdownOn !== undefined && info.deprecatedOn > info.shutdownOn) {
    problems.push({ field: 'deprecatedOn', problem: `is ${info.deprecatedOn}, after shutdownOn ${info.shutdownOn}` });
  }
  checkRowDates(rows, problems);
  rows.forEach((row, i) => checkPricing(row.pricing, rows.length === 1 && row.effectiveFrom === undefined ? 'pricing' : `prices[${i}].pricing`, problems));
  return problems;
}

/**
 * Dated rows ascend by `effectiveFrom`, only the first may leave it out, and a row's end is not
 * before its start; no two rows start on the same day.
 */
function checkRowDates(rows: readonly DatedPrices[], problems: SanityProblem[]): void {
  rows.forEach((row, i) => {
    if (i > 0 && row.effectiveFrom === undefined) {
      problems.push({ field: `prices[${i}].effectiveFrom`, problem: 'is missing; only the first row may leave it out' });
    }
    const previous = rows[i - 1]?.effectiveFrom;
    if (row.effectiveFrom !== undefined && previous !== undefined && row.effectiveFrom <= previous) {
      problems.push({ field: `prices[${i}].effectiveFrom`, problem: `is ${row.effectiveFrom}; rows must ascend by effectiveFrom (the row before starts ${previous})` });
    }
    if (row.effectiveUntil !== undefined && row.effectiveFrom !== undefined && row.effectiveUntil < row.effectiveFrom) {
      problems.push({ field: `prices[${i}].effectiveUntil`, problem: `is ${row.effectiveUntil}, before its effectiveFrom ${row.effectiveFrom}` });
    }
  });
}

function checkPricing(pricing: Pricing<Decimal>, root: string, problems: SanityProblem[]): void {
  for (const [tierName, tier] of Object.entries(pricing) as [string, TierRates<Decimal> | undefined][]) {
    if (tier === undefined) continue;
    const at = `${root}.${tierName}`;
    checkCacheOrder(tier, at, problems);
    let previous = 0;
    (tier.longContext ?? []).forEach((step, i) => {
      checkCacheOrder(step, `${at}.longContext[${i}]`, problems);
      if (step.above <= previous) {
        problems.push({ field: `${at}.longContext[${i}].above`, problem: `is ${step.above}; thresholds must ascend` });
      }
      previous = step.above;
    });
  }

  const { standard, batch, flex, priority } = pricing;
  if (batch !== undefined) checkHalf(batch, standard, `${root}.batch`, problems);
  if (flex !== undefined) checkBelow(flex, standard, `${root}.flex`, 'below standard', problems);
  if (priority !== undefined) checkBelow(standard, priority, `${root}.priority`, 'above standard', problems);
}

function checkCacheOrder(rates: Rates<Decimal>, at: string, problems: SanityProblem[]): void {
  const { input, cachedInput, cacheWrite5m, cacheWrite1h } = rates;
  if (cachedInput !== undefined && compare(cachedInput, input) > 0) {
    problems.push({ field: `${at}.cachedInput`, problem: 'is above input; a cache read must not cost more than input' });
  }
  if (cacheWrite5m !== undefined && compare(cacheWrite5m, input) < 0) {
    problems.push({ field: `${at}.cacheWrite5m`, problem: 'is below input; a cache write must not cost less than input' });
  }
  if (cacheWrite1h !== undefined && compare(cacheWrite1h, cacheWrite5m ?? input) < 0) {
    problems.push({ field: `${at}.cacheWrite1h`, problem: 'is below the 5-minute write (or input); a longer cache must not cost less' });
  }
}

/** Batch is half of standard for every price both tiers state, long-context steps included. */
function checkHalf(batch: TierRates<Decimal>, standard: TierRates<Decimal>, at: string, problems: SanityProblem[]): void {
  const pairs: [string, Rates<Decimal>, Rates<Decimal> | undefined][] = [[at, batch, standard]];
  (batch.longContext ?? []).forEach((step, i) => {
    pairs.push([`${at}.longContext[${i}]`, step, standard.longContext?.find((s) => s.above === step.above)]);
  });
  for (const [where, half, full] of pairs) {
    if (full === undefined) {
      problems.push({ field: where, problem: 'has no standard long-context step with the same threshold' });
      continue;
    }
    for (const key of ['input', 'output', 'cachedInput', 'cacheWrite5m', 'cacheWrite1h', 'audioInput'] as const) {
      const a = half[key];
      const b = full[key];
      if (a !== undefined && b !== undefined && compare(mul(a, TWO), b) !== 0) {
        problems.push({ field: `${where}.${key}`, problem: 'is not half of the standard price' });
      }
    }
  }
}

/** `lower` costs strictly less than `higher` for input and output. */
function checkBelow(lower: Rates<Decimal>, higher: Rates<Decimal>, at: string, wanted: string, problems: SanityProblem[]): void {
  for (const key of ['input', 'output'] as const) {
    if (compare(lower[key], higher[key]) >= 0) problems.push({ field: `${at}.${key}`, problem: `must be ${wanted}` });
  }
}
