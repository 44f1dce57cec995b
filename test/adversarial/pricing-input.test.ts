import { afterEach, describe, expect, test } from 'vitest';
import { TokmeterError, UnknownModelError } from '../../src/errors.js';
import { estimateCost, getModel, loadPrices, PRICES_FORMAT, PriceTableError, resetPrices } from '../../src/pricing/index.js';
import { parseDecimal } from '../../src/pricing/decimal.js';

/** Issue 24, items 3, 5, 9 and 11: user text reaching the price catalog. */

afterEach(() => resetPrices());

const acme = (price: unknown, encoding = 'o200k_base') => ({
  format: PRICES_FORMAT,
  models: {
    acme: {
      provider: 'acme',
      tokenizer: { encoding, exact: false },
      contextWindow: 1000,
      maxInputTokens: 1000,
      maxOutputTokens: 100,
      pricing: { standard: { input: price, output: price } },
      asOf: '2026-12-01',
      source: 'test',
    },
  },
});

describe('provider prefixes that are Object.prototype keys', () => {
  test.each(['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'])('%s/gpt-4o is an UnknownModelError, not a TypeError', (prefix) => {
    expect(() => getModel(`${prefix}/gpt-4o`)).toThrow(UnknownModelError);
    expect(() => estimateCost({ model: `${prefix}/gpt-4o`, inputTokens: 1, outputTokens: 1 })).toThrow(UnknownModelError);
  });
});

describe('prices are bounded where they are parsed', () => {
  test('a huge exponent is refused at once, not computed', () => {
    const started = performance.now();
    expect(parseDecimal('1e40000000')).toBeUndefined();
    expect(parseDecimal('1e1000000000')).toBeUndefined();
    expect(parseDecimal(`1${'0'.repeat(5000)}`)).toBeUndefined();
    expect(() => loadPrices(acme('1e40000000'))).toThrow(PriceTableError);
    expect(performance.now() - started).toBeLessThan(1_000); // 28 s before
  });

  test.each([['1e400'], [1e308], ['1000001'], [Infinity], ['-1'], ['NaN']])('a price of %s is a PriceTableError, never a cost of Infinity', (price) => {
    const error = (() => {
      try {
        loadPrices(acme(price));
      } catch (e) {
        return e as PriceTableError;
      }
    })();
    expect(error).toBeInstanceOf(PriceTableError);
    expect(error?.field).toBe('pricing.standard.input');
    expect(error?.message).toMatch(/must be a price from 0 to 1000000 USD per 1M tokens/);
  });

  test('a LiteLLM entry with a 1e308 price is rejected, the rest of the table loads', () => {
    const result = loadPrices({
      last_updated: '2026-12-01',
      'acme/huge': { litellm_provider: 'acme', input_cost_per_token: 1e308, output_cost_per_token: 1e-6, max_input_tokens: 1000, max_output_tokens: 100 },
      'acme/fine': { litellm_provider: 'acme', input_cost_per_token: 1e-6, output_cost_per_token: 2e-6, max_input_tokens: 1000, max_output_tokens: 100 },
    });
    expect(result.added).toEqual(['acme/fine']);
    expect(result.rejected.map((r) => r.model)).toEqual(['acme/huge']);
    expect(estimateCost({ model: 'acme/fine', inputTokens: 1_000_000, outputTokens: 0 }).total).toBe(1);
  });

  test('the dearest real price still loads', () => {
    loadPrices(acme('600'));
    expect(estimateCost({ model: 'acme', inputTokens: 1_000_000, outputTokens: 0 }).total).toBe(600);
  });
});

describe('a tokenizer encoding is checked when prices are loaded', () => {
  test('an unknown encoding is refused by loadPrices, naming the field', () => {
    const error = (() => {
      try {
        loadPrices(acme('1', 'o300k_base'));
      } catch (e) {
        return e as PriceTableError;
      }
    })();
    expect(error).toBeInstanceOf(PriceTableError);
    expect(error?.field).toBe('tokenizer.encoding');
    expect(error?.message).toContain('o200k_base');
  });
});

describe('a megabyte-long model id', () => {
  test('is refused quickly, and the message quotes only its start', () => {
    const id = `gpt-${'x'.repeat(1_000_000)}`;
    const started = performance.now();
    let error: unknown;
    try {
      getModel(id);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TokmeterError);
    expect((error as Error).message.length).toBeLessThan(2_000);
    expect(performance.now() - started).toBeLessThan(2_000); // 3.4 s before
  });
});
