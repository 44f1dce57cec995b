import { describe, expect, test } from 'vitest';
import { estimateCost, getModel, listModels, NoPriceOnDateError, UnsupportedTierError } from '../../src/pricing/index.js';
import type { ServiceTier } from '../../src/pricing/index.js';

// The built-in catalog as a table of worked examples. Every expected figure is worked out by hand
// from shared/docs/pricing-facts-2026.md (and pricing-facts.md for the 2025 rows), never read from
// the catalog: tokens × (USD per 1M) / 1,000,000, summed. `input` is the whole prompt, cached tokens
// included (OpenAI's meaning); "30K×$8" means 30,000 tokens at $8 per 1M.

type Line = [id: string, at: string, inputTokens: number, cachedInputTokens: number, outputTokens: number, usd: number];

const AT = '2026-12-07';

// One request for every model: 50,000 prompt tokens of which 20,000 are cache reads, 5,000 output.
// So 30K uncached × in + 20K × cached + 5K × out; without a cache price the 20K bill at input.
const EVERY_MODEL: Line[] = [
  // ── OpenAI ──
  ['gpt-6.2-astra', AT, 50_000, 20_000, 5_000, 0.448], // 30K×$8 + 20K×$0.40 + 5K×$40 = 0.24 + 0.008 + 0.20
  ['gpt-6.2-sol', AT, 50_000, 20_000, 5_000, 0.112], // 30K×$2 + 20K×$0.10 + 5K×$10 = 0.06 + 0.002 + 0.05
  ['gpt-6.1-terra', AT, 50_000, 20_000, 5_000, 0.056], // 30K×$1 + 20K×$0.05 + 5K×$5 = 0.03 + 0.001 + 0.025
  ['gpt-6.1-sol', AT, 50_000, 20_000, 5_000, 0.112], // 30K×$2 + 20K×$0.10 + 5K×$10
  ['gpt-6-sol', AT, 50_000, 20_000, 5_000, 0.114], // 30K×$2 + 20K×$0.20 + 5K×$10 = 0.06 + 0.004 + 0.05
  ['gpt-6-luna', AT, 50_000, 20_000, 5_000, 0.0057], // 30K×$0.10 + 20K×$0.01 + 5K×$0.50 = 0.003 + 0.0002 + 0.0025
  ['gpt-6-astra', AT, 50_000, 20_000, 5_000, 0.57], // 30K×$10 + 20K×$1 + 5K×$50 = 0.30 + 0.02 + 0.25
  ['gpt-5.6-sol', AT, 50_000, 20_000, 5_000, 0.31], // list again: 30K×$5 + 20K×$0.50 + 5K×$30 = 0.15 + 0.01 + 0.15
  ['gpt-5.6-terra', AT, 50_000, 20_000, 5_000, 0.124], // 30K×$2 + 20K×$0.20 + 5K×$12 = 0.06 + 0.004 + 0.06
  ['gpt-5.6-luna', AT, 50_000, 20_000, 5_000, 0.0124], // 30K×$0.20 + 20K×$0.02 + 5K×$1.20 = 0.006 + 0.0004 + 0.006
  ['gpt-5.5', AT, 50_000, 20_000, 5_000, 0.31], // 30K×$5 + 20K×$0.50 + 5K×$30
  ['gpt-5.5-pro', AT, 50_000, 20_000, 5_000, 1.86], // 30K×$30 + 20K×$3 + 5K×$180 = 0.90 + 0.06 + 0.90
  ['gpt-5.4-pro', AT, 50_000, 20_000, 5_000, 1.86], // as 5.5 Pro
  ['gpt-5.4', AT, 50_000, 20_000, 5_000, 0.155], // 30K×$2.50 + 20K×$0.25 + 5K×$15 = 0.075 + 0.005 + 0.075
  ['gpt-5.4-mini', AT, 50_000, 20_000, 5_000, 0.0465], // 30K×$0.75 + 20K×$0.075 + 5K×$4.50 = 0.0225 + 0.0015 + 0.0225
  ['gpt-5.4-nano', AT, 50_000, 20_000, 5_000, 0.01265], // 30K×$0.20 + 20K×$0.02 + 5K×$1.25 = 0.006 + 0.0004 + 0.00625
  ['gpt-5.3-codex', AT, 50_000, 20_000, 5_000, 0.126], // 30K×$1.75 + 20K×$0.175 + 5K×$14 = 0.0525 + 0.0035 + 0.07
  ['gpt-5.2', AT, 50_000, 20_000, 5_000, 0.126], // as 5.3 Codex
  ['gpt-5.2-pro', AT, 50_000, 20_000, 5_000, 1.89], // no cache price: 50K×$21 + 5K×$168 = 1.05 + 0.84
  ['gpt-5.1', AT, 50_000, 20_000, 5_000, 0.09], // 30K×$1.25 + 20K×$0.125 + 5K×$10 = 0.0375 + 0.0025 + 0.05
  ['gpt-5', AT, 50_000, 20_000, 5_000, 0.09], // as 5.1
  ['gpt-5-mini', AT, 50_000, 20_000, 5_000, 0.018], // 30K×$0.25 + 20K×$0.025 + 5K×$2 = 0.0075 + 0.0005 + 0.01
  ['gpt-5-nano', AT, 50_000, 20_000, 5_000, 0.0036], // 30K×$0.05 + 20K×$0.005 + 5K×$0.40 = 0.0015 + 0.0001 + 0.002
  ['gpt-5-pro', AT, 50_000, 20_000, 5_000, 1.35], // no cache price: 50K×$15 + 5K×$120 = 0.75 + 0.60
  ['o3', AT, 50_000, 20_000, 5_000, 0.11], // 30K×$2 + 20K×$0.50 + 5K×$8 = 0.06 + 0.01 + 0.04
  ['o3-pro', AT, 50_000, 20_000, 5_000, 1.4], // no cache price: 50K×$20 + 5K×$80 = 1.00 + 0.40
  ['o4-mini', AT, 50_000, 20_000, 5_000, 0.0605], // 30K×$1.10 + 20K×$0.275 + 5K×$4.40 = 0.033 + 0.0055 + 0.022
  ['o3-mini', AT, 50_000, 20_000, 5_000, 0.066], // 30K×$1.10 + 20K×$0.55 + 5K×$4.40 = 0.033 + 0.011 + 0.022
  ['o1', AT, 50_000, 20_000, 5_000, 0.9], // 30K×$15 + 20K×$7.50 + 5K×$60 = 0.45 + 0.15 + 0.30
  ['o1-pro', AT, 50_000, 20_000, 5_000, 10.5], // no cache price: 50K×$150 + 5K×$600 = 7.50 + 3.00
  ['gpt-4.1', AT, 50_000, 20_000, 5_000, 0.11], // 30K×$2 + 20K×$0.50 + 5K×$8
  ['gpt-4.1-mini', AT, 50_000, 20_000, 5_000, 0.022], // 30K×$0.40 + 20K×$0.10 + 5K×$1.60 = 0.012 + 0.002 + 0.008
  ['gpt-4.1-nano', AT, 50_000, 20_000, 5_000, 0.0055], // 30K×$0.10 + 20K×$0.025 + 5K×$0.40 = 0.003 + 0.0005 + 0.002
  ['gpt-4o', AT, 50_000, 20_000, 5_000, 0.15], // 30K×$2.50 + 20K×$1.25 + 5K×$10 = 0.075 + 0.025 + 0.05
  ['gpt-4o-2024-05-13', AT, 50_000, 20_000, 5_000, 0.325], // no cache price: 50K×$5 + 5K×$15 = 0.25 + 0.075
  ['gpt-4o-mini', AT, 50_000, 20_000, 5_000, 0.009], // 30K×$0.15 + 20K×$0.075 + 5K×$0.60 = 0.0045 + 0.0015 + 0.003
  ['gpt-4-turbo', AT, 50_000, 20_000, 5_000, 0.65], // no cache price: 50K×$10 + 5K×$30 = 0.50 + 0.15
  ['gpt-4', AT, 50_000, 20_000, 5_000, 1.8], // no cache price: 50K×$30 + 5K×$60 = 1.50 + 0.30
  ['gpt-3.5-turbo', AT, 50_000, 20_000, 5_000, 0.0325], // no cache price: 50K×$0.50 + 5K×$1.50 = 0.025 + 0.0075

  // ── Anthropic (cached = cache reads) ──
  ['claude-fable-5-2', AT, 50_000, 20_000, 5_000, 0.444], // 30K×$8 + 20K×$0.20 + 5K×$40 = 0.24 + 0.004 + 0.20
  ['claude-mythos-5-2', AT, 50_000, 20_000, 5_000, 0.444], // as Fable 5.2
  ['claude-fable-5-1', AT, 50_000, 20_000, 5_000, 0.555], // 30K×$10 + 20K×$0.25 + 5K×$50 = 0.30 + 0.005 + 0.25
  ['claude-mythos-5-1', AT, 50_000, 20_000, 5_000, 0.555], // as Fable 5.1
  ['claude-fable-5', AT, 50_000, 20_000, 5_000, 0.57], // 30K×$10 + 20K×$1 + 5K×$50 = 0.30 + 0.02 + 0.25
  ['claude-mythos-5', AT, 50_000, 20_000, 5_000, 0.57], // as Fable 5
  ['claude-opus-5-5', AT, 50_000, 20_000, 5_000, 0.224], // 30K×$4 + 20K×$0.20 + 5K×$20 = 0.12 + 0.004 + 0.10
  ['claude-opus-5', AT, 50_000, 20_000, 5_000, 0.285], // 30K×$5 + 20K×$0.50 + 5K×$25 = 0.15 + 0.01 + 0.125
  ['claude-opus-4-8', AT, 50_000, 20_000, 5_000, 0.285], // as Opus 5
  ['claude-opus-4-7', AT, 50_000, 20_000, 5_000, 0.285],
  ['claude-opus-4-6', AT, 50_000, 20_000, 5_000, 0.285],
  ['claude-opus-4-5', AT, 50_000, 20_000, 5_000, 0.285],
  ['claude-opus-4-1', AT, 50_000, 20_000, 5_000, 0.855], // 30K×$15 + 20K×$1.50 + 5K×$75 = 0.45 + 0.03 + 0.375
  ['claude-opus-4', AT, 50_000, 20_000, 5_000, 0.855],
  ['claude-sonnet-5-5', AT, 50_000, 20_000, 5_000, 0.112], // 30K×$2 + 20K×$0.10 + 5K×$10 = 0.06 + 0.002 + 0.05
  ['claude-sonnet-5', AT, 50_000, 20_000, 5_000, 0.114], // 30K×$2 + 20K×$0.20 + 5K×$10 = 0.06 + 0.004 + 0.05
  ['claude-sonnet-4-6', AT, 50_000, 20_000, 5_000, 0.171], // 30K×$3 + 20K×$0.30 + 5K×$15 = 0.09 + 0.006 + 0.075
  ['claude-sonnet-4-5', AT, 50_000, 20_000, 5_000, 0.171],
  ['claude-sonnet-4', AT, 50_000, 20_000, 5_000, 0.171],
  ['claude-3-7-sonnet', AT, 50_000, 20_000, 5_000, 0.171],
  ['claude-haiku-5-5', AT, 50_000, 20_000, 5_000, 0.0057], // 30K×$0.10 + 20K×$0.01 + 5K×$0.50 = 0.003 + 0.0002 + 0.0025
  ['claude-haiku-4-5', AT, 50_000, 20_000, 5_000, 0.057], // 30K×$1 + 20K×$0.10 + 5K×$5 = 0.03 + 0.002 + 0.025
  ['claude-3-5-haiku', AT, 50_000, 20_000, 5_000, 0.0456], // 30K×$0.80 + 20K×$0.08 + 5K×$4 = 0.024 + 0.0016 + 0.02
  ['claude-3-haiku', AT, 50_000, 20_000, 5_000, 0.01435], // 30K×$0.25 + 20K×$0.03 + 5K×$1.25 = 0.0075 + 0.0006 + 0.00625

  // ── Google ──
  ['gemini-4-carbon', AT, 50_000, 20_000, 5_000, 0.224], // list from 12-01: 30K×$4 + 20K×$0.20 + 5K×$20 = 0.12 + 0.004 + 0.10
  ['gemini-4-argon', AT, 50_000, 20_000, 5_000, 0.224], // as Carbon
  ['gemini-4-neon', AT, 50_000, 20_000, 5_000, 0.168], // 30K×$3 + 20K×$0.15 + 5K×$15 = 0.09 + 0.003 + 0.075
  ['gemini-4-hydrogen', AT, 50_000, 20_000, 5_000, 0.084], // 30K×$1.50 + 20K×$0.075 + 5K×$7.50 = 0.045 + 0.0015 + 0.0375
  ['gemini-3.8-flash', AT, 50_000, 20_000, 5_000, 0.04275], // 30K×$0.75 + 20K×$0.075 + 5K×$3.75 = 0.0225 + 0.0015 + 0.01875
  ['gemini-3.7-flash', AT, 50_000, 20_000, 5_000, 0.04275],
  ['gemini-3.6-flash', AT, 50_000, 20_000, 5_000, 0.04275],
  ['gemini-3.5-flash', AT, 50_000, 20_000, 5_000, 0.093], // 30K×$1.50 + 20K×$0.15 + 5K×$9 = 0.045 + 0.003 + 0.045
  ['gemini-3.5-flash-lite', AT, 50_000, 20_000, 5_000, 0.0221], // 30K×$0.30 + 20K×$0.03 + 5K×$2.50 = 0.009 + 0.0006 + 0.0125
  ['gemini-3.1-flash-lite', AT, 50_000, 20_000, 5_000, 0.0155], // 30K×$0.25 + 20K×$0.025 + 5K×$1.50 = 0.0075 + 0.0005 + 0.0075
  ['gemini-3.1-pro-preview', AT, 50_000, 20_000, 5_000, 0.124], // 30K×$2 + 20K×$0.20 + 5K×$12 = 0.06 + 0.004 + 0.06
  ['gemini-3-pro-preview', AT, 50_000, 20_000, 5_000, 0.124],
  ['gemini-2.5-flash-lite', AT, 50_000, 20_000, 5_000, 0.0052], // 30K×$0.10 + 20K×$0.01 + 5K×$0.40 = 0.003 + 0.0002 + 0.002
  ['gemini-2.5-pro', AT, 50_000, 20_000, 5_000, 0.09], // 30K×$1.25 + 20K×$0.125 + 5K×$10
  ['gemini-2.5-flash', AT, 50_000, 20_000, 5_000, 0.0221], // 30K×$0.30 + 20K×$0.03 + 5K×$2.50
  ['gemini-2.0-flash', AT, 50_000, 20_000, 5_000, 0.0055], // 30K×$0.10 + 20K×$0.025 + 5K×$0.40 = 0.003 + 0.0005 + 0.002
  ['gemini-2.0-flash-lite', AT, 50_000, 20_000, 5_000, 0.004125], // 30K×$0.075 + 20K×$0.01875 + 5K×$0.30 = 0.00225 + 0.000375 + 0.0015
];

function total(model: string, at: string, inputTokens: number, cachedInputTokens: number, outputTokens: number, tier?: ServiceTier): number {
  return estimateCost({ model, inputTokens, cachedInputTokens, outputTokens, at, ...(tier !== undefined && { tier }) }).total;
}

describe('every catalog model, one request on 2026-12-07', () => {
  test('the table has one line for each model in the catalog', () => {
    expect(EVERY_MODEL.map(([id]) => id).sort()).toEqual(listModels());
  });

  test.each(EVERY_MODEL)('%s on %s: %i in, %i cached, %i out → $%d', (model, at, input, cached, output, usd) => {
    expect(total(model, at, input, cached, output)).toBeCloseTo(usd, 12);
  });
});

// [id, at, prompt, cache reads, cache writes (5-minute / 30-minute), output, USD]
type BoundaryLine = [id: string, at: string, inputTokens: number, cachedInputTokens: number, cacheWriteTokens: number, outputTokens: number, usd: number];

describe('tier boundaries: a prompt of exactly the threshold stays below it, one token more re-prices the whole request', () => {
  test.each<BoundaryLine>([
    // OpenAI, > 272,000 prompt tokens: 2× input and cache, 1.5× output.
    ['gpt-5.4', AT, 272_000, 0, 0, 10_000, 0.83], // 272K×$2.50 + 10K×$15 = 0.68 + 0.15
    ['gpt-5.4', AT, 272_001, 0, 0, 10_000, 1.585005], // 272,001×$5 + 10K×$22.50 = 1.360005 + 0.225
    ['gpt-6.2-sol', AT, 272_000, 100_000, 0, 10_000, 0.454], // 172K×$2 + 100K×$0.10 + 10K×$10 = 0.344 + 0.01 + 0.10
    ['gpt-6.2-sol', AT, 272_001, 100_000, 0, 10_000, 0.858004], // 172,001×$4 + 100K×$0.20 + 10K×$15 = 0.688004 + 0.02 + 0.15
    // Gemini 3.1 Pro Preview, > 200,000: 4.00 / 0.40 / 18.00.
    ['gemini-3.1-pro-preview', AT, 200_000, 50_000, 0, 10_000, 0.43], // 150K×$2 + 50K×$0.20 + 10K×$12 = 0.30 + 0.01 + 0.12
    ['gemini-3.1-pro-preview', AT, 200_001, 50_000, 0, 10_000, 0.800004], // 150,001×$4 + 50K×$0.40 + 10K×$18 = 0.600004 + 0.02 + 0.18
    // Claude Haiku 5.5, prompt > 100,000 counting cache reads and writes: only 10,000 / 10,001 are
    // uncached here, yet the step applies, output included.
    ['claude-haiku-5-5', AT, 100_000, 60_000, 30_000, 1_000, 0.00585], // 10K×$0.10 + 60K×$0.01 + 30K×$0.125 + 1K×$0.50 = 0.001 + 0.0006 + 0.00375 + 0.0005
    ['claude-haiku-5-5', AT, 100_001, 60_000, 30_000, 1_000, 0.0292505], // 10,001×$0.50 + 60K×$0.05 + 30K×$0.625 + 1K×$2.50 = 0.0050005 + 0.003 + 0.01875 + 0.0025
    // Claude Opus 4.6 before 2026-03-13, > 200,000: 10 / 37.50.
    ['claude-opus-4-6', '2026-03-12', 200_000, 0, 0, 10_000, 1.25], // 200K×$5 + 10K×$25 = 1.00 + 0.25
    ['claude-opus-4-6', '2026-03-12', 200_001, 0, 0, 10_000, 2.37501], // 200,001×$10 + 10K×$37.50 = 2.00001 + 0.375
    // Claude Sonnet 4.5, > 200,000 (its 1M beta): 6 / 22.50.
    ['claude-sonnet-4-5', AT, 200_000, 0, 0, 10_000, 0.75], // 200K×$3 + 10K×$15 = 0.60 + 0.15
    ['claude-sonnet-4-5', AT, 200_001, 0, 0, 10_000, 1.425006], // 200,001×$6 + 10K×$22.50 = 1.200006 + 0.225
  ])('%s on %s: prompt %i (%i read, %i written), %i out → $%d', (model, at, inputTokens, cachedInputTokens, cacheWriteTokens, outputTokens, usd) => {
    expect(estimateCost({ model, inputTokens, cachedInputTokens, cacheWriteTokens, outputTokens, at }).total).toBeCloseTo(usd, 12);
  });
});

describe('dated changes: the day before and the day of', () => {
  test.each<Line>([
    // GPT-5.6 Sol: list 5 / 30 from 07-09, promotion 4 / 20 from 08-21 through 11-30, list again from 12-01.
    ['gpt-5.6-sol', '2026-08-20', 100_000, 0, 10_000, 0.8], // 100K×$5 + 10K×$30 = 0.50 + 0.30
    ['gpt-5.6-sol', '2026-08-21', 100_000, 0, 10_000, 0.6], // 100K×$4 + 10K×$20 = 0.40 + 0.20
    ['gpt-5.6-sol', '2026-11-30', 100_000, 0, 10_000, 0.6],
    ['gpt-5.6-sol', '2026-12-01', 100_000, 0, 10_000, 0.8],
    // GPT-5.6 Terra and Luna: the cuts of 2026-07-30.
    ['gpt-5.6-terra', '2026-07-29', 100_000, 0, 10_000, 0.4], // 100K×$2.50 + 10K×$15 = 0.25 + 0.15
    ['gpt-5.6-terra', '2026-07-30', 100_000, 0, 10_000, 0.32], // 100K×$2 + 10K×$12 = 0.20 + 0.12
    ['gpt-5.6-luna', '2026-07-29', 100_000, 0, 10_000, 0.16], // 100K×$1 + 10K×$6 = 0.10 + 0.06
    ['gpt-5.6-luna', '2026-07-30', 100_000, 0, 10_000, 0.032], // 100K×$0.20 + 10K×$1.20 = 0.02 + 0.012
    // Claude Sonnet 5.5: cache read 0.20 → 0.10 on 2026-10-07.
    ['claude-sonnet-5-5', '2026-10-06', 100_000, 80_000, 10_000, 0.156], // 20K×$2 + 80K×$0.20 + 10K×$10 = 0.04 + 0.016 + 0.10
    ['claude-sonnet-5-5', '2026-10-07', 100_000, 80_000, 10_000, 0.148], // 20K×$2 + 80K×$0.10 + 10K×$10 = 0.04 + 0.008 + 0.10
    // Gemini 4 Carbon and Argon: promotion 2 / 10 through 11-30, list 4 / 20 from 12-01.
    ['gemini-4-carbon', '2026-11-10', 100_000, 0, 10_000, 0.3], // 100K×$2 + 10K×$10 = 0.20 + 0.10
    ['gemini-4-carbon', '2026-11-30', 100_000, 0, 10_000, 0.3],
    ['gemini-4-carbon', '2026-12-01', 100_000, 0, 10_000, 0.6], // 100K×$4 + 10K×$20 = 0.40 + 0.20
    ['gemini-4-argon', '2026-11-30', 100_000, 0, 10_000, 0.3],
    ['gemini-4-argon', '2026-12-01', 100_000, 0, 10_000, 0.6],
    // Gemini 3.6 / 3.7 / 3.8 Flash: 0.75 / 3.75 through 2026-12-31, 1.50 / 7.50 from 2027-01-01.
    ['gemini-3.8-flash', '2026-09-02', 100_000, 0, 10_000, 0.1125], // 100K×$0.75 + 10K×$3.75 = 0.075 + 0.0375
    ['gemini-3.8-flash', '2026-12-31', 100_000, 0, 10_000, 0.1125],
    ['gemini-3.8-flash', '2027-01-01', 100_000, 0, 10_000, 0.225], // 100K×$1.50 + 10K×$7.50 = 0.15 + 0.075
    ['gemini-3.7-flash', '2026-12-31', 100_000, 0, 10_000, 0.1125],
    ['gemini-3.7-flash', '2027-01-01', 100_000, 0, 10_000, 0.225],
    ['gemini-3.6-flash', '2026-12-31', 100_000, 0, 10_000, 0.1125],
    ['gemini-3.6-flash', '2027-01-01', 100_000, 0, 10_000, 0.225],
    // Claude Opus 4.6 and Sonnet 4.6: the >200K surcharge ends on 2026-03-13.
    ['claude-opus-4-6', '2026-03-12', 200_001, 0, 10_000, 2.37501], // 200,001×$10 + 10K×$37.50
    ['claude-opus-4-6', '2026-03-13', 200_001, 0, 10_000, 1.250005], // 200,001×$5 + 10K×$25 = 1.000005 + 0.25
    ['claude-sonnet-4-6', '2026-03-12', 200_001, 0, 10_000, 1.425006], // 200,001×$6 + 10K×$22.50 = 1.200006 + 0.225
    ['claude-sonnet-4-6', '2026-03-13', 200_001, 0, 10_000, 0.750003], // 200,001×$3 + 10K×$15 = 0.600003 + 0.15
  ])('%s on %s: %i in, %i cached, %i out → $%d', (model, at, input, cached, output, usd) => {
    expect(total(model, at, input, cached, output)).toBeCloseTo(usd, 12);
  });

  test.each([
    ['gemini-4-carbon', '2026-11-09', '2026-11-10'],
    ['gemini-3.8-flash', '2026-09-01', '2026-09-02'],
    ['gpt-6.2-sol', '2026-11-16', '2026-11-17'],
    ['claude-haiku-5-5', '2026-10-06', '2026-10-07'],
  ])('%s has no price on %s, the day before its first row (%s)', (model, before, first) => {
    expect(() => total(model, before, 1_000, 0, 0)).toThrow(NoPriceOnDateError);
    expect(() => total(model, first, 1_000, 0, 0)).not.toThrow();
  });
});

describe('the row that billed', () => {
  test.each([
    ['gpt-5.6-sol', '2026-09-01', { effectiveFrom: '2026-08-21', effectiveUntil: '2026-11-30', kind: 'promotion' }],
    ['gpt-5.6-sol', AT, { effectiveFrom: '2026-07-09', effectiveUntil: null, kind: 'list' }],
    ['gpt-5.6-luna', '2026-07-30', { effectiveFrom: '2026-07-30', effectiveUntil: null, kind: 'list' }],
    ['claude-sonnet-5-5', '2026-10-07', { effectiveFrom: '2026-10-07', effectiveUntil: null, kind: 'list' }],
    ['claude-opus-4-6', '2026-03-12', { effectiveFrom: null, effectiveUntil: null, kind: 'list' }],
    ['gemini-4-argon', '2026-11-15', { effectiveFrom: null, effectiveUntil: '2026-11-30', kind: 'promotion' }],
    ['gemini-4-carbon', '2026-12-01', { effectiveFrom: '2026-12-01', effectiveUntil: null, kind: 'list' }],
    ['gemini-3.8-flash', '2026-12-31', { effectiveFrom: '2026-09-02', effectiveUntil: '2026-12-31', kind: 'promotion' }],
    ['gemini-3.8-flash', '2027-01-01', { effectiveFrom: '2027-01-01', effectiveUntil: null, kind: 'list' }],
  ] as const)('%s on %s', (model, at, row) => {
    const { price } = estimateCost({ model, inputTokens: 1_000, outputTokens: 0, at });
    expect(price).toMatchObject({ at, ...row });
    expect(price.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

// [id, at, tier, prompt, cache reads, output, USD]
type TierLine = [id: string, at: string, tier: ServiceTier, inputTokens: number, cachedInputTokens: number, outputTokens: number, usd: number];

describe('service tiers, from the multipliers the facts doc states', () => {
  test.each<TierLine>([
    // OpenAI batch ½ of input and output, no batch cache price (cache reads bill at batch input).
    ['gpt-6.2-astra', AT, 'batch', 50_000, 20_000, 5_000, 0.3], // 50K×$4 + 5K×$20 = 0.20 + 0.10
    ['gpt-5.4', AT, 'batch', 272_001, 0, 10_000, 0.7925025], // long context: 272,001×$2.50 + 10K×$11.25 = 0.6800025 + 0.1125
    // OpenAI flex ½ and priority 2× of every price.
    ['gpt-6.1-terra', AT, 'flex', 50_000, 20_000, 5_000, 0.028], // 30K×$0.50 + 20K×$0.025 + 5K×$2.50 = 0.015 + 0.0005 + 0.0125
    ['gpt-5.4', AT, 'flex', 50_000, 20_000, 5_000, 0.0775], // 30K×$1.25 + 20K×$0.125 + 5K×$7.50 = 0.0375 + 0.0025 + 0.0375
    ['gpt-6.2-astra', AT, 'priority', 50_000, 20_000, 5_000, 0.896], // 30K×$16 + 20K×$0.80 + 5K×$80 = 0.48 + 0.016 + 0.40
    // Anthropic batch halves every price, cache reads included.
    ['claude-opus-5-5', AT, 'batch', 50_000, 20_000, 5_000, 0.112], // 30K×$2 + 20K×$0.10 + 5K×$10 = 0.06 + 0.002 + 0.05
    // Gemini: priority as the table gives it (input and output only; reads bill at priority input).
    ['gemini-4-neon', AT, 'priority', 50_000, 20_000, 5_000, 0.405], // 50K×$5.40 + 5K×$27 = 0.27 + 0.135
    ['gemini-4-carbon', AT, 'flex', 50_000, 20_000, 5_000, 0.112], // 30K×$2 + 20K×$0.10 + 5K×$10 = 0.06 + 0.002 + 0.05
  ])('%s on %s, %s: %i in, %i cached, %i out → $%d', (model, at, tier, input, cached, output, usd) => {
    expect(total(model, at, input, cached, output, tier)).toBeCloseTo(usd, 12);
  });

  test('GPT-6.2 has no Flex; gpt-5.1 no batch (not found); Claude no priority', () => {
    expect(() => total('gpt-6.2-sol', AT, 1_000, 0, 0, 'flex')).toThrow(UnsupportedTierError);
    expect(() => total('gpt-5.1', AT, 1_000, 0, 0, 'batch')).toThrow(UnsupportedTierError);
    expect(() => total('claude-opus-5-5', AT, 1_000, 0, 0, 'priority')).toThrow(UnsupportedTierError);
  });
});

describe('cache writes', () => {
  test('GPT-5.6 Terra bills its 30-minute write at 1.25× input: 100K prompt with 40K written, no output = 60K×$2 + 40K×$2.50 = 0.22', () => {
    expect(estimateCost({ model: 'gpt-5.6-terra', inputTokens: 100_000, cacheWriteTokens: 40_000, outputTokens: 0, at: AT }).total).toBeCloseTo(0.22, 12);
  });

  test("GPT-6.1 Terra's 12-hour write: 100K prompt with 40K written for 12 hours = 60K×$1 + 40K×$2.50 = 0.16", () => {
    expect(estimateCost({ model: 'gpt-6.1-terra', inputTokens: 100_000, cacheWrite1hTokens: 40_000, outputTokens: 0, at: AT }).total).toBeCloseTo(0.16, 12);
  });

  test('Claude Mythos 5.2 has no write price (not found), so writes bill at input: 100K with 40K written = 100K×$8 = 0.80', () => {
    expect(estimateCost({ model: 'claude-mythos-5-2', inputTokens: 100_000, cacheWriteTokens: 40_000, outputTokens: 0, at: AT }).total).toBeCloseTo(0.8, 12);
  });
});

describe('lifecycle on the day asked about', () => {
  test.each([
    ['gpt-5', AT, 'deprecated'],
    ['gpt-5', '2026-12-11', 'deprecated'],
    ['gpt-5', '2026-12-12', 'shut-down'],
    ['gpt-4o', AT, 'active'],
    ['gpt-4', '2026-10-24', 'shut-down'],
    ['claude-opus-4-5', AT, 'deprecated'],
    ['claude-opus-4-1', AT, 'shut-down'],
    ['gemini-2.5-pro', '2026-12-01', 'active'],
    ['gemini-2.5-pro', '2026-12-02', 'shut-down'],
    ['gemini-3.8-flash', AT, 'active'],
  ] as const)('%s on %s: %s', (model, at, status) => {
    expect(getModel(model, { at }).status).toBe(status);
  });
});
