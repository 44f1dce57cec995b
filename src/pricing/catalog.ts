import type { ModelSpec } from './types.js';

/**
 * tokmeter's built-in price catalog: USD per 1M tokens, written as decimal text so every price is
 * exact. Loaded (and checked against the sanity rules) on first use; `loadPrices` adds to it.
 *
 * Sources, as recorded in the facts gathered for tokmeter (shared/docs/pricing-facts.md):
 * - OpenAI: openai.com/api/pricing (Oct 2025), checked against LiteLLM's table of 2026-07-24. Priority
 *   and flex rows and the cached-input price of those tiers come from LiteLLM's `_priority` / `_flex`
 *   fields. Batch is 50% of input and output; the Batch API bills cached prompt tokens at its input
 *   price, so batch rows carry no cached price.
 * - Anthropic: anthropic.com/pricing (Nov 2025). Batch halves every price, cache reads and writes
 *   included (Anthropic's discounts stack). LiteLLM has no Anthropic batch fields.
 * - Google: ai.google.dev/gemini-api/docs/pricing via LiteLLM 2026-07-24. Batch halves input
 *   (audio too) and output; context-cache reads are not discounted further under batch, so batch
 *   rows carry no cached price.
 *
 * Limits: `contextWindow` is shared by prompt and output. Where a provider documents only one window,
 * `maxInputTokens` equals it. Claude Sonnet 4 and 4.5 also serve a 1M-token window as a beta; its
 * prices are the `longContext` rows, but the limits below are the generally available 200k.
 */

const OPENAI = 'https://openai.com/api/pricing (Oct 2025); LiteLLM model_prices_and_context_window.json 2026-07-24';
const ANTHROPIC = 'https://www.anthropic.com/pricing (Nov 2025); batch 50% per Anthropic; checked against LiteLLM 2026-07-24';
const GOOGLE = 'https://ai.google.dev/gemini-api/docs/pricing via LiteLLM model_prices_and_context_window.json 2026-07-24';
const AS_OF = '2026-07-24';

const O200K = { encoding: 'o200k_base', exact: true } as const;
const CL100K = { encoding: 'cl100k_base', exact: true } as const;
/** Anthropic and Google do not publish their tokenizers; o200k_base is the stand-in. */
const APPROXIMATE = { encoding: 'o200k_base', exact: false } as const;

const openai = { provider: 'openai', asOf: AS_OF, source: OPENAI } as const;
const anthropic = { provider: 'anthropic', tokenizer: APPROXIMATE, asOf: AS_OF, source: ANTHROPIC } as const;
const google = { provider: 'google', tokenizer: APPROXIMATE, asOf: AS_OF, source: GOOGLE } as const;

const claude200k = (maxOutputTokens: number) =>
  ({ contextWindow: 200_000, maxInputTokens: 200_000, maxOutputTokens }) as const;
const gemini1m = (maxOutputTokens: number) =>
  ({ contextWindow: 1_048_576, maxInputTokens: 1_048_576, maxOutputTokens }) as const;

export const BUILT_IN_CATALOG: Readonly<Record<string, ModelSpec<string>>> = {
  // ── OpenAI ──────────────────────────────────────────────────────────────────────────────────
  'gpt-4o': {
    ...openai,
    tokenizer: O200K,
    contextWindow: 128_000,
    maxInputTokens: 128_000,
    maxOutputTokens: 16_384,
    aliases: ['gpt-4o-2024-08-06', 'gpt-4o-2024-11-20'],
    pricing: {
      standard: { input: '2.50', cachedInput: '1.25', output: '10.00' },
      batch: { input: '1.25', output: '5.00' },
      priority: { input: '4.25', cachedInput: '2.125', output: '17.00' },
    },
  },
  'gpt-4o-2024-05-13': {
    ...openai,
    tokenizer: O200K,
    contextWindow: 128_000,
    maxInputTokens: 128_000,
    maxOutputTokens: 4_096,
    pricing: {
      standard: { input: '5.00', output: '15.00' },
      batch: { input: '2.50', output: '7.50' },
      priority: { input: '8.75', output: '26.25' },
    },
  },
  'gpt-4o-mini': {
    ...openai,
    tokenizer: O200K,
    contextWindow: 128_000,
    maxInputTokens: 128_000,
    maxOutputTokens: 16_384,
    aliases: ['gpt-4o-mini-2024-07-18'],
    pricing: {
      standard: { input: '0.15', cachedInput: '0.075', output: '0.60' },
      batch: { input: '0.075', output: '0.30' },
      priority: { input: '0.25', cachedInput: '0.125', output: '1.00' },
    },
  },
  'gpt-4.1': {
    ...openai,
    tokenizer: O200K,
    contextWindow: 1_047_576,
    maxInputTokens: 1_047_576,
    maxOutputTokens: 32_768,
    aliases: ['gpt-4.1-2025-04-14'],
    pricing: {
      standard: { input: '2.00', cachedInput: '0.50', output: '8.00' },
      batch: { input: '1.00', output: '4.00' },
      priority: { input: '3.50', cachedInput: '0.875', output: '14.00' },
    },
  },
  'gpt-4.1-mini': {
    ...openai,
    tokenizer: O200K,
    contextWindow: 1_047_576,
    maxInputTokens: 1_047_576,
    maxOutputTokens: 32_768,
    aliases: ['gpt-4.1-mini-2025-04-14'],
    pricing: {
      standard: { input: '0.40', cachedInput: '0.10', output: '1.60' },
      batch: { input: '0.20', output: '0.80' },
      priority: { input: '0.70', cachedInput: '0.175', output: '2.80' },
    },
  },
  'gpt-4.1-nano': {
    ...openai,
    tokenizer: O200K,
    contextWindow: 1_047_576,
    maxInputTokens: 1_047_576,
    maxOutputTokens: 32_768,
    aliases: ['gpt-4.1-nano-2025-04-14'],
    pricing: {
      standard: { input: '0.10', cachedInput: '0.025', output: '0.40' },
      batch: { input: '0.05', output: '0.20' },
      priority: { input: '0.20', cachedInput: '0.05', output: '0.80' },
    },
  },
  o1: {
    ...openai,
    tokenizer: O200K,
    contextWindow: 200_000,
    maxInputTokens: 200_000,
    maxOutputTokens: 100_000,
    aliases: ['o1-2024-12-17'],
    pricing: {
      standard: { input: '15.00', cachedInput: '7.50', output: '60.00' },
      batch: { input: '7.50', output: '30.00' },
    },
  },
  o3: {
    ...openai,
    tokenizer: O200K,
    contextWindow: 200_000,
    maxInputTokens: 200_000,
    maxOutputTokens: 100_000,
    aliases: ['o3-2025-04-16'],
    pricing: {
      standard: { input: '2.00', cachedInput: '0.50', output: '8.00' },
      batch: { input: '1.00', output: '4.00' },
      flex: { input: '1.00', cachedInput: '0.25', output: '4.00' },
      priority: { input: '3.50', cachedInput: '0.875', output: '14.00' },
    },
  },
  'o4-mini': {
    ...openai,
    tokenizer: O200K,
    contextWindow: 200_000,
    maxInputTokens: 200_000,
    maxOutputTokens: 100_000,
    aliases: ['o4-mini-2025-04-16'],
    pricing: {
      standard: { input: '1.10', cachedInput: '0.275', output: '4.40' },
      batch: { input: '0.55', output: '2.20' },
      flex: { input: '0.55', cachedInput: '0.1375', output: '2.20' },
      priority: { input: '2.00', cachedInput: '0.50', output: '8.00' },
    },
  },
  'gpt-5': {
    ...openai,
    tokenizer: O200K,
    contextWindow: 400_000,
    maxInputTokens: 272_000,
    maxOutputTokens: 128_000,
    aliases: ['gpt-5-2025-08-07'],
    pricing: {
      standard: { input: '1.25', cachedInput: '0.125', output: '10.00' },
      batch: { input: '0.625', output: '5.00' },
      flex: { input: '0.625', cachedInput: '0.0625', output: '5.00' },
      priority: { input: '2.50', cachedInput: '0.25', output: '20.00' },
    },
  },
  'gpt-5-mini': {
    ...openai,
    tokenizer: O200K,
    contextWindow: 400_000,
    maxInputTokens: 272_000,
    maxOutputTokens: 128_000,
    aliases: ['gpt-5-mini-2025-08-07'],
    pricing: {
      standard: { input: '0.25', cachedInput: '0.025', output: '2.00' },
      batch: { input: '0.125', output: '1.00' },
      flex: { input: '0.125', cachedInput: '0.0125', output: '1.00' },
      priority: { input: '0.45', cachedInput: '0.045', output: '3.60' },
    },
  },
  'gpt-5-nano': {
    ...openai,
    tokenizer: O200K,
    contextWindow: 400_000,
    maxInputTokens: 272_000,
    maxOutputTokens: 128_000,
    aliases: ['gpt-5-nano-2025-08-07'],
    // No priority row: LiteLLM's (input $2.50, no output price) is a known error.
    pricing: {
      standard: { input: '0.05', cachedInput: '0.005', output: '0.40' },
      batch: { input: '0.025', output: '0.20' },
      flex: { input: '0.025', cachedInput: '0.0025', output: '0.20' },
    },
  },
  'gpt-3.5-turbo': {
    ...openai,
    tokenizer: CL100K,
    contextWindow: 16_385,
    maxInputTokens: 16_385,
    maxOutputTokens: 4_096,
    aliases: ['gpt-3.5-turbo-0125'],
    pricing: {
      standard: { input: '0.50', output: '1.50' },
      batch: { input: '0.25', output: '0.75' },
    },
  },
  'gpt-4': {
    ...openai,
    tokenizer: CL100K,
    contextWindow: 8_192,
    maxInputTokens: 8_192,
    // OpenAI's model page: 8,192 (LiteLLM says 4,096).
    maxOutputTokens: 8_192,
    aliases: ['gpt-4-0613'],
    pricing: {
      standard: { input: '30.00', output: '60.00' },
      batch: { input: '15.00', output: '30.00' },
    },
  },

  // ── Anthropic ───────────────────────────────────────────────────────────────────────────────
  'claude-opus-4-5': {
    ...anthropic,
    ...claude200k(64_000),
    aliases: ['claude-opus-4-5-20251101'],
    pricing: {
      standard: { input: '5.00', cacheWrite5m: '6.25', cacheWrite1h: '10.00', cachedInput: '0.50', output: '25.00' },
      batch: { input: '2.50', cacheWrite5m: '3.125', cacheWrite1h: '5.00', cachedInput: '0.25', output: '12.50' },
    },
  },
  'claude-opus-4-1': {
    ...anthropic,
    ...claude200k(32_000),
    aliases: ['claude-opus-4-1-20250805'],
    pricing: {
      standard: { input: '15.00', cacheWrite5m: '18.75', cacheWrite1h: '30.00', cachedInput: '1.50', output: '75.00' },
      batch: { input: '7.50', cacheWrite5m: '9.375', cacheWrite1h: '15.00', cachedInput: '0.75', output: '37.50' },
    },
  },
  'claude-opus-4': {
    ...anthropic,
    ...claude200k(32_000),
    aliases: ['claude-opus-4-20250514', 'claude-opus-4-0'],
    pricing: {
      standard: { input: '15.00', cacheWrite5m: '18.75', cacheWrite1h: '30.00', cachedInput: '1.50', output: '75.00' },
      batch: { input: '7.50', cacheWrite5m: '9.375', cacheWrite1h: '15.00', cachedInput: '0.75', output: '37.50' },
    },
  },
  'claude-sonnet-4-5': {
    ...anthropic,
    ...claude200k(64_000),
    aliases: ['claude-sonnet-4-5-20250929'],
    pricing: {
      standard: {
        input: '3.00', cacheWrite5m: '3.75', cacheWrite1h: '6.00', cachedInput: '0.30', output: '15.00',
        longContext: [{ above: 200_000, input: '6.00', cacheWrite5m: '7.50', cacheWrite1h: '12.00', cachedInput: '0.60', output: '22.50' }],
      },
      batch: {
        input: '1.50', cacheWrite5m: '1.875', cacheWrite1h: '3.00', cachedInput: '0.15', output: '7.50',
        longContext: [{ above: 200_000, input: '3.00', cacheWrite5m: '3.75', cacheWrite1h: '6.00', cachedInput: '0.30', output: '11.25' }],
      },
    },
  },
  'claude-sonnet-4': {
    ...anthropic,
    ...claude200k(64_000),
    aliases: ['claude-sonnet-4-20250514', 'claude-sonnet-4-0'],
    pricing: {
      standard: {
        input: '3.00', cacheWrite5m: '3.75', cacheWrite1h: '6.00', cachedInput: '0.30', output: '15.00',
        longContext: [{ above: 200_000, input: '6.00', cacheWrite5m: '7.50', cacheWrite1h: '12.00', cachedInput: '0.60', output: '22.50' }],
      },
      batch: {
        input: '1.50', cacheWrite5m: '1.875', cacheWrite1h: '3.00', cachedInput: '0.15', output: '7.50',
        longContext: [{ above: 200_000, input: '3.00', cacheWrite5m: '3.75', cacheWrite1h: '6.00', cachedInput: '0.30', output: '11.25' }],
      },
    },
  },
  'claude-3-7-sonnet': {
    ...anthropic,
    ...claude200k(64_000),
    aliases: ['claude-3-7-sonnet-20250219', 'claude-3-7-sonnet-latest'],
    pricing: {
      standard: { input: '3.00', cacheWrite5m: '3.75', cacheWrite1h: '6.00', cachedInput: '0.30', output: '15.00' },
      batch: { input: '1.50', cacheWrite5m: '1.875', cacheWrite1h: '3.00', cachedInput: '0.15', output: '7.50' },
    },
  },
  'claude-haiku-4-5': {
    ...anthropic,
    ...claude200k(64_000),
    aliases: ['claude-haiku-4-5-20251001'],
    pricing: {
      standard: { input: '1.00', cacheWrite5m: '1.25', cacheWrite1h: '2.00', cachedInput: '0.10', output: '5.00' },
      batch: { input: '0.50', cacheWrite5m: '0.625', cacheWrite1h: '1.00', cachedInput: '0.05', output: '2.50' },
    },
  },
  'claude-3-5-haiku': {
    ...anthropic,
    ...claude200k(8_192),
    aliases: ['claude-3-5-haiku-20241022', 'claude-3-5-haiku-latest'],
    pricing: {
      standard: { input: '0.80', cacheWrite5m: '1.00', cacheWrite1h: '1.60', cachedInput: '0.08', output: '4.00' },
      batch: { input: '0.40', cacheWrite5m: '0.50', cacheWrite1h: '0.80', cachedInput: '0.04', output: '2.00' },
    },
  },
  'claude-3-haiku': {
    ...anthropic,
    ...claude200k(4_096),
    aliases: ['claude-3-haiku-20240307'],
    // Anthropic lists the 5-minute write at 1.2× input here ($0.30), not 1.25×. LiteLLM's 1-hour
    // write ($6) is a known error; 2× input ($0.50) is Anthropic's figure.
    pricing: {
      standard: { input: '0.25', cacheWrite5m: '0.30', cacheWrite1h: '0.50', cachedInput: '0.03', output: '1.25' },
      batch: { input: '0.125', cacheWrite5m: '0.15', cacheWrite1h: '0.25', cachedInput: '0.015', output: '0.625' },
    },
  },

  // ── Google Gemini API ───────────────────────────────────────────────────────────────────────
  'gemini-2.5-pro': {
    ...google,
    ...gemini1m(65_535),
    pricing: {
      standard: {
        input: '1.25', cachedInput: '0.125', output: '10.00',
        longContext: [{ above: 200_000, input: '2.50', cachedInput: '0.25', output: '15.00' }],
      },
      batch: {
        input: '0.625', output: '5.00',
        longContext: [{ above: 200_000, input: '1.25', output: '7.50' }],
      },
    },
  },
  'gemini-2.5-flash': {
    ...google,
    ...gemini1m(65_535),
    pricing: {
      standard: { input: '0.30', audioInput: '1.00', cachedInput: '0.03', output: '2.50' },
      batch: { input: '0.15', audioInput: '0.50', output: '1.25' },
    },
  },
  'gemini-2.5-flash-lite': {
    ...google,
    ...gemini1m(65_535),
    pricing: {
      standard: { input: '0.10', audioInput: '0.30', cachedInput: '0.01', output: '0.40' },
      batch: { input: '0.05', audioInput: '0.15', output: '0.20' },
    },
  },
  'gemini-2.0-flash': {
    ...google,
    ...gemini1m(8_192),
    aliases: ['gemini-2.0-flash-001'],
    pricing: {
      standard: { input: '0.10', audioInput: '0.70', cachedInput: '0.025', output: '0.40' },
      batch: { input: '0.05', audioInput: '0.35', output: '0.20' },
    },
  },
};
