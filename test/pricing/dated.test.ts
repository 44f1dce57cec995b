import { afterEach, describe, expect, test } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import {
  checkContext,
  compareModels,
  costFromUsage,
  estimateCost,
  estimateMonthlySpend,
  getModel,
  loadPrices,
  NoPriceOnDateError,
  PRICES_FORMAT,
  PriceTableError,
  resetPrices,
} from '../../src/pricing/index.js';

/**
 * Effective-dated prices and lifecycle dates, on a made-up model so the figures are independent of
 * the built-in catalog: a list price from 2026-03-01, a promotion over it in May, a cut from
 * 2026-09-01, deprecated 2026-10-01 and shut down 2026-11-30.
 */
const facts = {
  provider: 'acme',
  tokenizer: { encoding: 'o200k_base', exact: false },
  contextWindow: 100_000,
  maxInputTokens: 100_000,
  maxOutputTokens: 10_000,
};
const row = (input: string, output: string, extra: Record<string, unknown> = {}) => ({
  pricing: { standard: { input, output }, batch: { input: String(Number(input) / 2), output: String(Number(output) / 2) } },
  asOf: '2026-11-01',
  source: 'https://acme.example/pricing',
  ...extra,
});

function loadAcme(): void {
  loadPrices({
    format: PRICES_FORMAT,
    models: {
      'acme-1': {
        ...facts,
        deprecatedOn: '2026-10-01',
        shutdownOn: '2026-11-30',
        lifecycleSource: 'acme deprecations page',
        prices: [
          row('4', '20', { effectiveFrom: '2026-03-01' }),
          row('2', '10', { effectiveFrom: '2026-05-01', effectiveUntil: '2026-05-31', kind: 'promotion' }),
          row('3', '15', { effectiveFrom: '2026-09-01' }),
        ],
      },
    },
  });
}

afterEach(() => resetPrices());

const MILLION = { inputTokens: 1_000_000, outputTokens: 1_000_000 };

describe('the row in effect on a day', () => {
  test.each([
    ['2026-03-01', 24, '2026-03-01', 'list'], // the first day of the first row
    ['2026-04-30', 24, '2026-03-01', 'list'], // the day before the promotion
    ['2026-05-01', 12, '2026-05-01', 'promotion'], // its first day
    ['2026-05-31', 12, '2026-05-01', 'promotion'], // its last day
    ['2026-06-01', 24, '2026-03-01', 'list'], // the list price is back the day after
    ['2026-08-31', 24, '2026-03-01', 'list'], // the day before the cut
    ['2026-09-01', 18, '2026-09-01', 'list'], // the day of the cut
    ['2027-06-01', 18, '2026-09-01', 'list'], // open-ended
  ])('on %s 1M in + 1M out cost $%d (row from %s, %s)', (at, total, effectiveFrom, kind) => {
    loadAcme();
    const cost = estimateCost({ model: 'acme-1', ...MILLION, at });
    expect(cost.total).toBe(total);
    expect(cost.price).toEqual({
      at,
      effectiveFrom,
      effectiveUntil: kind === 'promotion' ? '2026-05-31' : null,
      kind,
      asOf: '2026-11-01',
      source: 'https://acme.example/pricing',
    });
    expect(getModel('acme-1', { at }).pricing.standard.input).toBe(total / 6);
  });

  test('before the first row there is no price: a typed error naming the first day', () => {
    loadAcme();
    const error = (() => {
      try {
        estimateCost({ model: 'acme-1', ...MILLION, at: '2026-02-28' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(NoPriceOnDateError);
    expect((error as NoPriceOnDateError).code).toBe('NO_PRICE_ON_DATE');
    expect((error as NoPriceOnDateError).firstPriced).toBe('2026-03-01');
    expect((error as Error).message).toMatch(/^tokmeter: acme-1 has no price in effect on 2026-02-28; its first price takes effect on 2026-03-01/);
  });

  test('a Date bills its UTC day', () => {
    loadAcme();
    expect(estimateCost({ model: 'acme-1', ...MILLION, at: new Date('2026-05-31T23:59:59Z') }).total).toBe(12);
    expect(estimateCost({ model: 'acme-1', ...MILLION, at: new Date('2026-06-01T00:00:00Z') }).total).toBe(24);
  });

  test('the default is today (UTC)', () => {
    loadAcme();
    const today = new Date().toISOString().slice(0, 10);
    expect(estimateCost({ model: 'acme-1', ...MILLION }).price.at).toBe(today);
  });

  test.each([['2026-13-01'], ['2026-02-30'], ['26-01-01'], ['yesterday'], [''], [20260101], [new Date('nope')], [null]])(
    'at %s is an InvalidArgumentError naming options.at',
    (at) => {
      loadAcme();
      expect(() => estimateCost({ model: 'acme-1', ...MILLION, at: at as string })).toThrow(InvalidArgumentError);
      expect(() => estimateCost({ model: 'acme-1', ...MILLION, at: at as string })).toThrow(/options\.at/);
    },
  );

  test('getModel lists every row, oldest first, and the one in effect', () => {
    loadAcme();
    const model = getModel('acme-1', { at: '2026-05-15' });
    expect(model.prices.map((r) => [r.effectiveFrom, r.effectiveUntil, r.kind])).toEqual([
      ['2026-03-01', undefined, 'list'],
      ['2026-05-01', '2026-05-31', 'promotion'],
      ['2026-09-01', undefined, 'list'],
    ]);
    expect(model.price.kind).toBe('promotion');
    expect(model.asOf).toBe('2026-11-01');
    expect(() => getModel('acme-1', { at: '2026-05-15', when: 1 } as never)).toThrow(/options\.when is not an option of getModel/);
  });
});

describe('lifecycle', () => {
  test.each([
    ['2026-09-30', 'active', []],
    ['2026-10-01', 'deprecated', ['MODEL_DEPRECATED']],
    ['2026-11-30', 'deprecated', ['MODEL_DEPRECATED']], // the shutdown day itself still serves
    ['2026-12-01', 'shut-down', ['MODEL_SHUT_DOWN']],
  ])('on %s the model is %s', (at, status, codes) => {
    loadAcme();
    expect(getModel('acme-1', { at }).status).toBe(status);
    const cost = estimateCost({ model: 'acme-1', ...MILLION, at });
    expect(cost.total).toBe(18); // a retired model is still priced, for the history of bills
    expect(cost.warnings.map((w) => w.code)).toEqual(codes);
    expect(estimateMonthlySpend({ model: 'acme-1', requestsPerMonth: 1, ...MILLION, at }).warnings.map((w) => w.code)).toEqual(codes);
    expect(checkContext({ model: 'acme-1', input: 10, at }).warnings.map((w) => w.code)).toEqual(codes);
  });

  test('the shut-down warning names the date and the source', () => {
    loadAcme();
    const [warning] = estimateCost({ model: 'acme-1', ...MILLION, at: '2026-12-07' }).warnings;
    expect(warning?.message).toBe(
      'acme-1 was shut down on 2026-11-30 (acme deprecations page); requests after that day fail. The cost is what it would have been billed at its last prices.',
    );
  });
});

describe('every cost function takes at', () => {
  test('estimateMonthlySpend and compareModels bill the row of the day', () => {
    loadAcme();
    const scenario = { requestsPerMonth: 10, inputTokens: 100_000, outputTokens: 10_000 };
    expect(estimateMonthlySpend({ model: 'acme-1', ...scenario, at: '2026-05-10' }).total).toBe(3); // 10 × (0.1M × $2 + 0.01M × $10)
    expect(estimateMonthlySpend({ model: 'acme-1', ...scenario, at: '2026-06-10' }).total).toBe(6); // 10 × (0.1M × $4 + 0.01M × $20)
    const [line] = compareModels({ ...scenario, at: '2026-05-10' }, ['acme-1']);
    expect(line?.total).toBe(3);
    expect(line?.spend.price.kind).toBe('promotion');
    expect(() => compareModels({ ...scenario, at: '2026-02-01' }, ['acme-1'])).toThrow(NoPriceOnDateError);
  });
});

describe('price rows are checked when loaded', () => {
  const load = (prices: unknown[], extra: Record<string, unknown> = {}) =>
    loadPrices({ format: PRICES_FORMAT, models: { 'acme-2': { ...facts, prices, ...extra } as never } });
  const problem = (call: () => unknown) => {
    try {
      call();
    } catch (error) {
      expect(error).toBeInstanceOf(PriceTableError);
      return `${(error as PriceTableError).field}: ${(error as PriceTableError).problem}`;
    }
    throw new Error('expected a PriceTableError');
  };

  test('rows must ascend by effectiveFrom', () => {
    expect(problem(() => load([row('4', '20', { effectiveFrom: '2026-03-01' }), row('3', '15', { effectiveFrom: '2026-02-01' })]))).toMatch(
      /^prices\[1\]\.effectiveFrom: is 2026-02-01; rows must ascend/,
    );
  });

  test('only the first row may leave effectiveFrom out', () => {
    expect(problem(() => load([row('4', '20'), row('3', '15')]))).toMatch(/^prices\[1\]\.effectiveFrom: is missing/);
  });

  test('a row may not end before it starts', () => {
    expect(problem(() => load([row('4', '20', { effectiveFrom: '2026-03-01', effectiveUntil: '2026-02-01' })]))).toMatch(
      /^prices\[0\]\.effectiveUntil: is 2026-02-01, before its effectiveFrom/,
    );
  });

  test('each row is held to the sanity rules', () => {
    const bad = row('4', '20', { effectiveFrom: '2026-03-01' });
    bad.pricing.batch = { input: '3', output: '10' };
    expect(problem(() => load([row('4', '20'), bad]))).toMatch(/^prices\[1\]\.pricing\.batch\.input: is not half/);
  });

  test('dated rows and the flat shorthand are not mixed', () => {
    expect(problem(() => load([row('4', '20')], { asOf: '2026-01-01' }))).toMatch(/^asOf: is given beside prices/);
    expect(problem(() => loadPrices({ format: PRICES_FORMAT, models: { x: { ...facts, pricing: row('1', '2').pricing, asOf: '2026-01-01' } as never } }))).toMatch(
      /^source: is required/,
    );
  });

  test('lifecycle dates are checked', () => {
    expect(problem(() => load([row('4', '20')], { deprecatedOn: '2026-12-01', shutdownOn: '2026-11-01' }))).toMatch(/^deprecatedOn: is 2026-12-01, after shutdownOn/);
    expect(problem(() => load([row('4', '20')], { shutdownOn: '2026-11-31' }))).toMatch(/^shutdownOn: must be an ISO date/);
  });
});

describe('costFromUsage takes at', () => {
  test('a usage object is billed at the row of its day, a Date included', () => {
    loadAcme();
    const usage = { prompt_tokens: 1_000_000, completion_tokens: 1_000_000 };
    expect(costFromUsage({ model: 'acme-1', usage, format: 'openai-chat', at: '2026-05-02' }).total).toBe(12);
    expect(costFromUsage({ model: 'acme-1', usage, format: 'openai-chat', at: new Date('2026-06-02T12:00:00Z') }).total).toBe(24);
    expect(costFromUsage({ model: 'acme-1', usage, format: 'openai-chat', at: '2026-12-02' }).warnings[0]?.code).toBe('MODEL_SHUT_DOWN');
    expect(() => costFromUsage({ model: 'acme-1', usage, at: 'soon' })).toThrow(/options\.at must be an ISO date/);
  });
});

describe('flagshipModels', () => {
  test('the newest built-in model of each family that is active on the day', async () => {
    const { flagshipModels } = await import('../../src/pricing/index.js');
    expect(flagshipModels({ at: '2026-12-07' }).map((m) => m.id)).toEqual([
      'gpt-6.2-sol', 'gpt-6.2-astra', 'gpt-5.5', 'gpt-5.4-mini', 'claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5', 'gemini-4-carbon', 'gemini-3.8-flash',
    ]);
    // Before Claude Haiku 5.5 (2026-10-07) and GPT-6.2 (2026-11-17), their predecessors lead.
    expect(flagshipModels({ at: '2026-10-01' }).map((m) => m.id)).toEqual([
      'gpt-6.1-sol', 'gpt-6-astra', 'gpt-5.5', 'gpt-5.4-mini', 'claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-4-5', 'gemini-3.8-flash',
    ]);
    expect(() => flagshipModels({ when: '2026-10-01' } as never)).toThrow(/options\.when is not an option of flagshipModels/);
  });
});
