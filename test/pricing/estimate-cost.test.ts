import { describe, expect, test } from 'vitest';
import { InvalidArgumentError, UnknownModelError } from '../../src/errors.js';
import { estimateCost, UnsupportedTierError } from '../../src/pricing/index.js';
import type { EstimateCostOptions } from '../../src/pricing/index.js';

// Every expectation below is worked out by hand from the pricing-facts row the test names:
// tokens × (USD per 1M) / 1,000,000, summed.

describe('estimateCost: exact money', () => {
  test('gpt-4.1-nano row (in 0.10): 3 input tokens cost exactly 3e-7', () => {
    const cost = estimateCost({ model: 'gpt-4.1-nano', inputTokens: 3, outputTokens: 0 });
    expect(cost.total).toBe(3e-7);
    expect(3 * (0.1 / 1e6)).not.toBe(3e-7); // what naive float arithmetic gives
  });

  test('gpt-4.1-nano row (in 0.10, out 0.40): 1 in + 2 out = 1e-7 + 8e-7 = exactly 9e-7', () => {
    expect(estimateCost({ model: 'gpt-4.1-nano', inputTokens: 1, outputTokens: 2 }).total).toBe(9e-7);
  });

  test('gpt-4o-mini row (in 0.15, out 0.60): 7 in + 3 out = 1.05e-6 + 1.8e-6 = exactly 2.85e-6', () => {
    expect(estimateCost({ model: 'gpt-4o-mini', inputTokens: 7, outputTokens: 3 }).total).toBe(2.85e-6);
  });

  test('o4-mini row (cached 0.275): 1 cached token costs exactly 2.75e-7', () => {
    expect(estimateCost({ model: 'o4-mini', inputTokens: 1, cachedInputTokens: 1, outputTokens: 0 }).total).toBe(2.75e-7);
  });

  test('gpt-5-nano row (in 0.05, cached 0.005, out 0.40): 123,457 in of which 100,001 cached, 9,999 out = 0.005672405', () => {
    // 23,456 × 0.05 + 100,001 × 0.005 + 9,999 × 0.40 = 1,172.8 + 500.005 + 3,999.6 = 5,672.405 µ$
    const cost = estimateCost({ model: 'gpt-5-nano', inputTokens: 123_457, cachedInputTokens: 100_001, outputTokens: 9_999 });
    expect(cost.total).toBe(0.005672405);
  });
});

describe('estimateCost: the facts-doc rows', () => {
  test('gpt-4o row (2.50 / 1.25 / 10.00): 10,000 in with 8,000 cached, 500 out = 0.005 + 0.01 + 0.005 = 0.02', () => {
    const cost = estimateCost({ model: 'gpt-4o', inputTokens: 10_000, cachedInputTokens: 8_000, outputTokens: 500 });
    expect(cost).toMatchObject({
      model: 'gpt-4o',
      tier: 'standard',
      currency: 'USD',
      total: 0.02,
      breakdown: { input: 0.005, cachedInput: 0.01, output: 0.005, reasoning: 0, cacheWrite5m: 0, cacheWrite1h: 0, audioInput: 0 },
      rates: { input: 2.5, cachedInput: 1.25, output: 10 },
      longContext: null,
      pricesAsOf: '2026-07-24',
    });
    expect(cost.source).toContain('openai.com');
  });

  test('gpt-4o-2024-08-06 uses the gpt-4o row, gpt-4o-2024-05-13 its own (5.00 / 15.00): 1,000 in + 1,000 out', () => {
    expect(estimateCost({ model: 'gpt-4o-2024-08-06', inputTokens: 1_000, outputTokens: 1_000 }).total).toBe(0.0125);
    expect(estimateCost({ model: 'gpt-4o-2024-05-13', inputTokens: 1_000, outputTokens: 1_000 }).total).toBe(0.02);
  });

  test('gpt-4o batch row (1.25 / 5): 1M in + 1M out = 6.25', () => {
    expect(estimateCost({ model: 'gpt-4o', inputTokens: 1_000_000, outputTokens: 1_000_000, tier: 'batch' }).total).toBe(6.25);
  });

  test('o3 flex row (1 / 4): 1,000 in, 2,000 out of which 1,500 reasoning = 0.001 + 0.002 + 0.006 = 0.009', () => {
    const cost = estimateCost({ model: 'o3', inputTokens: 1_000, outputTokens: 2_000, reasoningTokens: 1_500, tier: 'flex' });
    expect(cost.total).toBe(0.009);
    expect(cost.breakdown).toMatchObject({ input: 0.001, output: 0.002, reasoning: 0.006 });
  });

  test('gpt-5 priority row (2.50 / 0.25 / 20): 100,000 in with 50,000 cached, 10,000 out = 0.125 + 0.0125 + 0.2 = 0.3375', () => {
    const cost = estimateCost({ model: 'gpt-5', inputTokens: 100_000, cachedInputTokens: 50_000, outputTokens: 10_000, tier: 'priority' });
    expect(cost.total).toBe(0.3375);
  });

  test('claude-opus-4-5 row (5 / 6.25 / 10 / 0.50 / 25): 4,000 uncached + 10,000 read + 4,000 5m write + 2,000 1h write, 1,000 out = 0.095', () => {
    // 0.02 + 0.005 + 0.025 + 0.02 + 0.025
    const cost = estimateCost({
      model: 'claude-opus-4-5',
      inputTokens: 20_000,
      cachedInputTokens: 10_000,
      cacheWriteTokens: 4_000,
      cacheWrite1hTokens: 2_000,
      outputTokens: 1_000,
    });
    expect(cost.total).toBe(0.095);
    expect(cost.breakdown).toEqual({ input: 0.02, cachedInput: 0.005, cacheWrite5m: 0.025, cacheWrite1h: 0.02, output: 0.025, reasoning: 0, audioInput: 0 });
  });

  test('claude-3-haiku row (0.25 / 1.25): 1M in + 1M out = 1.5; batch (50%) = 0.75', () => {
    expect(estimateCost({ model: 'claude-3-haiku', inputTokens: 1_000_000, outputTokens: 1_000_000 }).total).toBe(1.5);
    expect(estimateCost({ model: 'claude-3-haiku', inputTokens: 1_000_000, outputTokens: 1_000_000, tier: 'batch' }).total).toBe(0.75);
  });

  test('gemini-2.5-flash row (0.30, audio 1.00, out 2.50): 10,000 in of which 4,000 audio, 1,000 out = 0.0018 + 0.004 + 0.0025 = 0.0083', () => {
    const cost = estimateCost({ model: 'gemini-2.5-flash', inputTokens: 10_000, audioInputTokens: 4_000, outputTokens: 1_000 });
    expect(cost.total).toBe(0.0083);
    expect(cost.breakdown.audioInput).toBe(0.004);
  });

  test('gpt-3.5-turbo row (0.50, no cached price): cached tokens are billed as input, 1,000 in (500 cached) = 0.0005', () => {
    expect(estimateCost({ model: 'gpt-3.5-turbo', inputTokens: 1_000, cachedInputTokens: 500, outputTokens: 0 }).total).toBe(0.0005);
  });

  test('gpt-4o batch row has no cached price: batch bills cached tokens at batch input, 1,000 in (all cached) = 0.00125', () => {
    expect(estimateCost({ model: 'gpt-4o', inputTokens: 1_000, cachedInputTokens: 1_000, outputTokens: 0, tier: 'batch' }).total).toBe(0.00125);
  });
});

describe('estimateCost: long-context tiers re-price the whole request (facts §6)', () => {
  test('gemini-2.5-pro row: exactly 200,000 prompt tokens stay low: 200,000 × 1.25 + 1,000 × 10 = 0.26', () => {
    const cost = estimateCost({ model: 'gemini-2.5-pro', inputTokens: 200_000, outputTokens: 1_000 });
    expect(cost.total).toBe(0.26);
    expect(cost.longContext).toBeNull();
  });

  test('gemini-2.5-pro row: 200,001 prompt tokens re-price all: 200,001 × 2.50 + 1,000 × 15 = 0.5150025', () => {
    const cost = estimateCost({ model: 'gemini-2.5-pro', inputTokens: 200_001, outputTokens: 1_000 });
    expect(cost.total).toBe(0.5150025);
    expect(cost.longContext).toEqual({ above: 200_000 });
    expect(cost.rates).toEqual({ input: 2.5, cachedInput: 0.25, output: 15 });
  });

  test('gemini-2.5-pro row: cached tokens count toward the threshold: 250,000 in with 100,000 cached = 0.375 + 0.025 = 0.4', () => {
    expect(estimateCost({ model: 'gemini-2.5-pro', inputTokens: 250_000, cachedInputTokens: 100_000, outputTokens: 0 }).total).toBe(0.4);
  });

  test('claude-sonnet-4-5 >200k row (6 in, 22.50 out): 300,000 in + 2,000 out = 1.8 + 0.045 = 1.845; batch half = 0.9225', () => {
    expect(estimateCost({ model: 'claude-sonnet-4-5', inputTokens: 300_000, outputTokens: 2_000 }).total).toBe(1.845);
    expect(estimateCost({ model: 'claude-sonnet-4-5', inputTokens: 300_000, outputTokens: 2_000, tier: 'batch' }).total).toBe(0.9225);
  });

  test('claude-sonnet-4 >200k row (write 7.50, read 0.60): 210,000 in = 100,000 read + 10,000 5m write + 100,000 uncached = 0.06 + 0.075 + 0.6 = 0.735', () => {
    const cost = estimateCost({ model: 'claude-sonnet-4', inputTokens: 210_000, cachedInputTokens: 100_000, cacheWriteTokens: 10_000, outputTokens: 0 });
    expect(cost.total).toBe(0.735);
  });
});

describe('estimateCost: bad input is a typed error naming the field', () => {
  const base: EstimateCostOptions = { model: 'gpt-4o', inputTokens: 100, outputTokens: 10 };

  test.each([
    ['inputTokens', -1],
    ['inputTokens', 1.5],
    ['inputTokens', Number.NaN],
    ['inputTokens', Number.POSITIVE_INFINITY],
    ['outputTokens', -3],
    ['cachedInputTokens', 0.5],
    ['cacheWriteTokens', -1],
    ['reasoningTokens', Number.NaN],
    ['inputTokens', '100'],
  ])('%s = %s', (field, value) => {
    const call = () => estimateCost({ ...base, [field]: value });
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(new RegExp(`^tokmeter: options\\.${field} must be a non-negative integer, got`));
  });

  test('a missing count is required', () => {
    expect(() => estimateCost({ model: 'gpt-4o', inputTokens: 5 } as EstimateCostOptions)).toThrow('tokmeter: options.outputTokens is required; it must be a non-negative integer.');
  });

  test('an unknown tier', () => {
    const call = () => estimateCost({ ...base, tier: 'turbo' as 'flex' });
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(`options.tier must be 'standard', 'batch', 'flex' or 'priority', got "turbo"`);
  });

  test('a misspelt option is named, not ignored', () => {
    expect(() => estimateCost({ model: 'gpt-4o', inputTokens: 5, outputToken: 1 } as unknown as EstimateCostOptions)).toThrow(
      'tokmeter: options.outputToken is not a known option; check its spelling.',
    );
  });

  test('cached tokens above the prompt', () => {
    const call = () => estimateCost({ ...base, cachedInputTokens: 101 });
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(/^tokmeter: options\.cachedInputTokens takes the cached/);
  });

  test('cached plus cache-write tokens above the prompt names the field that tips it over', () => {
    try {
      estimateCost({ ...base, cachedInputTokens: 60, cacheWriteTokens: 41 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).field).toBe('options.cacheWriteTokens');
    }
  });

  test('reasoning tokens above the output', () => {
    expect(() => estimateCost({ ...base, reasoningTokens: 11 })).toThrow(/^tokmeter: options\.reasoningTokens \(11\) is more than options\.outputTokens \(10\)/);
  });

  test('a tier the model does not offer: flex on gpt-4o, priority on Claude', () => {
    try {
      estimateCost({ ...base, tier: 'flex' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UnsupportedTierError);
      const e = error as UnsupportedTierError;
      expect([e.code, e.field, e.model, e.tier, e.offered]).toEqual(['UNSUPPORTED_TIER', 'tier', 'gpt-4o', 'flex', ['standard', 'batch', 'priority']]);
      expect(e.message).toBe(
        'tokmeter: tier "flex" is not offered for gpt-4o; it offers standard, batch, priority. Pass one of those, or load prices for it with loadPrices().',
      );
    }
    expect(() => estimateCost({ ...base, model: 'claude-haiku-4-5', tier: 'priority' })).toThrow(UnsupportedTierError);
  });

  test('an unknown model', () => {
    expect(() => estimateCost({ ...base, model: 'gpt-9' })).toThrow(UnknownModelError);
  });

  test('no options at all', () => {
    expect(() => estimateCost(undefined as unknown as EstimateCostOptions)).toThrow(InvalidArgumentError);
  });
});
