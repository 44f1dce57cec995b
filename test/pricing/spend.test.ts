import { describe, expect, test } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { compareModels, DAYS_PER_MONTH, estimateMonthlySpend, UnsupportedTierError } from '../../src/pricing/index.js';
import type { MonthlySpendOptions, SpendScenario } from '../../src/pricing/index.js';

describe('estimateMonthlySpend', () => {
  test('a month is 365.25 / 12 = 30.4375 days', () => {
    expect(DAYS_PER_MONTH).toBe(365.25 / 12);
  });

  test('gpt-4o-mini row (0.15 / 0.075 / 0.60): 10,000 requests/day, 2,000 in (half cached), 300 out = 0.000405 per request, 123.271875 a month', () => {
    // per request: 1,000 × 0.15 + 1,000 × 0.075 + 300 × 0.60 = 150 + 75 + 180 = 405 µ$; 10,000 × 30.4375 = 304,375 requests
    const spend = estimateMonthlySpend({ model: 'gpt-4o-mini', requestsPerDay: 10_000, inputTokens: 2_000, outputTokens: 300, cachedShare: 0.5 });
    expect(spend).toMatchObject({
      model: 'gpt-4o-mini',
      currency: 'USD',
      perRequest: 0.000405,
      requestsPerMonth: 304_375,
      daysPerMonth: 30.4375,
      total: 123.271875,
      byTier: { standard: 123.271875 },
      longContext: null,
      pricesAsOf: '2026-07-24',
    });
    // 304,375 × (150, 75, 180) µ$
    expect(spend.breakdown).toMatchObject({ input: 45.65625, cachedInput: 22.828125, output: 54.7875 });
  });

  test('gpt-4o row and batch row (2.50 / 10; 1.25 / 5): half of 1,000 requests in batch, 1,000 in + 100 out = 2.625', () => {
    // standard 3,500 µ$ and batch 1,750 µ$ per request; 500 of each
    const spend = estimateMonthlySpend({ model: 'gpt-4o', requestsPerMonth: 1_000, inputTokens: 1_000, outputTokens: 100, batchShare: 0.5 });
    expect(spend.total).toBe(2.625);
    expect(spend.perRequest).toBe(0.002625);
    expect(spend.byTier).toEqual({ standard: 1.75, batch: 0.875 });
  });

  test('claude-sonnet-4-5 row (3 / 3.75 / 0.30 / 15): 30% read, 10% written, 3,000 reqs of 10,000 in + 500 out = 90.45', () => {
    // per request: 6,000 × 3 + 3,000 × 0.30 + 1,000 × 3.75 + 500 × 15 = 18,000 + 900 + 3,750 + 7,500 = 30,150 µ$, × 3,000
    const spend = estimateMonthlySpend({
      model: 'claude-sonnet-4-5', requestsPerMonth: 3_000, inputTokens: 10_000, outputTokens: 500, cachedShare: 0.3, cacheWriteShare: 0.1,
    });
    expect(spend.perRequest).toBe(0.03015);
    expect(spend.total).toBe(90.45);
  });

  test('o3 flex row (1 / 4): half a request per day prices exactly: 0.5 req/day × 30.4375 × (1,000 × 1 + 1,000 × 4) µ$', () => {
    const spend = estimateMonthlySpend({ model: 'o3', requestsPerDay: 0.5, inputTokens: 1_000, outputTokens: 1_000, tier: 'flex' });
    expect(spend.requestsPerMonth).toBe(15.21875);
    expect(spend.total).toBe(0.07609375);
  });

  test('gemini-2.5-pro >200k row: requests above the threshold are re-priced: 10 × (250,000 × 2.50 + 2,000 × 15) = 6.55', () => {
    const spend = estimateMonthlySpend({ model: 'gemini-2.5-pro', requestsPerMonth: 10, inputTokens: 250_000, outputTokens: 2_000 });
    expect(spend.total).toBe(6.55);
    expect(spend.longContext).toEqual({ above: 200_000 });
  });

  describe('bad input', () => {
    const base: MonthlySpendOptions = { model: 'gpt-4o', requestsPerMonth: 10, inputTokens: 100, outputTokens: 10 };
    test.each([
      [{ requestsPerDay: 5 }, 'options.requestsPerMonth or requestsPerDay is required, and only one of them.'],
      [{ requestsPerMonth: undefined }, 'options.requestsPerMonth or requestsPerDay is required, and only one of them.'],
      [{ requestsPerMonth: -1 }, 'options.requestsPerMonth must be a non-negative number, got -1.'],
      [{ inputTokens: 10.5 }, 'options.inputTokens must be a non-negative integer, got 10.5.'],
      [{ cachedShare: 1.2 }, 'options.cachedShare must be a number from 0 to 1, got 1.2.'],
      [{ batchShare: Number.NaN }, 'options.batchShare must be a number from 0 to 1, got NaN.'],
      [{ tier: 'batch' }, "options.tier must be 'standard', 'flex' or 'priority' (use batchShare for batch), got \"batch\"."],
    ])('%o', (change, message) => {
      const call = () => estimateMonthlySpend({ ...base, ...change } as MonthlySpendOptions);
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(`tokmeter: ${message}`);
    });

    test('cached and written shares above the whole prompt', () => {
      expect(() => estimateMonthlySpend({ ...base, cachedShare: 0.7, cacheWriteShare: 0.4 })).toThrow(/^tokmeter: options\.cacheWriteShare takes/);
    });

    test('a tier the model lacks', () => {
      expect(() => estimateMonthlySpend({ ...base, tier: 'flex' })).toThrow(UnsupportedTierError);
    });
  });
});

describe('compareModels', () => {
  const scenario: SpendScenario = { requestsPerMonth: 1_000, inputTokens: 150_000, outputTokens: 1_000 };

  test('ranks by monthly cost and flags a model whose window cannot hold a request', () => {
    // gemini-2.5-flash row: 1,000 × (150,000 × 0.30 + 1,000 × 2.50) µ$ = 47.5
    // gpt-4.1-mini row:     1,000 × (150,000 × 0.40 + 1,000 × 1.60) µ$ = 61.6
    // gpt-4o row:           1,000 × (150,000 × 2.50 + 1,000 × 10)   µ$ = 385, but 151,000 > its 128,000 window
    const ranking = compareModels(scenario, ['gpt-4o', 'gpt-4.1-mini', 'gemini/gemini-2.5-flash']);
    expect(ranking.map((r) => [r.requested, r.model, r.total, r.fits])).toEqual([
      ['gemini/gemini-2.5-flash', 'gemini-2.5-flash', 47.5, true],
      ['gpt-4.1-mini', 'gpt-4.1-mini', 61.6, true],
      ['gpt-4o', 'gpt-4o', 385, false],
    ]);
    expect(ranking[2]!.context).toMatchObject({ fits: false, limit: 'contextWindow', overBy: 23_000 });
    expect(ranking[0]!.context).toMatchObject({ fits: true, remaining: 1_048_576 - 151_000 });
  });

  test('the output cap counts too: gpt-4o-2024-05-13 caps output at 4,096', () => {
    const [result] = compareModels({ requestsPerMonth: 1, inputTokens: 10, outputTokens: 5_000 }, ['gpt-4o-2024-05-13']);
    expect(result!.context).toMatchObject({ fits: false, limit: 'maxOutputTokens', overBy: 904 });
  });

  test('bad scenario fields are named under scenario.', () => {
    expect(() => compareModels({ ...scenario, outputTokens: -1 }, ['gpt-4o'])).toThrow('tokmeter: scenario.outputTokens must be a non-negative integer, got -1.');
    expect(() => compareModels(scenario, 'gpt-4o' as unknown as string[])).toThrow(InvalidArgumentError);
  });
});
