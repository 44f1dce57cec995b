import { describe, expect, test } from 'vitest';
import { UnknownModelError } from '../../src/errors.js';
import { getModel, listModels } from '../../src/pricing/index.js';
import type { Rates, TierRates } from '../../src/pricing/index.js';

/**
 * Every model of the built-in catalog (src/pricing/catalog/): the generally available text models of
 * OpenAI, Anthropic and Google as of 2026-12-07, and the ones retired since 2025.
 */
const CATALOG = [
  // OpenAI
  'gpt-6.2-astra', 'gpt-6.2-sol', 'gpt-6.1-terra', 'gpt-6.1-sol', 'gpt-6-sol', 'gpt-6-luna', 'gpt-6-astra',
  'gpt-5.6-sol', 'gpt-5.6-terra', 'gpt-5.6-luna', 'gpt-5.5', 'gpt-5.5-pro', 'gpt-5.4-pro', 'gpt-5.4', 'gpt-5.4-mini',
  'gpt-5.4-nano', 'gpt-5.3-codex', 'gpt-5.2', 'gpt-5.2-pro', 'gpt-5.1', 'gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'gpt-5-pro',
  'o3', 'o3-pro', 'o4-mini', 'o3-mini', 'o1', 'o1-pro', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano',
  'gpt-4o', 'gpt-4o-2024-05-13', 'gpt-4o-mini', 'gpt-4-turbo', 'gpt-4', 'gpt-3.5-turbo',
  // Anthropic
  'claude-fable-5-2', 'claude-mythos-5-2', 'claude-fable-5-1', 'claude-mythos-5-1', 'claude-fable-5', 'claude-mythos-5',
  'claude-opus-5-5', 'claude-opus-5', 'claude-opus-4-8', 'claude-opus-4-7', 'claude-opus-4-6', 'claude-opus-4-5',
  'claude-opus-4-1', 'claude-opus-4', 'claude-sonnet-5-5', 'claude-sonnet-5', 'claude-sonnet-4-6', 'claude-sonnet-4-5',
  'claude-sonnet-4', 'claude-3-7-sonnet', 'claude-haiku-5-5', 'claude-haiku-4-5', 'claude-3-5-haiku', 'claude-3-haiku',
  // Google
  'gemini-4-carbon', 'gemini-4-argon', 'gemini-4-neon', 'gemini-4-hydrogen', 'gemini-3.8-flash', 'gemini-3.7-flash',
  'gemini-3.6-flash', 'gemini-3.5-flash', 'gemini-3.5-flash-lite', 'gemini-3.1-flash-lite', 'gemini-3.1-pro-preview',
  'gemini-3-pro-preview', 'gemini-2.5-flash-lite', 'gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.0-flash',
  'gemini-2.0-flash-lite',
];

/** Models no source gives a batch price for (each says so in the catalog). */
const NO_BATCH = ['gpt-5.3-codex', 'gpt-5.2', 'gpt-5.2-pro', 'gpt-5.1', 'o3-mini', 'gpt-4-turbo', 'gemini-3.5-flash', 'gemini-2.0-flash-lite'];

/** OpenAI models whose encoding OpenAI has not published (counted with o200k_base as a stand-in). */
const OPENAI_UNPUBLISHED_ENCODING = /^gpt-(5\.6|6)/;
const OPENAI_CL100K = ['gpt-3.5-turbo', 'gpt-4', 'gpt-4-turbo'];

const AT = '2026-12-07';

/** Every tier and long-context step of every dated row, labelled for failure messages. */
function allRates(id: string): [string, Rates<number>][] {
  const out: [string, Rates<number>][] = [];
  getModel(id, { at: AT }).prices.forEach((row, r) => {
    for (const [tier, rates] of Object.entries(row.pricing) as [string, TierRates<number> | undefined][]) {
      if (rates === undefined) continue;
      out.push([`prices[${r}].${tier}`, rates]);
      rates.longContext?.forEach((step, i) => out.push([`prices[${r}].${tier}.longContext[${i}]`, step]));
    }
  });
  return out;
}

const isIsoDay = (day: string) => /^\d{4}-\d{2}-\d{2}$/.test(day) && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;

describe('the built-in catalog', () => {
  test('holds every model listed above, and nothing is loaded yet', () => {
    expect(listModels()).toEqual([...CATALOG].sort());
    for (const id of CATALOG) expect(getModel(id, { at: AT }).origin).toBe('built-in');
  });

  describe.each(CATALOG)('sanity rules (facts doc, last paragraph), every row: %s', (id) => {
    const model = getModel(id, { at: AT });

    test('each row: asOf is an ISO date and a source is named; rows ascend, only the first undated, promotions end', () => {
      model.prices.forEach((row, i) => {
        expect(isIsoDay(row.asOf), `prices[${i}].asOf`).toBe(true);
        expect(row.source.trim().length, `prices[${i}].source`).toBeGreaterThan(10);
        if (i > 0) {
          expect(row.effectiveFrom, `prices[${i}].effectiveFrom`).toBeDefined();
          const previous = model.prices[i - 1]!.effectiveFrom;
          if (previous !== undefined) expect(row.effectiveFrom! > previous, `prices[${i}] after prices[${i - 1}]`).toBe(true);
        }
        if (row.effectiveFrom !== undefined) expect(isIsoDay(row.effectiveFrom)).toBe(true);
        if (row.kind === 'promotion') expect(row.effectiveUntil, `prices[${i}] is a promotion with an end`).toBeDefined();
        if (row.effectiveUntil !== undefined && row.effectiveFrom !== undefined) expect(row.effectiveUntil >= row.effectiveFrom).toBe(true);
      });
    });

    test('lifecycle dates are ISO days, in order, with their source', () => {
      for (const day of [model.deprecatedOn, model.shutdownOn]) if (day !== undefined) expect(isIsoDay(day)).toBe(true);
      if (model.deprecatedOn !== undefined && model.shutdownOn !== undefined) expect(model.deprecatedOn <= model.shutdownOn).toBe(true);
      if (model.deprecatedOn !== undefined || model.shutdownOn !== undefined) expect(model.lifecycleSource?.trim().length).toBeGreaterThan(5);
    });

    test('max output and max input fit in the context window', () => {
      expect(model.maxOutputTokens).toBeLessThanOrEqual(model.contextWindow);
      expect(model.maxInputTokens).toBeLessThanOrEqual(model.contextWindow);
      for (const n of [model.contextWindow, model.maxInputTokens, model.maxOutputTokens]) expect(Number.isSafeInteger(n) && n > 0).toBe(true);
    });

    test('cache read ≤ input ≤ 5-minute cache write ≤ 1-hour cache write, in every row, tier and step', () => {
      for (const [where, r] of allRates(id)) {
        if (r.cachedInput !== undefined) expect(r.cachedInput, where).toBeLessThanOrEqual(r.input);
        if (r.cacheWrite5m !== undefined) expect(r.cacheWrite5m, where).toBeGreaterThanOrEqual(r.input);
        if (r.cacheWrite1h !== undefined) expect(r.cacheWrite1h, where).toBeGreaterThanOrEqual(r.cacheWrite5m ?? r.input);
        expect(r.input, where).toBeGreaterThan(0);
        expect(r.output, where).toBeGreaterThanOrEqual(r.input);
      }
    });

    test('batch is exactly half of standard (facts §4) in every row, long-context steps included', () => {
      model.prices.forEach(({ pricing: { standard, batch } }, r) => {
        if (NO_BATCH.includes(id)) {
          expect(batch, `prices[${r}]: no batch price was found`).toBeUndefined();
          return;
        }
        expect(batch, `prices[${r}] offers batch`).toBeDefined();
        const pairs: [Rates<number>, Rates<number> | undefined][] = [[batch!, standard]];
        batch!.longContext?.forEach((step) => pairs.push([step, standard.longContext?.find((s) => s.above === step.above)]));
        expect(batch!.longContext?.length ?? 0, `prices[${r}]: a batch step for each standard step`).toBe(standard.longContext?.length ?? 0);
        for (const [half, full] of pairs) {
          expect(full).toBeDefined();
          for (const key of ['input', 'output', 'cachedInput', 'cacheWrite5m', 'cacheWrite1h', 'audioInput'] as const) {
            if (half[key] !== undefined) expect(half[key]! * 2, `prices[${r}] ${key}`).toBe(full![key]);
          }
        }
      });
    });

    test('priority > standard > flex (facts §5) in every row', () => {
      for (const { pricing: { standard, flex, priority } } of model.prices) {
        for (const key of ['input', 'output'] as const) {
          if (flex) expect(flex[key]).toBeLessThan(standard[key]);
          if (priority) expect(priority[key]).toBeGreaterThan(standard[key]);
        }
      }
    });

    test('long-context thresholds ascend and each step costs more than the step below', () => {
      for (const { pricing } of model.prices) {
        for (const [, tier] of Object.entries(pricing)) {
          let previous: { above: number; input: number; output: number } = { above: 0, input: tier!.input, output: tier!.output };
          for (const step of tier!.longContext ?? []) {
            expect(step.above).toBeGreaterThan(previous.above);
            expect(step.input).toBeGreaterThan(previous.input);
            expect(step.output).toBeGreaterThan(previous.output);
            previous = step;
          }
        }
      }
    });

    test('tokenizer: OpenAI exact (cl100k_base for GPT-4 and 3.5, o200k_base after) except GPT-5.6/6.x; approximate elsewhere', () => {
      if (model.provider === 'openai') {
        const unpublished = OPENAI_UNPUBLISHED_ENCODING.test(id);
        expect(model.tokenizer).toEqual({ encoding: OPENAI_CL100K.includes(id) ? 'cl100k_base' : 'o200k_base', exact: !unpublished });
      } else {
        expect(['anthropic', 'google']).toContain(model.provider);
        expect(model.tokenizer).toEqual({ encoding: 'o200k_base', exact: false });
      }
    });
  });

  test('OpenAI cache discounts (facts §2): 50% for 4o, 4o-mini, o1; 75% for 4.1, o3, o4-mini; 90% for gpt-5.x', () => {
    const off = (id: string) => {
      const { input, cachedInput } = getModel(id, { at: AT }).pricing.standard;
      return 1 - cachedInput! / input;
    };
    for (const id of ['gpt-4o', 'gpt-4o-mini', 'o1']) expect(off(id)).toBeCloseTo(0.5, 12);
    for (const id of ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'o3', 'o4-mini']) expect(off(id)).toBeCloseTo(0.75, 12);
    for (const id of ['gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'gpt-5.1', 'gpt-5.2', 'gpt-5.4', 'gpt-5.4-mini', 'gpt-5.4-nano', 'gpt-5.5']) {
      expect(off(id), id).toBeCloseTo(0.9, 12);
    }
  });

  test('OpenAI cache writes (GPT-5.6 and later) are 1.25× input in every row and long-context step', () => {
    for (const id of CATALOG.filter((m) => OPENAI_UNPUBLISHED_ENCODING.test(m))) {
      for (const [where, r] of allRates(id)) {
        if (r.cacheWrite5m !== undefined) expect(r.cacheWrite5m / r.input, `${id} ${where}`).toBeCloseTo(1.25, 12);
      }
    }
  });

  test('Anthropic cache prices (facts §2–3) for the 2025 models: read 0.1×, 5-minute write 1.25×, 1-hour write 2× input; claude-3-haiku: read 0.03, write 0.30', () => {
    const models2025 = [
      'claude-opus-4-5', 'claude-opus-4-1', 'claude-opus-4', 'claude-sonnet-4-5', 'claude-sonnet-4', 'claude-3-7-sonnet',
      'claude-haiku-4-5', 'claude-3-5-haiku', 'claude-3-haiku',
    ];
    for (const id of models2025) {
      const { input, cachedInput, cacheWrite5m, cacheWrite1h } = getModel(id, { at: AT }).pricing.standard;
      expect(cachedInput, id).toBe(id === 'claude-3-haiku' ? 0.03 : input / 10);
      expect(cacheWrite1h! / input, id).toBeCloseTo(2, 12);
      expect(cacheWrite5m, id).toBe(id === 'claude-3-haiku' ? 0.3 : input * 1.25);
    }
  });

  test('Anthropic cache writes of the 2026 models: 5-minute 1.25×, 1-hour 2× input where given', () => {
    for (const id of CATALOG.filter((m) => m.startsWith('claude-') && getModel(m, { at: AT }).prices.some((row) => row.effectiveFrom?.startsWith('2026')))) {
      for (const [where, r] of allRates(id)) {
        if (r.cacheWrite5m !== undefined) expect(r.cacheWrite5m / r.input, `${id} ${where}`).toBeCloseTo(1.25, 12);
        if (r.cacheWrite1h !== undefined) expect(r.cacheWrite1h / r.input, `${id} ${where}`).toBeCloseTo(2, 12);
      }
    }
  });

  test('Gemini cache reads (facts §2): 0.1× input on 2.5, 0.25× on 2.0, 0.05× on Gemini 4', () => {
    const ratio = (id: string) => getModel(id, { at: AT }).pricing.standard.cachedInput! / getModel(id, { at: AT }).pricing.standard.input;
    for (const id of ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite']) expect(ratio(id)).toBeCloseTo(0.1, 12);
    expect(ratio('gemini-2.0-flash')).toBeCloseTo(0.25, 12);
    for (const id of ['gemini-4-carbon', 'gemini-4-argon', 'gemini-4-neon', 'gemini-4-hydrogen']) expect(ratio(id)).toBeCloseTo(0.05, 12);
  });

  test('pricing-facts rows, spot-checked: gpt-5 limits 400k window / 272k input / 128k output, flex 0.625/5, priority 2.50/20', () => {
    const gpt5 = getModel('gpt-5', { at: AT });
    expect([gpt5.contextWindow, gpt5.maxInputTokens, gpt5.maxOutputTokens]).toEqual([400_000, 272_000, 128_000]);
    expect(gpt5.pricing.flex).toMatchObject({ input: 0.625, output: 5 });
    expect(gpt5.pricing.priority).toMatchObject({ input: 2.5, output: 20 });
  });

  test('pricing-facts-2026 rows, spot-checked: GPT-6.x window 1,050,000 / 922,000 in / 128,000 out; gpt-6.1-terra writes 1.25 (30-min) and 2.50 (12-h)', () => {
    for (const id of ['gpt-6.2-astra', 'gpt-6.2-sol', 'gpt-6.1-terra', 'gpt-6.1-sol', 'gpt-6-sol', 'gpt-6-luna', 'gpt-6-astra']) {
      const m = getModel(id, { at: AT });
      expect([m.contextWindow, m.maxInputTokens, m.maxOutputTokens], id).toEqual([1_050_000, 922_000, 128_000]);
    }
    expect(getModel('gpt-6.1-terra', { at: AT }).pricing.standard).toMatchObject({ cacheWrite5m: 1.25, cacheWrite1h: 2.5 });
  });

  test('pricing-facts rows, spot-checked: claude-sonnet-4-5 above 200k: 6 in, 22.50 out, write 7.50/12, read 0.60', () => {
    expect(getModel('claude-sonnet-4-5', { at: AT }).pricing.standard.longContext).toEqual([
      { above: 200_000, input: 6, output: 22.5, cacheWrite5m: 7.5, cacheWrite1h: 12, cachedInput: 0.6 },
    ]);
  });

  test('pricing-facts rows, spot-checked: gemini-2.5-pro above 200k: 2.50 in, 0.25 cache read, 15 out', () => {
    expect(getModel('gemini-2.5-pro', { at: AT }).pricing.standard.longContext).toEqual([{ above: 200_000, input: 2.5, cachedInput: 0.25, output: 15 }]);
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
    ['gpt-5.6', 'gpt-5.6-sol'],
    ['openai/gpt-5.6-sol-2026-07-09', 'gpt-5.6-sol'],
    ['gpt-5.5-2026-04-23', 'gpt-5.5'],
    ['gpt-5.4-mini-2026-03-17', 'gpt-5.4-mini'],
    ['gpt-4-1106-preview', 'gpt-4-turbo'],
    ['o3-pro-2025-06-10', 'o3-pro'],
    ['claude-opus-4-6-20260205', 'claude-opus-4-6'],
    ['anthropic/claude-opus-4-7-20260416', 'claude-opus-4-7'],
    ['claude-4-sonnet-20250514', 'claude-sonnet-4'],
    ['gemini/gemini-3.1-pro-preview-customtools', 'gemini-3.1-pro-preview'],
    ['gemini-2.0-flash-lite-001', 'gemini-2.0-flash-lite'],
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
