import { describe, expect, test } from 'vitest';
import { UnknownModelError } from '../../src/errors.js';
import { getModel, listModels } from '../../src/pricing/index.js';
import type { Rates, TierRates } from '../../src/pricing/index.js';

/** Every model issue 5 asks for. */
const REQUIRED = [
  'gpt-4o', 'gpt-4o-2024-05-13', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'o1', 'o3', 'o4-mini',
  'gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'gpt-3.5-turbo', 'gpt-4',
  'claude-3-haiku', 'claude-3-5-haiku', 'claude-3-7-sonnet', 'claude-sonnet-4', 'claude-sonnet-4-5', 'claude-opus-4',
  'claude-opus-4-1', 'claude-opus-4-5', 'claude-haiku-4-5',
  'gemini-2.0-flash', 'gemini-2.5-flash', 'gemini-2.5-flash-lite', 'gemini-2.5-pro',
];

function allRates(id: string): [string, Rates<number>][] {
  const { pricing } = getModel(id);
  const out: [string, Rates<number>][] = [];
  for (const [tier, rates] of Object.entries(pricing) as [string, TierRates<number> | undefined][]) {
    if (rates === undefined) continue;
    out.push([tier, rates]);
    rates.longContext?.forEach((step, i) => out.push([`${tier}.longContext[${i}]`, step]));
  }
  return out;
}

describe('the built-in catalog', () => {
  test('holds every model issue 5 lists, and nothing is loaded yet', () => {
    expect(listModels()).toEqual([...REQUIRED].sort());
    for (const id of REQUIRED) expect(getModel(id).origin).toBe('built-in');
  });

  describe.each(REQUIRED)('sanity rules (facts doc, last paragraph): %s', (id) => {
    const model = getModel(id);

    test('asOf is an ISO date and source is named', () => {
      expect(model.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${model.asOf}T00:00:00Z`).toISOString().slice(0, 10)).toBe(model.asOf);
      expect(model.source.trim().length).toBeGreaterThan(10);
    });

    test('max output and max input fit in the context window', () => {
      expect(model.maxOutputTokens).toBeLessThanOrEqual(model.contextWindow);
      expect(model.maxInputTokens).toBeLessThanOrEqual(model.contextWindow);
      for (const n of [model.contextWindow, model.maxInputTokens, model.maxOutputTokens]) expect(Number.isSafeInteger(n) && n > 0).toBe(true);
    });

    test('cache read ≤ input ≤ 5-minute cache write ≤ 1-hour cache write, in every tier and step', () => {
      for (const [where, r] of allRates(id)) {
        if (r.cachedInput !== undefined) expect(r.cachedInput, where).toBeLessThanOrEqual(r.input);
        if (r.cacheWrite5m !== undefined) expect(r.cacheWrite5m, where).toBeGreaterThanOrEqual(r.input);
        if (r.cacheWrite1h !== undefined) expect(r.cacheWrite1h, where).toBeGreaterThanOrEqual(r.cacheWrite5m ?? r.input);
        expect(r.input, where).toBeGreaterThan(0);
        expect(r.output, where).toBeGreaterThanOrEqual(r.input);
      }
    });

    test('batch is exactly half of standard (facts §4), long-context steps included', () => {
      const { standard, batch } = model.pricing;
      expect(batch, 'every catalog model is offered in batch').toBeDefined();
      const pairs: [Rates<number>, Rates<number> | undefined][] = [[batch!, standard]];
      batch!.longContext?.forEach((step) => pairs.push([step, standard.longContext?.find((s) => s.above === step.above)]));
      for (const [half, full] of pairs) {
        expect(full).toBeDefined();
        for (const key of ['input', 'output', 'cachedInput', 'cacheWrite5m', 'cacheWrite1h', 'audioInput'] as const) {
          if (half[key] !== undefined) expect(half[key]! * 2, key).toBe(full![key]);
        }
      }
    });

    test('priority > standard > flex (facts §5)', () => {
      const { standard, flex, priority } = model.pricing;
      for (const key of ['input', 'output'] as const) {
        if (flex) expect(flex[key]).toBeLessThan(standard[key]);
        if (priority) expect(priority[key]).toBeGreaterThan(standard[key]);
      }
    });

    test('long-context thresholds ascend and each step costs more than the step below', () => {
      for (const [, tier] of Object.entries(model.pricing)) {
        let previous: { above: number; input: number; output: number } = { above: 0, input: tier!.input, output: tier!.output };
        for (const step of tier!.longContext ?? []) {
          expect(step.above).toBeGreaterThan(previous.above);
          expect(step.input).toBeGreaterThan(previous.input);
          expect(step.output).toBeGreaterThan(previous.output);
          previous = step;
        }
      }
    });

    test('tokenizer: exact o200k_base/cl100k_base for OpenAI, marked approximate otherwise', () => {
      if (model.provider === 'openai') {
        expect(model.tokenizer.exact).toBe(true);
        expect(model.tokenizer.encoding).toBe(['gpt-3.5-turbo', 'gpt-4'].includes(id) ? 'cl100k_base' : 'o200k_base');
      } else {
        expect(['anthropic', 'google']).toContain(model.provider);
        expect(model.tokenizer).toEqual({ encoding: 'o200k_base', exact: false });
      }
    });
  });

  test('OpenAI cache discounts (facts §2): 50% for 4o, 4o-mini, o1; 75% for 4.1, o3, o4-mini; 90% for gpt-5', () => {
    const off = (id: string) => 1 - getModel(id).pricing.standard.cachedInput! / getModel(id).pricing.standard.input;
    for (const id of ['gpt-4o', 'gpt-4o-mini', 'o1']) expect(off(id)).toBeCloseTo(0.5, 12);
    for (const id of ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'o3', 'o4-mini']) expect(off(id)).toBeCloseTo(0.75, 12);
    for (const id of ['gpt-5', 'gpt-5-mini', 'gpt-5-nano']) expect(off(id)).toBeCloseTo(0.9, 12);
  });

  test('Anthropic cache prices (facts §2–3): read 0.1×, 5-minute write 1.25×, 1-hour write 2× input; claude-3-haiku row: read 0.03, write 0.30', () => {
    for (const id of REQUIRED.filter((m) => m.startsWith('claude-'))) {
      const { input, cachedInput, cacheWrite5m, cacheWrite1h } = getModel(id).pricing.standard;
      expect(cachedInput, id).toBe(id === 'claude-3-haiku' ? 0.03 : input / 10);
      expect(cacheWrite1h! / input, id).toBeCloseTo(2, 12);
      expect(cacheWrite5m, id).toBe(id === 'claude-3-haiku' ? 0.3 : input * 1.25);
    }
  });

  test('Gemini cache reads (facts §2): 0.1× input on 2.5, 0.25× on 2.0', () => {
    for (const id of ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite']) {
      const { input, cachedInput } = getModel(id).pricing.standard;
      expect(cachedInput! / input).toBeCloseTo(0.1, 12);
    }
    expect(getModel('gemini-2.0-flash').pricing.standard.cachedInput! / 0.1).toBeCloseTo(0.25, 12);
  });

  test('pricing-facts rows, spot-checked: gpt-5 limits 400k window / 272k input / 128k output, flex 0.625/5, priority 2.50/20', () => {
    const gpt5 = getModel('gpt-5');
    expect([gpt5.contextWindow, gpt5.maxInputTokens, gpt5.maxOutputTokens]).toEqual([400_000, 272_000, 128_000]);
    expect(gpt5.pricing.flex).toMatchObject({ input: 0.625, output: 5 });
    expect(gpt5.pricing.priority).toMatchObject({ input: 2.5, output: 20 });
  });

  test('pricing-facts rows, spot-checked: claude-sonnet-4-5 above 200k: 6 in, 22.50 out, write 7.50/12, read 0.60', () => {
    expect(getModel('claude-sonnet-4-5').pricing.standard.longContext).toEqual([
      { above: 200_000, input: 6, output: 22.5, cacheWrite5m: 7.5, cacheWrite1h: 12, cachedInput: 0.6 },
    ]);
  });

  test('pricing-facts rows, spot-checked: gemini-2.5-pro above 200k: 2.50 in, 0.25 cache read, 15 out', () => {
    expect(getModel('gemini-2.5-pro').pricing.standard.longContext).toEqual([{ above: 200_000, input: 2.5, cachedInput: 0.25, output: 15 }]);
  });
});

describe('resolving ids', () => {
  test.each([
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['gpt-4o-2024-11-20', 'gpt-4o'],
    ['openai/gpt-4o', 'gpt-4o'],
    ['openai/gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['gpt-4.1-nano-2025-04-14', 'gpt-4.1-nano'],
    ['gpt-5-2025-08-07', 'gpt-5'],
    ['gpt-3.5-turbo-0125', 'gpt-3.5-turbo'],
    ['gpt-4-0613', 'gpt-4'],
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['anthropic/claude-sonnet-4-5', 'claude-sonnet-4-5'],
    ['anthropic/claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['claude-3-7-sonnet-latest', 'claude-3-7-sonnet'],
    ['claude-3-5-haiku-latest', 'claude-3-5-haiku'],
    ['claude-opus-4-0', 'claude-opus-4'],
    ['claude-3-haiku-20240307', 'claude-3-haiku'],
    ['gemini/gemini-2.5-pro', 'gemini-2.5-pro'],
    ['google/gemini-2.5-flash', 'gemini-2.5-flash'],
    ['models/gemini-2.0-flash-001', 'gemini-2.0-flash'],
  ])('%s → %s', (requested, id) => {
    expect(getModel(requested).id).toBe(id);
  });

  test('gpt-4o-2024-05-13 keeps its own prices (row: 5.00 / – / 15.00, max out 4,096)', () => {
    const model = getModel('openai/gpt-4o-2024-05-13');
    expect(model.id).toBe('gpt-4o-2024-05-13');
    expect(model.pricing.standard).toEqual({ input: 5, output: 15 });
    expect(model.maxOutputTokens).toBe(4_096);
  });

  test('a provider prefix must match the provider', () => {
    expect(() => getModel('anthropic/gpt-4o')).toThrow(UnknownModelError);
    expect(() => getModel('openai/gemini-2.5-pro')).toThrow(UnknownModelError);
  });

  test('an unknown id throws UnknownModelError with the closest ids and how to add prices', () => {
    const error = (() => {
      try {
        getModel('gpt4o-mini');
      } catch (e) {
        return e as UnknownModelError;
      }
      throw new Error('expected a throw');
    })();
    expect(error).toBeInstanceOf(UnknownModelError);
    expect(error.code).toBe('UNKNOWN_MODEL');
    expect(error.suggestions[0]).toBe('gpt-4o-mini');
    expect(error.message).toMatch(/^tokmeter: unknown model "gpt4o-mini"\. Did you mean "gpt-4o-mini"/);
    expect(error.message).toContain('loadPrices()');
  });

  test('an unknown dated snapshot is not guessed (its prices may differ)', () => {
    expect(() => getModel('gpt-4o-2099-01-01')).toThrow(UnknownModelError);
    expect(() => getModel('gpt-3.5-turbo-1106')).toThrow(UnknownModelError);
  });

  test('getModel returns a copy; changing it does not change the catalog', () => {
    const model = getModel('gpt-4o');
    model.pricing.standard.input = 0;
    (model.aliases as string[]).push('mine');
    expect(getModel('gpt-4o').pricing.standard.input).toBe(2.5);
    expect(() => getModel('mine')).toThrow(UnknownModelError);
  });
});

test('getModel refuses a non-string id', () => {
  expect(() => getModel(42 as unknown as string)).toThrow('tokmeter: id must be a model id string, got number.');
});
