import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { UnknownModelError } from '../../src/errors.js';
import { estimateCost, getModel, listModels, loadPrices, PriceTableError, PRICES_FORMAT, resetPrices } from '../../src/pricing/index.js';
import type { ModelSpec, PricesFile } from '../../src/pricing/index.js';

afterEach(() => resetPrices());

const spec = (over: Partial<ModelSpec> = {}): ModelSpec => ({
  provider: 'acme',
  tokenizer: { encoding: 'o200k_base', exact: false },
  contextWindow: 32_000,
  maxInputTokens: 32_000,
  maxOutputTokens: 4_000,
  pricing: { standard: { input: '0.70', cachedInput: '0.07', output: '2.10' }, batch: { input: '0.35', output: '1.05' } },
  asOf: '2026-07-01',
  source: 'https://acme.example/pricing',
  ...over,
});
const file = (models: Record<string, unknown>): PricesFile => ({ format: PRICES_FORMAT, models: models as Record<string, ModelSpec> });

function priceTableError(call: () => unknown): PriceTableError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(PriceTableError);
    return error as PriceTableError;
  }
  throw new Error('expected a PriceTableError');
}

describe("loadPrices: tokmeter's own format", () => {
  test('adds a model, its aliases and its prices (0.70 / 0.07 / 2.10): 10,000 in (4,000 cached) + 1,000 out = 0.00658', () => {
    const result = loadPrices(file({ 'acme-large': spec({ aliases: ['acme-large-2026-07-01'] }) }));
    expect(result).toEqual({ format: 'tokmeter', added: ['acme-large'], skipped: [], rejected: [], ignored: [] });
    expect(getModel('acme-large-2026-07-01')).toMatchObject({ id: 'acme-large', origin: 'loaded', asOf: '2026-07-01', provider: 'acme' });
    // 6,000 × 0.70 + 4,000 × 0.07 + 1,000 × 2.10 = 4,200 + 280 + 2,100 µ$
    expect(estimateCost({ model: 'acme-large', inputTokens: 10_000, cachedInputTokens: 4_000, outputTokens: 1_000 }).total).toBe(0.00658);
    expect(listModels()).toContain('acme-large');
  });

  test('prices may be numbers, and JSON text is accepted', () => {
    loadPrices(JSON.stringify(file({ tiny: spec({ pricing: { standard: { input: 0.1, output: 0.3 } } }) })));
    expect(estimateCost({ model: 'tiny', inputTokens: 3, outputTokens: 0 }).total).toBe(3e-7);
  });

  test('overwrites a built-in model by default; resetPrices restores the built-in catalog', () => {
    loadPrices(file({ 'gpt-4o': spec({ provider: 'openai', pricing: { standard: { input: '2.00', output: '8.00' } } }) }));
    expect(getModel('gpt-4o').pricing.standard.input).toBe(2);
    expect(getModel('openai/gpt-4o').origin).toBe('loaded');
    resetPrices();
    expect(getModel('gpt-4o')).toMatchObject({ origin: 'built-in', pricing: { standard: { input: 2.5 } } });
  });

  test('overwrite: false keeps what already resolves, aliases included', () => {
    const result = loadPrices(file({ 'gpt-4o-2024-08-06': spec(), fresh: spec() }), { overwrite: false });
    expect(result).toMatchObject({ added: ['fresh'], skipped: ['gpt-4o-2024-08-06'] });
    expect(getModel('gpt-4o-2024-08-06').id).toBe('gpt-4o');
  });

  test('a malformed entry names the model and the field, and nothing of the table is loaded', () => {
    const error = priceTableError(() =>
      loadPrices(file({ good: spec(), bad: spec({ pricing: { standard: { input: 'cheap', output: '1' } } }) })),
    );
    expect([error.code, error.model, error.field]).toEqual(['INVALID_PRICE_TABLE', 'bad', 'pricing.standard.input']);
    expect(error.message).toBe(
      'tokmeter: model "bad" field pricing.standard.input: must be a price from 0 to 1000000 USD per 1M tokens, as decimal text ("2.50") or a number, got "cheap"',
    );
    expect(() => getModel('good')).toThrow(UnknownModelError);
  });

  test.each([
    ['a negative price', { pricing: { standard: { input: -1, output: 1 } } }, 'pricing.standard.input'],
    ['a misspelt field', { pricing: { standard: { input: 1, output: 1, cachedInputs: 0.1 } } }, 'pricing.standard.cachedInputs'],
    ['a missing output price', { pricing: { standard: { input: 1 } } }, 'pricing.standard.output'],
    ['an unknown tier', { pricing: { standard: { input: 1, output: 1 }, turbo: { input: 1, output: 1 } } }, 'pricing.turbo'],
    ['a fractional limit', { contextWindow: 1000.5 }, 'contextWindow'],
    ['a non-ISO asOf', { asOf: 'July 2026' }, 'asOf'],
    ['an impossible date', { asOf: '2026-02-30' }, 'asOf'],
    ['an empty source', { source: ' ' }, 'source'],
  ])('%s is refused, naming the field', (_what, change, field) => {
    expect(priceTableError(() => loadPrices(file({ m: { ...spec(), ...change } }))).field).toBe(field);
  });

  test.each([
    ['cache read above input', { standard: { input: '1', cachedInput: '2', output: '3' } }, 'pricing.standard.cachedInput'],
    ['cache write below input', { standard: { input: '1', cacheWrite5m: '0.5', output: '3' } }, 'pricing.standard.cacheWrite5m'],
    ['1-hour write below 5-minute write', { standard: { input: '1', cacheWrite5m: '2', cacheWrite1h: '1.5', output: '3' } }, 'pricing.standard.cacheWrite1h'],
    ['batch not half', { standard: { input: '1', output: '3' }, batch: { input: '0.6', output: '1.5' } }, 'pricing.batch.input'],
    ['flex not below standard', { standard: { input: '1', output: '3' }, flex: { input: '1', output: '1.5' } }, 'pricing.flex.input'],
    ['priority not above standard', { standard: { input: '1', output: '3' }, priority: { input: '2', output: '3' } }, 'pricing.priority.output'],
    [
      'thresholds not ascending',
      { standard: { input: '1', output: '3', longContext: [{ above: 200_000, input: '2', output: '4' }, { above: 100_000, input: '3', output: '5' }] } },
      'pricing.standard.longContext[1].above',
    ],
  ])('a sanity rule broken (%s) is refused, naming the field', (_what, pricing, field) => {
    const error = priceTableError(() => loadPrices(file({ m: spec({ pricing: pricing as ModelSpec['pricing'] }) })));
    expect([error.model, error.field]).toEqual(['m', field]);
  });

  test('max output above the window is refused', () => {
    expect(priceTableError(() => loadPrices(file({ m: spec({ maxOutputTokens: 64_000 }) }))).field).toBe('maxOutputTokens');
  });

  test('the table as a whole: wrong format version, models not an object, bad JSON', () => {
    expect(priceTableError(() => loadPrices({ format: 'tokmeter-prices/9', models: {} })).field).toBe('format');
    expect(priceTableError(() => loadPrices({ format: PRICES_FORMAT, models: [] })).field).toBe('models');
    expect(priceTableError(() => loadPrices('{ nope')).message).toMatch(/^tokmeter: the price table: is not valid JSON/);
    expect(() => loadPrices(file({}), { overwrite: 'yes' as unknown as boolean })).toThrow('tokmeter: options.overwrite');
  });
});

describe("loadPrices: LiteLLM's format", () => {
  test('converts per-token USD to per-1M prices exactly, with long-context, batch, flex and priority fields', () => {
    const result = loadPrices({
      last_updated: '2026-07-24T18:23:43.215560+00:00',
      sample_spec: { input_cost_per_token: 0, litellm_provider: 'one of …' },
      'acme/big': {
        litellm_provider: 'acme',
        mode: 'chat',
        max_input_tokens: 1_000_000,
        max_output_tokens: 64_000,
        input_cost_per_token: 1.375e-7,
        output_cost_per_token: 0.0000011,
        cache_read_input_token_cost: 1.375e-8,
        input_cost_per_token_batches: 6.875e-8,
        output_cost_per_token_batches: 5.5e-7,
        input_cost_per_token_flex: 6.875e-8,
        output_cost_per_token_flex: 5.5e-7,
        input_cost_per_token_priority: 2.5e-7,
        output_cost_per_token_priority: 0.000002,
        input_cost_per_token_above_128k_tokens: 2.75e-7,
        output_cost_per_token_above_128k_tokens: 0.0000022,
      },
      'acme/image': { litellm_provider: 'acme', mode: 'image_generation', output_cost_per_image: 0.04 },
    });
    expect(result).toEqual({ format: 'litellm', added: ['acme/big'], skipped: [], rejected: [], ignored: ['acme/image'] });
    expect(getModel('acme/big')).toMatchObject({
      provider: 'acme',
      tokenizer: { encoding: 'o200k_base', exact: false },
      contextWindow: 1_000_000,
      maxInputTokens: 1_000_000,
      maxOutputTokens: 64_000,
      asOf: '2026-07-24',
      source: 'LiteLLM model_prices_and_context_window.json',
      pricing: {
        standard: { input: 0.1375, cachedInput: 0.01375, output: 1.1, longContext: [{ above: 128_000, input: 0.275, output: 2.2 }] },
        batch: { input: 0.06875, output: 0.55 },
        flex: { input: 0.06875, output: 0.55 },
        priority: { input: 0.25, output: 2 },
      },
    });
    // 128,001 × 0.275 = 35,200.275 µ$ (the whole prompt re-priced above 128k)
    expect(estimateCost({ model: 'acme/big', inputTokens: 128_001, outputTokens: 0 }).total).toBe(0.035200275);
  });

  test('bad entries are rejected with the field, the rest load; strict: true throws instead', () => {
    const table = {
      'x/ok': { litellm_provider: 'x', input_cost_per_token: 1e-6, output_cost_per_token: 2e-6, max_input_tokens: 1000, max_output_tokens: 100 },
      'x/string-price': { litellm_provider: 'x', input_cost_per_token: '1e-6', output_cost_per_token: 2e-6, max_input_tokens: 1000, max_output_tokens: 100 },
      'x/no-window': { litellm_provider: 'x', input_cost_per_token: 1e-6, output_cost_per_token: 2e-6, max_tokens: 100 },
      'x/half-tier': { litellm_provider: 'x', input_cost_per_token: 1e-6, output_cost_per_token: 2e-6, input_cost_per_token_priority: 3e-6, max_input_tokens: 1000, max_output_tokens: 100 },
      'x/cheap-read': { litellm_provider: 'x', input_cost_per_token: 1e-6, output_cost_per_token: 2e-6, cache_read_input_token_cost: 2e-6, max_input_tokens: 1000, max_output_tokens: 100 },
    };
    const result = loadPrices(table, { asOf: '2026-07-20' });
    expect(result.added).toEqual(['x/ok']);
    expect(result.rejected).toEqual([
      { model: 'x/string-price', field: 'input_cost_per_token', problem: 'must be a number (USD per token), got "1e-6"' },
      { model: 'x/no-window', field: 'max_input_tokens', problem: 'is missing, so the context window is unknown' },
      { model: 'x/half-tier', field: 'output_cost_per_token_priority', problem: 'is missing while its priority counterpart is given; a tier needs both prices' },
      { model: 'x/cheap-read', field: 'pricing.standard.cachedInput', problem: 'is above input; a cache read must not cost more than input' },
    ]);
    expect(getModel('x/ok').asOf).toBe('2026-07-20');
    resetPrices();
    const error = priceTableError(() => loadPrices(table, { asOf: '2026-07-20', strict: true }));
    expect([error.model, error.field]).toEqual(['x/string-price', 'input_cost_per_token']);
  });

  test('a LiteLLM table without last_updated needs asOf', () => {
    const table = { 'x/ok': { litellm_provider: 'x', input_cost_per_token: 1e-6, output_cost_per_token: 2e-6, max_input_tokens: 1000, max_output_tokens: 100 } };
    expect(priceTableError(() => loadPrices(table)).message).toContain("pass the date the table was fetched as loadPrices(table, { asOf: 'YYYY-MM-DD' })");
  });
});

describe('loadPrices: the LiteLLM snapshot of 2026-07-24', () => {
  const path = fileURLToPath(new URL('../fixtures/reference/litellm-model-prices-2026-07-24.json', import.meta.url));
  let table: Record<string, Record<string, unknown>>;

  beforeAll(() => {
    // Not a skip: the snapshot always sits beside the repo, and a missing file must fail loudly.
    if (!existsSync(path)) throw new Error(`LiteLLM snapshot missing: expected it at ${path} (test/fixtures/reference)`);
    table = JSON.parse(readFileSync(path, 'utf8'));
  });

  test('loads the long tail and keeps the built-in models', () => {
    const result = loadPrices(table);
    expect(result.format).toBe('litellm');
    expect(result.added.length).toBeGreaterThan(2_000);
    expect(result.skipped).toEqual(expect.arrayContaining(['gpt-4o', 'gpt-4o-2024-08-06', 'claude-sonnet-4-5-20250929', 'gemini/gemini-2.5-flash']));
    expect(getModel('gpt-4o')).toMatchObject({ origin: 'built-in', pricing: { batch: { input: 1.25 } } });
    expect(result.added.length + result.skipped.length + result.rejected.length + result.ignored.length).toBe(Object.keys(table).length - 2);
  });

  test("deepseek/deepseek-reasoner from LiteLLM's row (0.28 / 0.028 / 0.42): 10,000 in (6,000 cached) + 1,000 out = 0.001708", () => {
    loadPrices(table);
    // 4,000 × 0.28 + 6,000 × 0.028 + 1,000 × 0.42 = 1,120 + 168 + 420 µ$
    expect(estimateCost({ model: 'deepseek/deepseek-reasoner', inputTokens: 10_000, cachedInputTokens: 6_000, outputTokens: 1_000 }).total).toBe(0.001708);
  });

  test("openrouter/anthropic/claude-sonnet-4.5 from LiteLLM's row keeps its >200k step (6 / 22.50): 250,000 in + 1,000 out = 1.5225", () => {
    loadPrices(table);
    expect(estimateCost({ model: 'openrouter/anthropic/claude-sonnet-4.5', inputTokens: 250_000, outputTokens: 1_000 }).total).toBe(1.5225);
  });

  test('the known LiteLLM errors are caught by the sanity rules', () => {
    const { rejected } = loadPrices(table, { overwrite: true });
    const reason = (model: string) => rejected.find((r) => r.model === model)?.field;
    expect(reason('gpt-5-nano')).toBe('output_cost_per_token_priority'); // priority input $2.50, no output price
    expect(reason('gemini/gemini-2.5-pro')).toBe('pricing.priority.input'); // "priority" equal to standard
    expect(reason('claude-3-opus-20240229')).toBe('pricing.standard.cacheWrite1h');
    // So even with overwrite: true those ids keep the built-in entries.
    expect(getModel('gpt-5-nano').origin).toBe('built-in');
    expect(getModel('gemini/gemini-2.5-pro').origin).toBe('built-in');
  });

  test('overwrite: true replaces built-in ids with LiteLLM rows; resetPrices undoes it', () => {
    loadPrices(table, { overwrite: true });
    expect(getModel('gpt-4o')).toMatchObject({ origin: 'loaded', tokenizer: { exact: false } });
    resetPrices();
    expect(getModel('gpt-4o').origin).toBe('built-in');
    expect(() => getModel('deepseek/deepseek-reasoner')).toThrow(UnknownModelError);
  });

  /**
   * The built-in catalog against LiteLLM's rows for the same ids. Google models are compared with
   * the `gemini/` rows: LiteLLM's bare `gemini-*` ids are Vertex AI, priced differently.
   * Disagreements are listed, each with the side tokmeter takes.
   */
  const DISAGREEMENTS: Record<string, string> = {
    'claude-3-haiku-20240307 cacheWrite1h': 'LiteLLM $6; Anthropic lists 2× input, $0.50',
    'gpt-4 maxOutputTokens': 'LiteLLM 4,096; OpenAI lists 8,192',
    'gpt-4-0613 maxOutputTokens': 'LiteLLM 4,096; OpenAI lists 8,192',
    'claude-sonnet-4-20250514 maxInputTokens': 'LiteLLM 1,000,000 (the beta window); tokmeter uses the generally available 200k',
    'gpt-5-nano priority': 'LiteLLM has a priority input price ($2.50) and no output price: rejected',
    'gemini/gemini-2.5-pro priority': 'LiteLLM "priority" equals standard: rejected',
    'claude-4-sonnet-20250514 maxInputTokens': 'the same beta window under the other spelling of the id',
    // gemini-3.6-flash: LiteLLM carries the 2027-01-01 list price early; Google bills 0.75 / 0.075 / 3.75 through 2026-12-31.
    'gemini/gemini-3.6-flash input': 'LiteLLM $1.50, the price from 2027-01-01; Google bills $0.75 until then',
    'gemini/gemini-3.6-flash output': 'LiteLLM $7.50, from 2027-01-01; $3.75 until then',
    'gemini/gemini-3.6-flash cachedInput': 'LiteLLM $0.15, from 2027-01-01; $0.075 until then',
    'gemini/gemini-3.6-flash batch.input': 'half of the 2027 price; half of $0.75 until then',
    'gemini/gemini-3.6-flash batch.output': 'half of the 2027 price; half of $3.75 until then',
    'gemini/gemini-3.6-flash flex.input': 'half of the 2027 price; half of $0.75 until then',
    'gemini/gemini-3.6-flash flex.output': 'half of the 2027 price; half of $3.75 until then',
    'gemini/gemini-3.6-flash priority': 'no priority price is published for the promotional period: left out',
    // Context conflicts (pricing-facts-2026.md, "Unverified or conflicting"):
    'gpt-5.4-mini maxInputTokens': 'LiteLLM 1,050,000; genai-prices 400,000, which fits the absence of a >272K price',
    'gpt-5.4-mini-2026-03-17 maxInputTokens': 'the same, under the snapshot id',
    'gpt-5.4-nano maxInputTokens': 'LiteLLM 1,050,000; genai-prices 400,000, which fits the absence of a >272K price',
    'gpt-5.4-nano-2026-03-17 maxInputTokens': 'the same, under the snapshot id',
    'gpt-5.6 maxInputTokens': 'LiteLLM 1,050,000; OpenAI model pages (TrueFoundry) 922,000 of the 1,050,000 window',
    'gpt-5.6-sol maxInputTokens': 'LiteLLM 1,050,000; 922,000 of the 1,050,000 window',
    'gpt-5.6-terra maxInputTokens': 'LiteLLM 1,050,000; 922,000 of the 1,050,000 window',
    'gpt-5.6-luna maxInputTokens': 'LiteLLM 1,050,000; 922,000 of the 1,050,000 window',
  };

  test('the built-in catalog agrees with LiteLLM wherever both give a figure, except the listed disagreements', () => {
    const found: string[] = [];
    const per1M = (x: unknown) => (typeof x === 'number' ? Math.round(x * 1e15) / 1e9 : undefined);
    let compared = 0;
    for (const id of listModels()) {
      // The catalog's prices on the day LiteLLM's snapshot was taken; models priced later are not in it.
      let model: ReturnType<typeof getModel>;
      try {
        model = getModel(id, { at: '2026-07-24' });
      } catch {
        continue;
      }
      const ids = [id, ...model.aliases].map((k) => (model.provider === 'google' ? `gemini/${k}` : k));
      for (const key of ids.filter((k) => table[k] !== undefined)) {
        const row = table[key]!;
        const check = (what: string, ours: number | undefined, theirs: unknown) => {
          compared++;
          if (theirs === undefined) return;
          if (ours !== (what.endsWith('Tokens') ? theirs : per1M(theirs))) found.push(`${key} ${what}`);
        };
        const { standard, flex, priority } = model.pricing;
        check('input', standard.input, row.input_cost_per_token);
        check('output', standard.output, row.output_cost_per_token);
        check('cachedInput', standard.cachedInput, row.cache_read_input_token_cost);
        check('cacheWrite5m', standard.cacheWrite5m, row.cache_creation_input_token_cost);
        check('cacheWrite1h', standard.cacheWrite1h, row.cache_creation_input_token_cost_above_1hr);
        check('audioInput', standard.audioInput, row.input_cost_per_audio_token);
        check('batch.input', model.pricing.batch?.input, row.input_cost_per_token_batches);
        check('batch.output', model.pricing.batch?.output, row.output_cost_per_token_batches);
        check('maxInputTokens', model.maxInputTokens, row.max_input_tokens);
        check('maxOutputTokens', model.maxOutputTokens, row.max_output_tokens);
        for (const [tier, ours] of [['flex', flex], ['priority', priority]] as const) {
          if (row[`input_cost_per_token_${tier}`] === undefined) continue;
          if (ours === undefined) found.push(`${key} ${tier}`);
          else {
            check(`${tier}.input`, ours.input, row[`input_cost_per_token_${tier}`]);
            check(`${tier}.output`, ours.output, row[`output_cost_per_token_${tier}`]);
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
    expect(found.sort(), JSON.stringify(found.sort())).toEqual(Object.keys(DISAGREEMENTS).sort());
  });
});
