import type { ModelSpec, Pricing, Rates, TierRates } from '../types.js';
import { above, APPROXIMATE, CHECKED, halfOfEvery, halfUncached, LITELLM_DAY } from './rates.js';

/**
 * Google's Gemini API text models, USD per 1M tokens; output prices include thinking tokens. Source
 * keys ([GG-dep], [LL], [TM17] …) are those of shared/docs/pricing-facts-2026.md; (off) marks
 * Google's own pages, (3p) third parties.
 *
 * - Batch halves input (audio too) and output, long-context steps too; batch rows carry no cache
 *   price (no source gives one). Flex halves every price [GG-opt] (off), listed where a source says
 *   it is offered. Priority is "75% to 100% more" per Google [GG-opt]; the figures used are the
 *   trackers' 1.8× [TM17][LL] (3p), written out where a source gives them.
 * - Gemini 4 caches implicitly only (prefix of 4,096 tokens or more) and reads at 5% of input [GG-carbon].
 * - Not modelled: context-cache storage ($0.50 per 1M tokens per hour on 3.6 and 3.7 Flash [GP-g]);
 *   Vertex AI's 1.1× on non-global endpoints [PK906].
 */

type Spec = ModelSpec<string>;

const GEMINI = { provider: 'google', tokenizer: APPROXIMATE } as const;
const window1m = (maxOutputTokens: number) => ({ contextWindow: 1_048_576, maxInputTokens: 1_048_576, maxOutputTokens }) as const;

interface Offered {
  batch?: true;
  flex?: true;
  /** Written out: the sources give priority prices per model, not by one multiplier. */
  priority?: TierRates<string>;
}

/** The standard prices and the tiers offered (see the top of this file). */
function withTiers(standard: TierRates<string>, offered: Offered): Pricing<string> {
  return {
    standard,
    ...(offered.batch && { batch: halfUncached(standard) }),
    ...(offered.flex && { flex: halfOfEvery(standard) }),
    ...(offered.priority && { priority: offered.priority }),
  };
}

const LL = 'LiteLLM model_prices_and_context_window.json 2026-07-24 [LL]';
/** The 2025 rows kept from the catalog of 2026-07-24. */
const GOOGLE_2025 = 'https://ai.google.dev/gemini-api/docs/pricing via LiteLLM model_prices_and_context_window.json 2026-07-24';

/**
 * Gemini 3.6, 3.7 and 3.8 Flash: 0.75 / 0.075 / 3.75 through 2026-12-31, then 1.50 / 0.15 / 7.50
 * from 2027-01-01 [GP564][GP678][GG-dep]. Batch and Flex at 0.5×.
 */
const FLASH_UNTIL_2026: Rates<string> = { input: '0.75', cachedInput: '0.075', output: '3.75' };
const FLASH_FROM_2027: Rates<string> = { input: '1.50', cachedInput: '0.15', output: '7.50' };
const FLASH_PROMO_END = '2026-12-31';
const FLASH_LIST_FROM = '2027-01-01';

/** Gemini 4 Argon and Carbon: 2.00 / 0.10 / 10.00 through 2026-11-30, 4.00 / 0.20 / 20.00 from 2026-12-01. */
const GEMINI_4_PROMO: Rates<string> = { input: '2.00', cachedInput: '0.10', output: '10.00' };
const GEMINI_4_LIST: Rates<string> = { input: '4.00', cachedInput: '0.20', output: '20.00' };
/**
 * Google's own pricing page was not retrieved for the 2026-12-01 move; trackers and gateways quoting
 * it agree on the date and prices (LiteLLM, TokenMeter, cedr, LaoZhang).
 */
const GEMINI_4_LIST_SOURCE = 'LiteLLM discussion 50970 [LLd50970]; cedr v0.16.1 [cedr16]; [LZ-carbon]; [LZ-argon] (3p, quoting Google\'s pricing page)';

/** Gemini 3 Pro and 3.1 Pro Preview: above 200K the whole request bills at 4.00 / 0.40 / 18.00. */
const PRO_PREVIEW: TierRates<string> = {
  input: '2.00', cachedInput: '0.20', output: '12.00',
  longContext: [above(200_000, { input: '4.00', cachedInput: '0.40', output: '18.00' })],
};
/** LiteLLM's priority prices for the Pro previews (1.8×), long-context step included. */
const PRO_PREVIEW_PRIORITY: TierRates<string> = {
  input: '3.60', cachedInput: '0.36', output: '21.60',
  longContext: [above(200_000, { input: '7.20', cachedInput: '0.72', output: '32.40' })],
};

/** Built when the registry first needs it: its batch rates are computed, which is work no import should do. */
export const googleModels = (): Readonly<Record<string, Spec>> => ({
  // ── Gemini 4 ────────────────────────────────────────────────────────────────────────────────
  // The window of 1,048,576 tokens is shared by input and output. Output comes in segments of at
  // most 65,536 tokens (32,768 when not streamed); a long decode may run to the window less the input,
  // which the one max-output figure cannot say, so it is the streamed segment's 65,536.
  // The facts sheet lists 0.5× in its batch / flex column for all four; both tiers are offered.
  'gemini-4-carbon': {
    ...GEMINI,
    ...window1m(65_536),
    prices: [
      {
        effectiveFrom: '2026-11-10',
        effectiveUntil: '2026-11-30',
        kind: 'promotion',
        pricing: withTiers(GEMINI_4_PROMO, { batch: true, flex: true }),
        asOf: CHECKED,
        source: 'Gemini 4 Carbon model page [GG-carbon] (off); [LLd50970][cedr16][LZ-carbon]',
      },
      { effectiveFrom: '2026-12-01', pricing: withTiers(GEMINI_4_LIST, { batch: true, flex: true }), asOf: CHECKED, source: GEMINI_4_LIST_SOURCE },
    ],
  },
  'gemini-4-argon': {
    ...GEMINI,
    ...window1m(65_536),
    prices: [
      {
        // Announced 2026-09-30, in the paid API from October 2026; the exact day was not found.
        effectiveUntil: '2026-11-30',
        kind: 'promotion',
        pricing: withTiers(GEMINI_4_PROMO, { batch: true, flex: true }),
        asOf: CHECKED,
        source: 'LiteLLM discussion 46238 [LLd46238]; TokenMeter v0.13.1 [TM13]; [cedr16]; [LZ-argon] (3p)',
      },
      { effectiveFrom: '2026-12-01', pricing: withTiers(GEMINI_4_LIST, { batch: true, flex: true }), asOf: CHECKED, source: GEMINI_4_LIST_SOURCE },
    ],
  },
  'gemini-4-neon': {
    ...GEMINI,
    ...window1m(65_536),
    prices: [
      {
        effectiveFrom: '2026-11-18',
        // Priority cache-read price not found.
        pricing: withTiers(
          { input: '3.00', cachedInput: '0.15', output: '15.00' },
          { batch: true, flex: true, priority: { input: '5.40', output: '27.00' } },
        ),
        asOf: CHECKED,
        source: 'TokenMeter v0.17.0 [TM17]; [LZ-neon]; llm-preflight 2.25.9 [preflight] (3p)',
      },
    ],
  },
  'gemini-4-hydrogen': {
    ...GEMINI,
    ...window1m(65_536),
    prices: [
      {
        effectiveFrom: '2026-11-12',
        // Priority cache-read price not found.
        pricing: withTiers(
          { input: '1.50', cachedInput: '0.075', output: '7.50' },
          { batch: true, flex: true, priority: { input: '2.70', output: '13.50' } },
        ),
        asOf: CHECKED,
        source: 'TokenMeter v0.17.0 [TM17]; LiteLLM discussion 51436 [LLd51436]; [simai-hy]; Trazum v2.7.9 [trazum] (3p)',
      },
    ],
  },

  // ── Gemini 3.x Flash ────────────────────────────────────────────────────────────────────────
  // No shutdown is announced for 3.5 Flash through 3.8 Flash [GG-dep].
  'gemini-3.8-flash': {
    ...GEMINI,
    ...window1m(65_536),
    prices: [
      {
        effectiveFrom: '2026-09-02',
        effectiveUntil: FLASH_PROMO_END,
        kind: 'promotion',
        pricing: withTiers(FLASH_UNTIL_2026, { batch: true, flex: true }),
        asOf: CHECKED,
        source: 'genai-prices PR 678 [GP678]; models.dev [MD-38]; Gemini deprecations page [GG-dep] (off)',
      },
      {
        effectiveFrom: FLASH_LIST_FROM,
        pricing: withTiers(FLASH_FROM_2027, { batch: true, flex: true }),
        asOf: CHECKED,
        source: 'genai-prices PR 678 [GP678]; models.dev [MD-38]; [GG-dep] (off)',
      },
    ],
  },
  'gemini-3.7-flash': {
    ...GEMINI,
    // The only window found is "1M", a rounded figure (3.6 and 3.8 have 1,048,576); it is taken as
    // written. No max output was found, so the window is the only bound stated.
    contextWindow: 1_000_000,
    maxInputTokens: 1_000_000,
    maxOutputTokens: 1_000_000,
    prices: [
      {
        effectiveFrom: '2026-08-13',
        effectiveUntil: FLASH_PROMO_END,
        kind: 'promotion',
        pricing: withTiers(FLASH_UNTIL_2026, { batch: true, flex: true }),
        asOf: CHECKED,
        source: 'genai-prices PR 564 [GP564]; Gemini deprecations page [GG-dep] (off)',
      },
      {
        effectiveFrom: FLASH_LIST_FROM,
        pricing: withTiers(FLASH_FROM_2027, { batch: true, flex: true }),
        asOf: CHECKED,
        source: 'genai-prices PR 564 [GP564]; [GG-dep] (off)',
      },
    ],
  },
  'gemini-3.6-flash': {
    ...GEMINI,
    ...window1m(65_536),
    prices: [
      {
        // LiteLLM of 2026-07-24 already carries the 2027 price (1.50 / 0.15 / 7.50) for these months;
        // genai-prices and Google's deprecations page give 0.75 through 2026-12-31, which is kept.
        // Priority during this period was not found (LiteLLM's 2.70 / 13.50 is 1.8× the 2027 price).
        effectiveFrom: '2026-07-21',
        effectiveUntil: FLASH_PROMO_END,
        kind: 'promotion',
        pricing: withTiers(FLASH_UNTIL_2026, { batch: true, flex: true }),
        asOf: CHECKED,
        source: 'genai-prices PR 564 [GP564]; Gemini deprecations page [GG-dep] (off)',
      },
      {
        effectiveFrom: FLASH_LIST_FROM,
        pricing: withTiers(FLASH_FROM_2027, {
          batch: true,
          flex: true,
          priority: { input: '2.70', cachedInput: '0.27', output: '13.50' },
        }),
        asOf: CHECKED,
        source: `genai-prices PR 564 [GP564]; [GG-dep] (off); priority ${LL}`,
      },
    ],
  },
  'gemini-3.5-flash': {
    ...GEMINI,
    ...window1m(65_535),
    prices: [
      {
        effectiveFrom: '2026-05-19',
        // Batch and Flex prices: not found ("?" in the facts sheet, none in LiteLLM).
        pricing: withTiers(
          { input: '1.50', audioInput: '1.00', cachedInput: '0.15', output: '9.00' },
          { priority: { input: '2.70', audioInput: '1.80', cachedInput: '0.27', output: '16.20' } },
        ),
        asOf: CHECKED,
        source: `${LL}; genai-prices [GP-g]; Gemini deprecations page [GG-dep] (off)`,
      },
    ],
  },
  'gemini-3.5-flash-lite': {
    ...GEMINI,
    ...window1m(65_536),
    prices: [
      {
        effectiveFrom: '2026-07-21',
        // Flex cache read: LiteLLM says 0.02, Google's Flex multiplier (0.5×) gives 0.015, which is used.
        // Priority as LiteLLM gives it; its cache read (0.05) is not 1.8× the 0.03 read.
        pricing: withTiers(
          { input: '0.30', cachedInput: '0.03', output: '2.50' },
          { batch: true, flex: true, priority: { input: '0.54', cachedInput: '0.05', output: '4.50' } },
        ),
        asOf: CHECKED,
        source: `${LL}; Gemini deprecations page [GG-dep] (off)`,
      },
    ],
  },
  'gemini-3.1-flash-lite': {
    ...GEMINI,
    ...window1m(65_536),
    // Google gives 2027-05-07 as the earliest shutdown, not a date set, so none is recorded.
    prices: [
      {
        effectiveFrom: '2026-05-07',
        // LiteLLM's Flex prices are half of every standard price; it gives no audio Flex or Priority price.
        pricing: withTiers(
          { input: '0.25', audioInput: '0.50', cachedInput: '0.025', output: '1.50' },
          { batch: true, flex: true, priority: { input: '0.45', cachedInput: '0.045', output: '2.70' } },
        ),
        asOf: CHECKED,
        source: `${LL}; Gemini deprecations page [GG-dep] (off)`,
      },
    ],
  },

  // ── Gemini 3.x Pro previews ─────────────────────────────────────────────────────────────────
  'gemini-3.1-pro-preview': {
    ...GEMINI,
    ...window1m(65_536),
    // LiteLLM prices the custom-tools variant identically.
    aliases: ['gemini-3.1-pro-preview-customtools'],
    prices: [
      {
        effectiveFrom: '2026-02-19',
        pricing: withTiers(PRO_PREVIEW, { batch: true, priority: PRO_PREVIEW_PRIORITY }),
        asOf: CHECKED,
        source: `${LL}; genai-prices [GP-g]; Gemini deprecations page [GG-dep] (off)`,
      },
    ],
  },
  'gemini-3-pro-preview': {
    ...GEMINI,
    ...window1m(65_535),
    // Google's deprecations page [GG-dep] (off) gives 2026-03-09; LiteLLM says 2026-03-26. Google's date is kept.
    shutdownOn: '2026-03-09',
    lifecycleSource: 'Gemini deprecations page [GG-dep] (off)',
    prices: [
      {
        // Launch date not in the stored sources.
        pricing: withTiers(PRO_PREVIEW, { batch: true, priority: PRO_PREVIEW_PRIORITY }),
        asOf: LITELLM_DAY,
        source: LL,
      },
    ],
  },

  // ── Gemini 2.x ──────────────────────────────────────────────────────────────────────────────
  'gemini-2.5-flash-lite': {
    ...GEMINI,
    ...window1m(65_535),
    prices: [
      {
        effectiveFrom: '2025-07-22',
        // The 2026 facts sheet has "?" for batch; the 2025 facts (pricing-facts.md) give Gemini API
        // batch at 50% for this table, so the batch row of the 2026-07-24 catalog is kept.
        pricing: withTiers({ input: '0.10', audioInput: '0.30', cachedInput: '0.01', output: '0.40' }, { batch: true }),
        asOf: CHECKED,
        source: `${GOOGLE_2025}; not deprecated per [AD-g25] (3p)`,
      },
    ],
  },
  // Gemini 2.5 Pro and Flash: shut down 2026-12-01 per the deprecations page as read on 2026-11-10
  // [AD-g25] (3p); the older official table said 2026-06-17. The later reading of Google's page is
  // kept. Requests are now routed to 3.8 Flash and 3.5 Flash-Lite and billed at their prices.
  'gemini-2.5-pro': {
    ...GEMINI,
    ...window1m(65_535),
    shutdownOn: '2026-12-01',
    lifecycleSource: 'Gemini deprecations page as read by [AD-g25] on 2026-11-10 (3p)',
    prices: [
      {
        pricing: withTiers(
          {
            input: '1.25', cachedInput: '0.125', output: '10.00',
            longContext: [above(200_000, { input: '2.50', cachedInput: '0.25', output: '15.00' })],
          },
          { batch: true },
        ),
        asOf: LITELLM_DAY,
        source: GOOGLE_2025,
      },
    ],
  },
  'gemini-2.5-flash': {
    ...GEMINI,
    ...window1m(65_535),
    shutdownOn: '2026-12-01',
    lifecycleSource: 'Gemini deprecations page as read by [AD-g25] on 2026-11-10 (3p)',
    prices: [
      {
        pricing: withTiers({ input: '0.30', audioInput: '1.00', cachedInput: '0.03', output: '2.50' }, { batch: true }),
        asOf: LITELLM_DAY,
        source: GOOGLE_2025,
      },
    ],
  },
  'gemini-2.0-flash': {
    ...GEMINI,
    ...window1m(8_192),
    aliases: ['gemini-2.0-flash-001'],
    shutdownOn: '2026-06-01',
    lifecycleSource: 'Gemini API changelog via ai-provider-watch [APW-g20]; LiteLLM deprecation_date [LL]',
    prices: [
      {
        pricing: withTiers({ input: '0.10', audioInput: '0.70', cachedInput: '0.025', output: '0.40' }, { batch: true }),
        asOf: LITELLM_DAY,
        source: GOOGLE_2025,
      },
    ],
  },
  'gemini-2.0-flash-lite': {
    ...GEMINI,
    ...window1m(8_192),
    aliases: ['gemini-2.0-flash-lite-001'],
    shutdownOn: '2026-06-01',
    lifecycleSource: 'Gemini API changelog via ai-provider-watch [APW-g20]; LiteLLM deprecation_date [LL]',
    prices: [
      {
        // No batch price in LiteLLM or the facts docs.
        pricing: { standard: { input: '0.075', audioInput: '0.075', cachedInput: '0.01875', output: '0.30' } },
        asOf: LITELLM_DAY,
        source: LL,
      },
    ],
  },
});
