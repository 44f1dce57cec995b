import type { ModelSpec, Pricing, TierRates } from '../types.js';
import { above, APPROXIMATE, CHECKED, halfOfEvery, LITELLM_DAY } from './rates.js';

/**
 * Anthropic's Claude models, USD per 1M tokens. Source keys ([AN-price], [GP-an], [LL] …) are those
 * of shared/docs/pricing-facts-2026.md; (off) marks Anthropic's own pages, (3p) third parties.
 *
 * - Rates: `cacheWrite5m` and `cacheWrite1h` are the 5-minute and 1-hour cache writes, `cachedInput`
 *   the cache read.
 * - Batch halves every price, cache reads and writes included ("Batch 50% off" on every model page;
 *   the discounts stack). LiteLLM has no Anthropic batch fields.
 * - A long-context or prompt-size step counts the whole prompt: input, cache reads and cache writes.
 * - Not modelled: `inference_geo: "us"` (1.1× on every price, Opus 4.6 and later) [AN-res]; Fast mode
 *   on Opus 5.5 ($8 / $40) [MD-o55][apifox]; the 300K max output of Message Batches (beta) [AN-o5].
 * - Windows: the 1M-token models list no separate input limit, so max input equals the window.
 */

type Spec = ModelSpec<string>;

const CLAUDE = { provider: 'anthropic', tokenizer: APPROXIMATE } as const;
const window1m = (maxOutputTokens: number) => ({ contextWindow: 1_000_000, maxInputTokens: 1_000_000, maxOutputTokens }) as const;
const window200k = (maxOutputTokens: number) => ({ contextWindow: 200_000, maxInputTokens: 200_000, maxOutputTokens }) as const;

/** Standard prices and the Batch API's half of every one of them. */
function withBatch(standard: TierRates<string>): Pricing<string> {
  return { standard, batch: halfOfEvery(standard) };
}

/** The 2025 rows kept from the catalog of 2026-07-24 (Anthropic's pricing page, Nov 2025). */
const ANTHROPIC_2025 = 'https://www.anthropic.com/pricing (Nov 2025); batch 50% per Anthropic; checked against LiteLLM 2026-07-24';

// Shared price rows of models billed alike.
const FABLE_5_1: TierRates<string> = { input: '10.00', cacheWrite5m: '12.50', cacheWrite1h: '20.00', cachedInput: '0.25', output: '50.00' };
const FABLE_5: TierRates<string> = { input: '10.00', cacheWrite5m: '12.50', cacheWrite1h: '20.00', cachedInput: '1.00', output: '50.00' };
const OPUS_4_5_TO_5: TierRates<string> = { input: '5.00', cacheWrite5m: '6.25', cacheWrite1h: '10.00', cachedInput: '0.50', output: '25.00' };
const SONNET_3_7_TO_4_6: TierRates<string> = { input: '3.00', cacheWrite5m: '3.75', cacheWrite1h: '6.00', cachedInput: '0.30', output: '15.00' };
/** Sonnet 4, 4.5 and 4.6 (and Opus 4.6 at its own prices) above 200K: 2× input and cache, 1.5× output. */
const SONNET_ABOVE_200K = above(200_000, { input: '6.00', cacheWrite5m: '7.50', cacheWrite1h: '12.00', cachedInput: '0.60', output: '22.50' });
const OPUS_4_1: TierRates<string> = { input: '15.00', cacheWrite5m: '18.75', cacheWrite1h: '30.00', cachedInput: '1.50', output: '75.00' };

/** 2026-03-13: Anthropic dropped the >200K surcharge of Opus 4.6 and Sonnet 4.6 (1M context GA). */
const FLAT_SINCE = '2026-03-13';

/** Built when the registry first needs it: its batch rates are computed, which is work no import should do. */
export const anthropicModels = (): Readonly<Record<string, Spec>> => ({
  // ── Fable and Mythos ────────────────────────────────────────────────────────────────────────
  'claude-fable-5-2': {
    ...CLAUDE,
    ...window1m(128_000),
    prices: [
      {
        effectiveFrom: '2026-11-09',
        // The write rates (10 / 16) come from one tracker only [rightsize] (3p).
        pricing: withBatch({ input: '8.00', cacheWrite5m: '10.00', cacheWrite1h: '16.00', cachedInput: '0.20', output: '40.00' }),
        asOf: CHECKED,
        source: 'claude-usage v1.5.7 [phuryn] (read platform.claude.com 2026-12-01); rightsize v0.10.2 [rightsize]; [LZ-f52]; [HB] (3p)',
      },
    ],
  },
  'claude-mythos-5-2': {
    ...CLAUDE,
    ...window1m(128_000),
    prices: [
      {
        // Invitation only. Release date and cache-write rates not found in any stored source; writes
        // therefore bill at the input price.
        pricing: withBatch({ input: '8.00', cachedInput: '0.20', output: '40.00' }),
        asOf: CHECKED,
        source: 'claude-usage v1.5.7 [phuryn]; Modelpin v0.5.7 [modelpin] (3p)',
      },
    ],
  },
  'claude-fable-5-1': {
    ...CLAUDE,
    ...window1m(128_000),
    prices: [{ effectiveFrom: '2026-09-01', pricing: withBatch(FABLE_5_1), asOf: CHECKED, source: 'Anthropic pricing page [AN-price] (off); claudit [kurofune]' }],
  },
  'claude-mythos-5-1': {
    ...CLAUDE,
    ...window1m(128_000),
    // Limited availability; billed as Fable 5.1.
    prices: [{ effectiveFrom: '2026-09-01', pricing: withBatch(FABLE_5_1), asOf: CHECKED, source: 'Anthropic pricing page [AN-price] (off); claudit [kurofune]' }],
  },
  'claude-fable-5': {
    ...CLAUDE,
    ...window1m(128_000),
    prices: [{ effectiveFrom: '2026-06-09', pricing: withBatch(FABLE_5), asOf: CHECKED, source: 'Anthropic pricing page [AN-price] and Fable 5 overview [AN-f5] (off); LiteLLM 2026-07-24 [LL]' }],
  },
  'claude-mythos-5': {
    ...CLAUDE,
    ...window1m(128_000),
    // Limited availability; billed as Fable 5.
    prices: [{ effectiveFrom: '2026-06-09', pricing: withBatch(FABLE_5), asOf: CHECKED, source: 'Anthropic pricing page [AN-price] (off)' }],
  },

  // ── Opus ────────────────────────────────────────────────────────────────────────────────────
  'claude-opus-5-5': {
    ...CLAUDE,
    ...window1m(128_000),
    prices: [
      {
        effectiveFrom: '2026-09-22',
        pricing: withBatch({ input: '4.00', cacheWrite5m: '5.00', cacheWrite1h: '8.00', cachedInput: '0.20', output: '20.00' }),
        asOf: CHECKED,
        source: 'Opus 5.5 overview [AN-o55] (off); claudit [kurofune]; PromptFuel v1.0.21 [PF21]',
      },
    ],
  },
  'claude-opus-5': {
    ...CLAUDE,
    ...window1m(128_000),
    // Legacy; Anthropic says retirement comes no sooner than 2027-07-24, a bound rather than a date,
    // so no shutdown is set.
    prices: [{ effectiveFrom: '2026-07-24', pricing: withBatch(OPUS_4_5_TO_5), asOf: CHECKED, source: "What's new in Opus 5 [AN-o5] (off); LiteLLM 2026-07-24 [LL]" }],
  },
  'claude-opus-4-8': {
    ...CLAUDE,
    ...window1m(128_000),
    // Release date not found in any stored source.
    prices: [{ pricing: withBatch(OPUS_4_5_TO_5), asOf: CHECKED, source: 'Anthropic pricing page [AN-price] (off); LiteLLM 2026-07-24 [LL]' }],
  },
  'claude-opus-4-7': {
    ...CLAUDE,
    ...window1m(128_000),
    aliases: ['claude-opus-4-7-20260416'],
    // Release date not in the stored sources (a snapshot date is not always the release day).
    prices: [{ pricing: withBatch(OPUS_4_5_TO_5), asOf: CHECKED, source: 'Anthropic pricing page [AN-price] (off); LiteLLM 2026-07-24 [LL]' }],
  },
  'claude-opus-4-6': {
    ...CLAUDE,
    ...window1m(128_000),
    aliases: ['claude-opus-4-6-20260205'],
    prices: [
      {
        // Until 2026-03-12 a prompt over 200K billed the whole request at 2× input and cache, 1.5× output.
        pricing: withBatch({
          ...OPUS_4_5_TO_5,
          longContext: [above(200_000, { input: '10.00', cacheWrite5m: '12.50', cacheWrite1h: '20.00', cachedInput: '1.00', output: '37.50' })],
        }),
        asOf: CHECKED,
        source: 'genai-prices anthropic.yml @47df840 [GP-an]',
      },
      { effectiveFrom: FLAT_SINCE, pricing: withBatch(OPUS_4_5_TO_5), asOf: CHECKED, source: 'Anthropic pricing page [AN-price] (off); [GP-an]; LiteLLM 2026-07-24 [LL]' },
    ],
  },
  'claude-opus-4-5': {
    ...CLAUDE,
    ...window200k(64_000),
    aliases: ['claude-opus-4-5-20251101'],
    // The retirement date 2027-01-22 is marked tentative; it is recorded as the shutdown.
    deprecatedOn: '2026-11-23',
    shutdownOn: '2027-01-22',
    lifecycleSource: 'Modelpin v0.5.7 [modelpin] (3p, read the Anthropic deprecations page 2026-11-26; retirement tentative)',
    prices: [{ pricing: withBatch(OPUS_4_5_TO_5), asOf: CHECKED, source: 'Anthropic pricing page (Nov 2025) via pricing-facts.md; [modelpin]' }],
  },
  'claude-opus-4-1': {
    ...CLAUDE,
    ...window200k(32_000),
    aliases: ['claude-opus-4-1-20250805'],
    // Still served on Bedrock and Google Cloud [AN-price]; the Claude API shut it down.
    deprecatedOn: '2026-06-05',
    shutdownOn: '2026-08-05',
    lifecycleSource: 'ai-provider-watch [APW-o41]; LiteLLM deprecation_date [LL] (3p)',
    prices: [{ pricing: withBatch(OPUS_4_1), asOf: LITELLM_DAY, source: ANTHROPIC_2025 }],
  },
  'claude-opus-4': {
    ...CLAUDE,
    ...window200k(32_000),
    aliases: ['claude-opus-4-20250514', 'claude-opus-4-0', 'claude-4-opus-20250514'],
    // Anthropic's release notes [APW-s4] give 2026-06-15; LiteLLM says 2026-05-14. Anthropic's date is kept.
    shutdownOn: '2026-06-15',
    lifecycleSource: "Anthropic release notes as recorded by ai-provider-watch [APW-s4]",
    prices: [{ pricing: withBatch(OPUS_4_1), asOf: LITELLM_DAY, source: ANTHROPIC_2025 }],
  },

  // ── Sonnet ──────────────────────────────────────────────────────────────────────────────────
  'claude-sonnet-5-5': {
    ...CLAUDE,
    ...window1m(128_000),
    prices: [
      {
        effectiveFrom: '2026-09-28',
        pricing: withBatch({ input: '2.00', cacheWrite5m: '2.50', cacheWrite1h: '4.00', cachedInput: '0.20', output: '10.00' }),
        asOf: CHECKED,
        source: 'Sonnet 5.5 overview [AN-s55] (off); models.dev [MD-s55]; claudit [kurofune]; [runware]',
      },
      {
        // Anthropic's page shows the $0.10 read without a date; the day comes from trackers only.
        effectiveFrom: '2026-10-07',
        pricing: withBatch({ input: '2.00', cacheWrite5m: '2.50', cacheWrite1h: '4.00', cachedInput: '0.10', output: '10.00' }),
        asOf: CHECKED,
        source: 'Sonnet 5.5 overview [AN-s55] (off); cut date per claudit [kurofune] and [MD-s55] (3p)',
      },
    ],
  },
  'claude-sonnet-5': {
    ...CLAUDE,
    ...window1m(128_000),
    // Launched as "introductory" prices and made standard (announcement updated 2026-08-10); the
    // announced 2026-09-01 rise to 3 / 15 was cancelled, so one row.
    prices: [
      {
        effectiveFrom: '2026-06-30',
        pricing: withBatch({ input: '2.00', cacheWrite5m: '2.50', cacheWrite1h: '4.00', cachedInput: '0.20', output: '10.00' }),
        asOf: CHECKED,
        source: 'Sonnet 5 overview [AN-s5] (off); splitrail PR 235 [splitrail235]; claudit [kurofune]',
      },
    ],
  },
  'claude-sonnet-4-6': {
    ...CLAUDE,
    ...window1m(64_000),
    prices: [
      // Release date not in the stored sources.
      { pricing: withBatch({ ...SONNET_3_7_TO_4_6, longContext: [SONNET_ABOVE_200K] }), asOf: CHECKED, source: 'genai-prices anthropic.yml @47df840 [GP-an]' },
      { effectiveFrom: FLAT_SINCE, pricing: withBatch(SONNET_3_7_TO_4_6), asOf: CHECKED, source: 'LiteLLM 2026-07-24 [LL]; genai-prices [GP-an]' },
    ],
  },
  'claude-sonnet-4-5': {
    ...CLAUDE,
    // 1M tokens as a beta, billed by the >200K step; the generally available window is 200K.
    ...window200k(64_000),
    aliases: ['claude-sonnet-4-5-20250929'],
    // Lifecycle: not found in any stored source.
    prices: [
      {
        effectiveFrom: '2025-09-29',
        pricing: withBatch({ ...SONNET_3_7_TO_4_6, longContext: [SONNET_ABOVE_200K] }),
        asOf: CHECKED,
        source: 'LiteLLM 2026-07-24 [LL]; genai-prices [GP-an]; Anthropic pricing page (Nov 2025) via pricing-facts.md',
      },
    ],
  },
  'claude-sonnet-4': {
    ...CLAUDE,
    ...window200k(64_000),
    aliases: ['claude-sonnet-4-20250514', 'claude-sonnet-4-0', 'claude-4-sonnet-20250514'],
    // Anthropic's release notes [APW-s4] give 2026-06-15; LiteLLM says 2026-05-14. Anthropic's date is kept.
    shutdownOn: '2026-06-15',
    lifecycleSource: 'Anthropic release notes as recorded by ai-provider-watch [APW-s4]',
    prices: [{ pricing: withBatch({ ...SONNET_3_7_TO_4_6, longContext: [SONNET_ABOVE_200K] }), asOf: LITELLM_DAY, source: ANTHROPIC_2025 }],
  },
  'claude-3-7-sonnet': {
    ...CLAUDE,
    ...window200k(64_000),
    aliases: ['claude-3-7-sonnet-20250219', 'claude-3-7-sonnet-latest'],
    shutdownOn: '2026-02-19',
    lifecycleSource: 'LiteLLM deprecation_date [LL]; embabel docs [embabel] (3p only)',
    prices: [{ pricing: withBatch(SONNET_3_7_TO_4_6), asOf: LITELLM_DAY, source: ANTHROPIC_2025 }],
  },

  // ── Haiku ───────────────────────────────────────────────────────────────────────────────────
  'claude-haiku-5-5': {
    ...CLAUDE,
    ...window1m(128_000),
    prices: [
      {
        effectiveFrom: '2026-10-07',
        // A prompt over 100,000 tokens (input + cache reads + cache writes) bills the whole request,
        // output included, at the second set of prices.
        pricing: withBatch({
          input: '0.10', cacheWrite5m: '0.125', cacheWrite1h: '0.20', cachedInput: '0.01', output: '0.50',
          longContext: [above(100_000, { input: '0.50', cacheWrite5m: '0.625', cacheWrite1h: '1.00', cachedInput: '0.05', output: '2.50' })],
        }),
        asOf: CHECKED,
        source: 'Haiku 5.5 overview [AN-h55] (off); claudit [kurofune]; sim.ai [simai-h]',
      },
    ],
  },
  'claude-haiku-4-5': {
    ...CLAUDE,
    ...window200k(64_000),
    aliases: ['claude-haiku-4-5-20251001'],
    prices: [
      {
        effectiveFrom: '2025-10-15',
        pricing: withBatch({ input: '1.00', cacheWrite5m: '1.25', cacheWrite1h: '2.00', cachedInput: '0.10', output: '5.00' }),
        asOf: CHECKED,
        source: 'LiteLLM 2026-07-24 [LL]; genai-prices [GP-an]',
      },
    ],
  },
  'claude-3-5-haiku': {
    ...CLAUDE,
    ...window200k(8_192),
    aliases: ['claude-3-5-haiku-20241022', 'claude-3-5-haiku-latest'],
    // Lifecycle: no date in the facts docs, and LiteLLM no longer lists it for the Claude API.
    prices: [
      {
        pricing: withBatch({ input: '0.80', cacheWrite5m: '1.00', cacheWrite1h: '1.60', cachedInput: '0.08', output: '4.00' }),
        asOf: LITELLM_DAY,
        source: ANTHROPIC_2025,
      },
    ],
  },
  'claude-3-haiku': {
    ...CLAUDE,
    ...window200k(4_096),
    aliases: ['claude-3-haiku-20240307'],
    // Lifecycle: no date in the facts docs or LiteLLM.
    prices: [
      {
        // Anthropic lists the 5-minute write at 1.2× input here ($0.30), not 1.25×. LiteLLM's 1-hour
        // write ($6) is a known error; 2× input ($0.50) is Anthropic's figure.
        pricing: withBatch({ input: '0.25', cacheWrite5m: '0.30', cacheWrite1h: '0.50', cachedInput: '0.03', output: '1.25' }),
        asOf: LITELLM_DAY,
        source: ANTHROPIC_2025,
      },
    ],
  },
});
