import type { ModelSpec, Pricing, TierRates } from '../types.js';
import { above, APPROXIMATE, CHECKED, CL100K, doubleOfEvery, halfOfEvery, halfUncached, LITELLM_DAY, O200K } from './rates.js';

/**
 * OpenAI's text models, USD per 1M tokens. Source keys ([OA-models], [LL], [TM17] …) are those of
 * shared/docs/pricing-facts-2026.md; (off) marks OpenAI's own pages, (3p) third parties.
 *
 * - Tiers: Batch ½ of input and output, Flex ½ and Priority ("Fast Mode") 2× of every price, the
 *   multipliers OpenAI's GPT-6 pages state [LLd39633][TM17] and LiteLLM's `_batches` / `_flex` /
 *   `_priority` fields show for GPT-5.x. A tier is listed only where a source says it is offered.
 *   Batch rows carry no cache prices: no source gives a batch cache price, so cached tokens bill at
 *   the batch input price.
 * - Long context: above 272,000 prompt tokens the whole request bills at the step's prices (2× input
 *   and cache, 1.5× output) [GP680][LLd39633][LZ-56]. The tiers' steps follow by their multipliers.
 * - `cacheWrite5m` is the default (30-minute) cache write that GPT-5.6 and later bill at 1.25× input
 *   [MD5375][htnc]; `cacheWrite1h` is GPT-6.1 Terra's 12-hour write [apidog-terra][PF24].
 * - Not modelled: the +10% of data-residency endpoints for gpt-5.4 and later [OA-res] (off).
 */

type Spec = ModelSpec<string>;

interface Offered {
  batch?: true;
  flex?: true;
  priority?: true;
}

const EVERY_TIER: Offered = { batch: true, flex: true, priority: true };
/** GPT-6.2's pricing page has no Flex row [TM17]. */
const NO_FLEX: Offered = { batch: true, priority: true };

/** The standard prices and the tiers OpenAI derives from them (see the top of this file). */
function withTiers(standard: TierRates<string>, offered: Offered): Pricing<string> {
  return {
    standard,
    ...(offered.batch && { batch: halfUncached(standard) }),
    ...(offered.flex && { flex: halfOfEvery(standard) }),
    ...(offered.priority && { priority: doubleOfEvery(standard) }),
  };
}

const LONG_CONTEXT = 272_000;

/** GPT-5.6 and GPT-6.x: 1,050,000-token window, 922,000 in, 128,000 out [TF-56][TF-luna][TF-astra]. */
const WINDOW_1050K = { contextWindow: 1_050_000, maxInputTokens: 922_000, maxOutputTokens: 128_000 } as const;
/** GPT-5.4/5.5: LiteLLM's 1,050,000 max input is the only limit given, so it is the window too. */
const WINDOW_1050K_FLAT = { contextWindow: 1_050_000, maxInputTokens: 1_050_000, maxOutputTokens: 128_000 } as const;
/** GPT-5.x before 5.4: 400,000-token window, 272,000 in, 128,000 out. */
const WINDOW_400K = { contextWindow: 400_000, maxInputTokens: 272_000, maxOutputTokens: 128_000 } as const;
const WINDOW_200K = { contextWindow: 200_000, maxInputTokens: 200_000, maxOutputTokens: 100_000 } as const;

const LL = 'LiteLLM model_prices_and_context_window.json 2026-07-24 [LL]';
/** The 2025 rows kept from the catalog of 2026-07-24, not re-checked since. */
const OPENAI_2025 = 'https://openai.com/api/pricing (Oct 2025); LiteLLM model_prices_and_context_window.json 2026-07-24';

const SHUTDOWN_2026_10_23 = 'shutdown 2026-10-23 per [IS][bigcircle] (3p only, quoting the OpenAI deprecations page)';
const SHUTDOWN_2026_10_23_ANNOUNCED =
  'OpenAI deprecations page, entry of 2026-04-22, as archived by spybara.com; shutdown 2026-10-23 also per [IS][bigcircle] (3p)';
const SHUTDOWN_2026_12_11 = 'OpenAI deprecations page [OA-dep] (off): notice 2026-06-11, shutdown 2026-12-11';
const SHUTDOWN_2027_01_14 = 'shutdown 2027-01-14 per [codersera][max_bob] (3p only)';
const SHUTDOWN_2027_04_01 = 'shutdown 2027-04-01 per [Drift] (3p only)';

/** Built when the registry first needs it: its batch rates are computed, which is work no import should do. */
export const openAiModels = (): Readonly<Record<string, Spec>> => ({
  // ── GPT-6.x ─────────────────────────────────────────────────────────────────────────────────
  // OpenAI publishes no encoding for GPT-5.6 and GPT-6.x; only simonw/ttok 1.0 [ttok] (3p) says
  // o200k_base, so their counts are marked approximate.
  'gpt-6.2-astra': {
    provider: 'openai',
    tokenizer: APPROXIMATE,
    ...WINDOW_1050K,
    prices: [
      {
        effectiveFrom: '2026-11-17',
        pricing: withTiers(
          {
            input: '8.00', cachedInput: '0.40', cacheWrite5m: '10.00', output: '40.00',
            longContext: [above(LONG_CONTEXT, { input: '16.00', cachedInput: '0.80', cacheWrite5m: '20.00', output: '60.00' })],
          },
          NO_FLEX,
        ),
        asOf: CHECKED,
        source: 'OpenAI models page [OA-models] (off); TokenMeter v0.17.0 [TM17]; LiteLLM discussion 52347 [LLd52347]; [LZ-62]',
      },
    ],
  },
  'gpt-6.2-sol': {
    provider: 'openai',
    tokenizer: APPROXIMATE,
    ...WINDOW_1050K,
    prices: [
      {
        effectiveFrom: '2026-11-17',
        pricing: withTiers(
          {
            input: '2.00', cachedInput: '0.10', cacheWrite5m: '2.50', output: '10.00',
            longContext: [above(LONG_CONTEXT, { input: '4.00', cachedInput: '0.20', cacheWrite5m: '5.00', output: '15.00' })],
          },
          NO_FLEX,
        ),
        asOf: CHECKED,
        source: 'OpenAI models page [OA-models] (off); TokenMeter v0.17.0 [TM17]; [LZ-62]',
      },
    ],
  },
  'gpt-6.1-terra': {
    provider: 'openai',
    tokenizer: APPROXIMATE,
    ...WINDOW_1050K,
    prices: [
      {
        effectiveFrom: '2026-10-26',
        // The long-context prices of the 30-minute and 12-hour cache writes were not found in any
        // source; above 272K such writes bill at the long-context input price.
        pricing: withTiers(
          {
            input: '1.00', cachedInput: '0.05', cacheWrite5m: '1.25', cacheWrite1h: '2.50', output: '5.00',
            longContext: [above(LONG_CONTEXT, { input: '2.00', cachedInput: '0.10', output: '7.50' })],
          },
          EVERY_TIER,
        ),
        asOf: CHECKED,
        source: 'OpenAI models page [OA-models] (off); [LLb-terra]; 12-hour write [apidog-terra][PF24] (3p)',
      },
    ],
  },
  'gpt-6.1-sol': {
    provider: 'openai',
    tokenizer: APPROXIMATE,
    ...WINDOW_1050K,
    prices: [
      {
        effectiveFrom: '2026-09-29',
        pricing: withTiers(
          {
            input: '2.00', cachedInput: '0.10', cacheWrite5m: '2.50', output: '10.00',
            longContext: [above(LONG_CONTEXT, { input: '4.00', cachedInput: '0.20', cacheWrite5m: '5.00', output: '15.00' })],
          },
          EVERY_TIER,
        ),
        asOf: CHECKED,
        source: 'truefoundry [TF-61sol]; Codex-Manager 0.4.7 [CM047]; [apiyi-61] (all 3p)',
      },
    ],
  },
  'gpt-6-sol': {
    provider: 'openai',
    tokenizer: APPROXIMATE,
    ...WINDOW_1050K,
    prices: [
      {
        effectiveFrom: '2026-09-22',
        // The sources give the long-context step as "2× input and cache, 1.5× output" and no cache-write
        // figure, so the step has no write price (writes above 272K bill at its input price).
        pricing: withTiers(
          {
            input: '2.00', cachedInput: '0.20', cacheWrite5m: '2.50', output: '10.00',
            longContext: [above(LONG_CONTEXT, { input: '4.00', cachedInput: '0.40', output: '15.00' })],
          },
          EVERY_TIER,
        ),
        asOf: CHECKED,
        source: 'LiteLLM discussion 42523 [LLd42523]; codexometer v0.18.4 [codexometer]; PromptFuel v1.0.21 [PF21] (all 3p)',
      },
    ],
  },
  'gpt-6-luna': {
    provider: 'openai',
    tokenizer: APPROXIMATE,
    ...WINDOW_1050K,
    prices: [
      {
        effectiveFrom: '2026-09-22',
        pricing: withTiers(
          {
            input: '0.10', cachedInput: '0.01', cacheWrite5m: '0.125', output: '0.50',
            longContext: [above(LONG_CONTEXT, { input: '0.20', cachedInput: '0.02', cacheWrite5m: '0.25', output: '0.75' })],
          },
          EVERY_TIER,
        ),
        asOf: CHECKED,
        source: 'truefoundry [TF-luna]; LiteLLM discussion 42523 [LLd42523]; PromptFuel v1.0.21 [PF21] (all 3p)',
      },
    ],
  },
  'gpt-6-astra': {
    provider: 'openai',
    tokenizer: APPROXIMATE,
    ...WINDOW_1050K,
    prices: [
      {
        // Opened to Trusted Access customers first on this day.
        effectiveFrom: '2026-09-03',
        pricing: withTiers(
          {
            input: '10.00', cachedInput: '1.00', cacheWrite5m: '12.50', output: '50.00',
            longContext: [above(LONG_CONTEXT, { input: '20.00', cachedInput: '2.00', cacheWrite5m: '25.00', output: '75.00' })],
          },
          EVERY_TIER,
        ),
        asOf: CHECKED,
        source: 'genai-prices PR 680 [GP680]; LiteLLM discussion 39633 [LLd39633]; truefoundry [TF-astra] (all 3p)',
      },
    ],
  },

  // ── GPT-5.6 ─────────────────────────────────────────────────────────────────────────────────
  // Max input: 922,000 [TF-56] against LiteLLM's 1,050,000 [LL]; 922,000 is the window less the
  // 128,000 output, as on every GPT-6 page, so it is kept.
  'gpt-5.6-sol': {
    provider: 'openai',
    tokenizer: APPROXIMATE,
    ...WINDOW_1050K,
    aliases: ['gpt-5.6', 'gpt-5.6-sol-2026-07-09'],
    prices: [
      {
        effectiveFrom: '2026-07-09',
        pricing: withTiers(
          {
            input: '5.00', cachedInput: '0.50', cacheWrite5m: '6.25', output: '30.00',
            longContext: [above(LONG_CONTEXT, { input: '10.00', cachedInput: '1.00', cacheWrite5m: '12.50', output: '45.00' })],
          },
          EVERY_TIER,
        ),
        asOf: CHECKED,
        source: 'LiteLLM 2026-07-24 [LL]; genai-prices [GP-oa]; list price again from 2026-12-01 per [LZ-restore] (3p)',
      },
      {
        // OpenAI's page said the promotion runs "at least through November 21, 2026"; only the LaoZhang
        // gateway [LZ-restore] (3p) gives its end, 2026-11-30, taken here. A models.dev draft with
        // 2 / 0.20 / 10 was withdrawn in its own PR [MD5375] and is ignored.
        effectiveFrom: '2026-08-21',
        effectiveUntil: '2026-11-30',
        kind: 'promotion',
        pricing: withTiers(
          {
            input: '4.00', cachedInput: '0.40', cacheWrite5m: '5.00', output: '20.00',
            longContext: [above(LONG_CONTEXT, { input: '8.00', cachedInput: '0.80', cacheWrite5m: '10.00', output: '30.00' })],
          },
          EVERY_TIER,
        ),
        asOf: CHECKED,
        source: 'gpt-5.6-sol model page quoted in [ragflow-quote] (off text); models.dev PR 5375 [MD5375]; Portkey PR 899 [PK899]; end [LZ-restore] (3p)',
      },
    ],
  },
  'gpt-5.6-terra': {
    provider: 'openai',
    tokenizer: APPROXIMATE,
    ...WINDOW_1050K,
    prices: [
      {
        effectiveFrom: '2026-07-09',
        pricing: withTiers(
          {
            input: '2.50', cachedInput: '0.25', cacheWrite5m: '3.125', output: '15.00',
            longContext: [above(LONG_CONTEXT, { input: '5.00', cachedInput: '0.50', cacheWrite5m: '6.25', output: '22.50' })],
          },
          EVERY_TIER,
        ),
        asOf: CHECKED,
        source: 'launch prices: LiteLLM 2026-07-24 [LL]; genai-prices [GP-oa]',
      },
      {
        effectiveFrom: '2026-07-30',
        pricing: withTiers(
          {
            input: '2.00', cachedInput: '0.20', cacheWrite5m: '2.50', output: '12.00',
            longContext: [above(LONG_CONTEXT, { input: '4.00', cachedInput: '0.40', cacheWrite5m: '5.00', output: '18.00' })],
          },
          EVERY_TIER,
        ),
        asOf: CHECKED,
        source: 'genai-prices [GP-oa]; models.dev PR 5375 [MD5375]; LaoZhang [LZ-56] (3p)',
      },
    ],
  },
  'gpt-5.6-luna': {
    provider: 'openai',
    tokenizer: APPROXIMATE,
    ...WINDOW_1050K,
    prices: [
      {
        effectiveFrom: '2026-07-09',
        pricing: withTiers(
          {
            input: '1.00', cachedInput: '0.10', cacheWrite5m: '1.25', output: '6.00',
            longContext: [above(LONG_CONTEXT, { input: '2.00', cachedInput: '0.20', cacheWrite5m: '2.50', output: '9.00' })],
          },
          EVERY_TIER,
        ),
        asOf: CHECKED,
        source: 'launch prices: LiteLLM 2026-07-24 [LL]; genai-prices [GP-oa]',
      },
      {
        effectiveFrom: '2026-07-30',
        pricing: withTiers(
          {
            input: '0.20', cachedInput: '0.02', cacheWrite5m: '0.25', output: '1.20',
            longContext: [above(LONG_CONTEXT, { input: '0.40', cachedInput: '0.04', cacheWrite5m: '0.50', output: '1.80' })],
          },
          EVERY_TIER,
        ),
        asOf: CHECKED,
        source: 'genai-prices [GP-oa]; models.dev PR 5375 [MD5375]; LaoZhang [LZ-56] (3p)',
      },
    ],
  },

  // ── GPT-5.5, GPT-5.4 ────────────────────────────────────────────────────────────────────────
  'gpt-5.5': {
    provider: 'openai',
    tokenizer: O200K,
    // Window: 1,050,000 [LL] against 1,000,000 [GP-oa]; LiteLLM's figure matches GPT-5.4 and 5.6,
    // the other reads as a rounded "1M", so 1,050,000 is kept.
    ...WINDOW_1050K_FLAT,
    aliases: ['gpt-5.5-2026-04-23'],
    prices: [
      {
        effectiveFrom: '2026-04-23',
        pricing: withTiers(
          {
            input: '5.00', cachedInput: '0.50', output: '30.00',
            longContext: [above(LONG_CONTEXT, { input: '10.00', cachedInput: '1.00', output: '45.00' })],
          },
          EVERY_TIER,
        ),
        asOf: CHECKED,
        source: LL,
      },
    ],
  },
  'gpt-5.5-pro': {
    provider: 'openai',
    tokenizer: O200K,
    ...WINDOW_1050K_FLAT,
    aliases: ['gpt-5.5-pro-2026-04-23'],
    prices: [
      {
        effectiveFrom: '2026-04-23',
        // LiteLLM gives Batch and Flex for the Pro models, no Priority.
        pricing: withTiers(
          {
            input: '30.00', cachedInput: '3.00', output: '180.00',
            longContext: [above(LONG_CONTEXT, { input: '60.00', cachedInput: '6.00', output: '270.00' })],
          },
          { batch: true, flex: true },
        ),
        asOf: CHECKED,
        source: LL,
      },
    ],
  },
  'gpt-5.4-pro': {
    provider: 'openai',
    tokenizer: O200K,
    ...WINDOW_1050K_FLAT,
    aliases: ['gpt-5.4-pro-2026-03-05'],
    prices: [
      {
        effectiveFrom: '2026-03-05',
        pricing: withTiers(
          {
            input: '30.00', cachedInput: '3.00', output: '180.00',
            longContext: [above(LONG_CONTEXT, { input: '60.00', cachedInput: '6.00', output: '270.00' })],
          },
          { batch: true, flex: true },
        ),
        asOf: CHECKED,
        source: LL,
      },
    ],
  },
  'gpt-5.4': {
    provider: 'openai',
    tokenizer: O200K,
    ...WINDOW_1050K_FLAT,
    aliases: ['gpt-5.4-2026-03-05'],
    prices: [
      {
        effectiveFrom: '2026-03-05',
        // Flex cache read: LiteLLM says 0.13, a rounding of half the 0.25 read; the Flex multiplier
        // (0.5×) gives 0.125, which is used.
        pricing: withTiers(
          {
            input: '2.50', cachedInput: '0.25', output: '15.00',
            longContext: [above(LONG_CONTEXT, { input: '5.00', cachedInput: '0.50', output: '22.50' })],
          },
          EVERY_TIER,
        ),
        asOf: CHECKED,
        source: `${LL}; genai-prices [GP-oa]`,
      },
    ],
  },
  // Window of the mini and nano: 400,000 [GP-oa] against 1,050,000 [LL]. Neither source is OpenAI's;
  // 400,000 is kept because no source has a >272K long-context price for them, which every
  // 1,050,000-token OpenAI model has. Only one window is given, so max input equals it.
  'gpt-5.4-mini': {
    provider: 'openai',
    tokenizer: O200K,
    contextWindow: 400_000,
    maxInputTokens: 400_000,
    maxOutputTokens: 128_000,
    aliases: ['gpt-5.4-mini-2026-03-17'],
    prices: [
      {
        effectiveFrom: '2026-03-17',
        pricing: withTiers({ input: '0.75', cachedInput: '0.075', output: '4.50' }, EVERY_TIER),
        asOf: CHECKED,
        source: LL,
      },
    ],
  },
  'gpt-5.4-nano': {
    provider: 'openai',
    tokenizer: O200K,
    contextWindow: 400_000,
    maxInputTokens: 400_000,
    maxOutputTokens: 128_000,
    aliases: ['gpt-5.4-nano-2026-03-17'],
    shutdownOn: '2027-04-01',
    lifecycleSource: SHUTDOWN_2027_04_01,
    prices: [
      {
        effectiveFrom: '2026-03-17',
        // LiteLLM gives Batch and Flex, no Priority.
        pricing: withTiers({ input: '0.20', cachedInput: '0.02', output: '1.25' }, { batch: true, flex: true }),
        asOf: CHECKED,
        source: LL,
      },
    ],
  },

  // ── GPT-5.3 and earlier GPT-5.x ─────────────────────────────────────────────────────────────
  // No batch price was found for gpt-5.1, 5.2, 5.2-pro or 5.3-codex (the facts doc says "?" and
  // LiteLLM has none); Priority is LiteLLM's, at 2×.
  'gpt-5.3-codex': {
    provider: 'openai',
    tokenizer: O200K,
    ...WINDOW_400K,
    shutdownOn: '2027-04-01',
    lifecycleSource: SHUTDOWN_2027_04_01,
    prices: [
      {
        // Launch date not in the stored sources.
        pricing: withTiers({ input: '1.75', cachedInput: '0.175', output: '14.00' }, { priority: true }),
        asOf: LITELLM_DAY,
        source: LL,
      },
    ],
  },
  'gpt-5.2': {
    provider: 'openai',
    tokenizer: O200K,
    ...WINDOW_400K,
    aliases: ['gpt-5.2-2025-12-11'],
    prices: [
      {
        effectiveFrom: '2025-12-11',
        pricing: withTiers({ input: '1.75', cachedInput: '0.175', output: '14.00' }, { priority: true }),
        asOf: CHECKED,
        source: LL,
      },
    ],
  },
  'gpt-5.2-pro': {
    provider: 'openai',
    tokenizer: O200K,
    ...WINDOW_400K,
    aliases: ['gpt-5.2-pro-2025-12-11'],
    prices: [
      {
        // Launch date not in the stored sources; LiteLLM gives no cache, batch or priority price.
        pricing: { standard: { input: '21.00', output: '168.00' } },
        asOf: LITELLM_DAY,
        source: LL,
      },
    ],
  },
  'gpt-5.1': {
    provider: 'openai',
    tokenizer: O200K,
    ...WINDOW_400K,
    aliases: ['gpt-5.1-2025-11-13'],
    shutdownOn: '2027-04-01',
    lifecycleSource: SHUTDOWN_2027_04_01,
    prices: [
      {
        effectiveFrom: '2025-11-13',
        pricing: withTiers({ input: '1.25', cachedInput: '0.125', output: '10.00' }, { priority: true }),
        asOf: CHECKED,
        source: LL,
      },
    ],
  },

  // ── GPT-5 (shut down 2026-12-11) ────────────────────────────────────────────────────────────
  'gpt-5': {
    provider: 'openai',
    tokenizer: O200K,
    ...WINDOW_400K,
    aliases: ['gpt-5-2025-08-07'],
    deprecatedOn: '2026-06-11',
    shutdownOn: '2026-12-11',
    lifecycleSource: SHUTDOWN_2026_12_11,
    prices: [
      {
        pricing: {
          standard: { input: '1.25', cachedInput: '0.125', output: '10.00' },
          batch: { input: '0.625', output: '5.00' },
          flex: { input: '0.625', cachedInput: '0.0625', output: '5.00' },
          priority: { input: '2.50', cachedInput: '0.25', output: '20.00' },
        },
        asOf: LITELLM_DAY,
        source: OPENAI_2025,
      },
    ],
  },
  'gpt-5-mini': {
    provider: 'openai',
    tokenizer: O200K,
    ...WINDOW_400K,
    aliases: ['gpt-5-mini-2025-08-07'],
    deprecatedOn: '2026-06-11',
    shutdownOn: '2026-12-11',
    lifecycleSource: SHUTDOWN_2026_12_11,
    prices: [
      {
        pricing: {
          standard: { input: '0.25', cachedInput: '0.025', output: '2.00' },
          batch: { input: '0.125', output: '1.00' },
          flex: { input: '0.125', cachedInput: '0.0125', output: '1.00' },
          priority: { input: '0.45', cachedInput: '0.045', output: '3.60' },
        },
        asOf: LITELLM_DAY,
        source: OPENAI_2025,
      },
    ],
  },
  'gpt-5-nano': {
    provider: 'openai',
    tokenizer: O200K,
    ...WINDOW_400K,
    aliases: ['gpt-5-nano-2025-08-07'],
    deprecatedOn: '2026-06-11',
    shutdownOn: '2026-12-11',
    lifecycleSource: SHUTDOWN_2026_12_11,
    prices: [
      {
        // No priority row: LiteLLM's (input $2.50, no output price) is a known error.
        pricing: {
          standard: { input: '0.05', cachedInput: '0.005', output: '0.40' },
          batch: { input: '0.025', output: '0.20' },
          flex: { input: '0.025', cachedInput: '0.0025', output: '0.20' },
        },
        asOf: LITELLM_DAY,
        source: OPENAI_2025,
      },
    ],
  },
  'gpt-5-pro': {
    provider: 'openai',
    tokenizer: O200K,
    // LiteLLM gives 400,000 max input (not gpt-5's 272,000) and 128,000 out; no window, so it is the window.
    contextWindow: 400_000,
    maxInputTokens: 400_000,
    maxOutputTokens: 128_000,
    aliases: ['gpt-5-pro-2025-10-06'],
    deprecatedOn: '2026-06-11',
    shutdownOn: '2026-12-11',
    lifecycleSource: SHUTDOWN_2026_12_11,
    prices: [
      {
        pricing: withTiers({ input: '15.00', output: '120.00' }, { batch: true }),
        asOf: LITELLM_DAY,
        source: LL,
      },
    ],
  },

  // ── o-series ────────────────────────────────────────────────────────────────────────────────
  o3: {
    provider: 'openai',
    tokenizer: O200K,
    ...WINDOW_200K,
    aliases: ['o3-2025-04-16'],
    deprecatedOn: '2026-06-11',
    shutdownOn: '2026-12-11',
    lifecycleSource: SHUTDOWN_2026_12_11,
    prices: [
      {
        pricing: {
          standard: { input: '2.00', cachedInput: '0.50', output: '8.00' },
          batch: { input: '1.00', output: '4.00' },
          flex: { input: '1.00', cachedInput: '0.25', output: '4.00' },
          priority: { input: '3.50', cachedInput: '0.875', output: '14.00' },
        },
        asOf: LITELLM_DAY,
        source: OPENAI_2025,
      },
    ],
  },
  'o3-pro': {
    provider: 'openai',
    tokenizer: O200K,
    ...WINDOW_200K,
    aliases: ['o3-pro-2025-06-10'],
    deprecatedOn: '2026-06-11',
    shutdownOn: '2026-12-11',
    lifecycleSource: SHUTDOWN_2026_12_11,
    prices: [
      {
        pricing: withTiers({ input: '20.00', output: '80.00' }, { batch: true }),
        asOf: LITELLM_DAY,
        source: LL,
      },
    ],
  },
  'o4-mini': {
    provider: 'openai',
    tokenizer: O200K,
    ...WINDOW_200K,
    aliases: ['o4-mini-2025-04-16'],
    shutdownOn: '2026-10-23',
    lifecycleSource: SHUTDOWN_2026_10_23,
    prices: [
      {
        pricing: {
          standard: { input: '1.10', cachedInput: '0.275', output: '4.40' },
          batch: { input: '0.55', output: '2.20' },
          flex: { input: '0.55', cachedInput: '0.1375', output: '2.20' },
          priority: { input: '2.00', cachedInput: '0.50', output: '8.00' },
        },
        asOf: LITELLM_DAY,
        source: OPENAI_2025,
      },
    ],
  },
  'o3-mini': {
    provider: 'openai',
    tokenizer: O200K,
    ...WINDOW_200K,
    aliases: ['o3-mini-2025-01-31'],
    shutdownOn: '2026-10-23',
    lifecycleSource: SHUTDOWN_2026_10_23,
    prices: [
      {
        // LiteLLM gives no batch price.
        pricing: { standard: { input: '1.10', cachedInput: '0.55', output: '4.40' } },
        asOf: LITELLM_DAY,
        source: LL,
      },
    ],
  },
  o1: {
    provider: 'openai',
    tokenizer: O200K,
    ...WINDOW_200K,
    aliases: ['o1-2024-12-17'],
    shutdownOn: '2026-10-23',
    lifecycleSource: SHUTDOWN_2026_10_23,
    prices: [
      {
        pricing: {
          standard: { input: '15.00', cachedInput: '7.50', output: '60.00' },
          batch: { input: '7.50', output: '30.00' },
        },
        asOf: LITELLM_DAY,
        source: OPENAI_2025,
      },
    ],
  },
  'o1-pro': {
    provider: 'openai',
    tokenizer: O200K,
    ...WINDOW_200K,
    aliases: ['o1-pro-2025-03-19'],
    shutdownOn: '2026-10-23',
    lifecycleSource: SHUTDOWN_2026_10_23,
    prices: [
      {
        pricing: withTiers({ input: '150.00', output: '600.00' }, { batch: true }),
        asOf: LITELLM_DAY,
        source: LL,
      },
    ],
  },

  // ── GPT-4.1, GPT-4o ─────────────────────────────────────────────────────────────────────────
  'gpt-4.1': {
    provider: 'openai',
    tokenizer: O200K,
    contextWindow: 1_047_576,
    maxInputTokens: 1_047_576,
    maxOutputTokens: 32_768,
    aliases: ['gpt-4.1-2025-04-14'],
    shutdownOn: '2027-01-14',
    lifecycleSource: SHUTDOWN_2027_01_14,
    prices: [
      {
        pricing: {
          standard: { input: '2.00', cachedInput: '0.50', output: '8.00' },
          batch: { input: '1.00', output: '4.00' },
          priority: { input: '3.50', cachedInput: '0.875', output: '14.00' },
        },
        asOf: LITELLM_DAY,
        source: OPENAI_2025,
      },
    ],
  },
  'gpt-4.1-mini': {
    provider: 'openai',
    tokenizer: O200K,
    contextWindow: 1_047_576,
    maxInputTokens: 1_047_576,
    maxOutputTokens: 32_768,
    aliases: ['gpt-4.1-mini-2025-04-14'],
    shutdownOn: '2027-01-14',
    lifecycleSource: SHUTDOWN_2027_01_14,
    prices: [
      {
        pricing: {
          standard: { input: '0.40', cachedInput: '0.10', output: '1.60' },
          batch: { input: '0.20', output: '0.80' },
          priority: { input: '0.70', cachedInput: '0.175', output: '2.80' },
        },
        asOf: LITELLM_DAY,
        source: OPENAI_2025,
      },
    ],
  },
  'gpt-4.1-nano': {
    provider: 'openai',
    tokenizer: O200K,
    contextWindow: 1_047_576,
    maxInputTokens: 1_047_576,
    maxOutputTokens: 32_768,
    aliases: ['gpt-4.1-nano-2025-04-14'],
    shutdownOn: '2026-10-23',
    lifecycleSource: SHUTDOWN_2026_10_23,
    prices: [
      {
        pricing: {
          standard: { input: '0.10', cachedInput: '0.025', output: '0.40' },
          batch: { input: '0.05', output: '0.20' },
          priority: { input: '0.20', cachedInput: '0.05', output: '0.80' },
        },
        asOf: LITELLM_DAY,
        source: OPENAI_2025,
      },
    ],
  },
  'gpt-4o': {
    provider: 'openai',
    tokenizer: O200K,
    contextWindow: 128_000,
    maxInputTokens: 128_000,
    maxOutputTokens: 16_384,
    aliases: ['gpt-4o-2024-08-06', 'gpt-4o-2024-11-20'],
    shutdownOn: '2027-01-14',
    lifecycleSource: SHUTDOWN_2027_01_14,
    prices: [
      {
        pricing: {
          standard: { input: '2.50', cachedInput: '1.25', output: '10.00' },
          batch: { input: '1.25', output: '5.00' },
          priority: { input: '4.25', cachedInput: '2.125', output: '17.00' },
        },
        asOf: LITELLM_DAY,
        source: OPENAI_2025,
      },
    ],
  },
  'gpt-4o-2024-05-13': {
    provider: 'openai',
    tokenizer: O200K,
    contextWindow: 128_000,
    maxInputTokens: 128_000,
    maxOutputTokens: 4_096,
    shutdownOn: '2026-10-23',
    lifecycleSource: SHUTDOWN_2026_10_23,
    prices: [
      {
        pricing: {
          standard: { input: '5.00', output: '15.00' },
          batch: { input: '2.50', output: '7.50' },
          priority: { input: '8.75', output: '26.25' },
        },
        asOf: LITELLM_DAY,
        source: OPENAI_2025,
      },
    ],
  },
  'gpt-4o-mini': {
    provider: 'openai',
    tokenizer: O200K,
    contextWindow: 128_000,
    maxInputTokens: 128_000,
    maxOutputTokens: 16_384,
    aliases: ['gpt-4o-mini-2024-07-18'],
    shutdownOn: '2027-01-14',
    lifecycleSource: SHUTDOWN_2027_01_14,
    prices: [
      {
        pricing: {
          standard: { input: '0.15', cachedInput: '0.075', output: '0.60' },
          batch: { input: '0.075', output: '0.30' },
          priority: { input: '0.25', cachedInput: '0.125', output: '1.00' },
        },
        asOf: LITELLM_DAY,
        source: OPENAI_2025,
      },
    ],
  },

  // ── GPT-4 Turbo, GPT-4, GPT-3.5 Turbo (shut down 2026-10-23) ────────────────────────────────
  'gpt-4-turbo': {
    provider: 'openai',
    tokenizer: CL100K,
    contextWindow: 128_000,
    maxInputTokens: 128_000,
    maxOutputTokens: 4_096,
    // gpt-4-1106-preview bills the same and shares the 2026-10-23 shutdown [IS]; LiteLLM dates it
    // 2026-03-26, a third-party date against a third-party date, and the newer reading is kept.
    aliases: ['gpt-4-turbo-2024-04-09', 'gpt-4-1106-preview'],
    shutdownOn: '2026-10-23',
    lifecycleSource: SHUTDOWN_2026_10_23,
    prices: [
      {
        // LiteLLM gives no batch price.
        pricing: { standard: { input: '10.00', output: '30.00' } },
        asOf: LITELLM_DAY,
        source: LL,
      },
    ],
  },
  'gpt-4': {
    provider: 'openai',
    tokenizer: CL100K,
    contextWindow: 8_192,
    maxInputTokens: 8_192,
    // OpenAI's model page: 8,192 (LiteLLM says 4,096).
    maxOutputTokens: 8_192,
    aliases: ['gpt-4-0613'],
    deprecatedOn: '2026-04-22',
    shutdownOn: '2026-10-23',
    lifecycleSource: SHUTDOWN_2026_10_23_ANNOUNCED,
    prices: [
      {
        pricing: {
          standard: { input: '30.00', output: '60.00' },
          batch: { input: '15.00', output: '30.00' },
        },
        asOf: LITELLM_DAY,
        source: OPENAI_2025,
      },
    ],
  },
  'gpt-3.5-turbo': {
    provider: 'openai',
    tokenizer: CL100K,
    contextWindow: 16_385,
    maxInputTokens: 16_385,
    maxOutputTokens: 4_096,
    aliases: ['gpt-3.5-turbo-0125'],
    deprecatedOn: '2026-04-22',
    shutdownOn: '2026-10-23',
    lifecycleSource: SHUTDOWN_2026_10_23_ANNOUNCED,
    prices: [
      {
        pricing: {
          standard: { input: '0.50', output: '1.50' },
          batch: { input: '0.25', output: '0.75' },
        },
        asOf: LITELLM_DAY,
        source: OPENAI_2025,
      },
    ],
  },
});
