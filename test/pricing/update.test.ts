import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { InvalidArgumentError, UnknownModelError } from '../../src/errors.js';
import {
  estimateCost,
  getModel,
  listModels,
  LITELLM_PRICES_URL,
  PriceFetchError,
  PriceTableError,
  PRICES_FORMAT,
  resetPrices,
  updatePrices,
  type FetchLike,
} from '../../src/pricing/index.js';

// updatePrices against a real HTTP server on 127.0.0.1: the LiteLLM snapshot, a broken copy of it,
// a 404, and an answer that comes too late.

const snapshotPath = fileURLToPath(new URL('../fixtures/reference/litellm-model-prices-2026-07-24.json', import.meta.url));
const snapshot = readFileSync(snapshotPath, 'utf8');
const snapshotKeys = Object.keys(JSON.parse(snapshot) as object).length; // sample_spec and last_updated included

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const send = (status: number, body: string) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body);
    };
    if (request.url === '/prices.json') send(200, snapshot);
    else if (request.url === '/broken.json') send(200, snapshot.slice(0, 5_000));
    else if (request.url === '/html') send(200, '<!doctype html><title>Sign in</title>');
    else if (request.url === '/empty.json') send(200, '{"sample_spec": {}, "error": "rate limited"}');
    else if (request.url === '/slow.json') setTimeout(() => send(200, snapshot), 2_000);
    else send(404, 'Not Found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => resetPrices());

async function rejection<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as T;
  }
  throw new Error(`expected a ${type.name}`);
}

describe('updatePrices', () => {
  test("loads the snapshot from a URL: the long tail is priced, built-in models keep their rows", async () => {
    expect(() => getModel('deepseek/deepseek-reasoner')).toThrow(UnknownModelError);
    const before = Date.now();
    const result = await updatePrices({ url: `${base}/prices.json` });
    expect(result.url).toBe(`${base}/prices.json`);
    expect(result.format).toBe('litellm');
    expect(Date.parse(result.fetchedAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(result.fetchedAt)).toBeLessThanOrEqual(Date.now());
    expect(result.fetchedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    // The snapshot has last_updated, so its date stays the entries' asOf.
    expect(result.asOf).toBeNull();
    expect(result.text).toBe(snapshot);
    expect(Object.keys(result.table)).toHaveLength(snapshotKeys);
    expect(result.added.length + result.skipped.length + result.rejected.length + result.ignored.length).toBe(snapshotKeys - 2);
    expect(result.added.length).toBeGreaterThan(2_000);
    expect(result.skipped).toEqual(expect.arrayContaining(['gpt-4o', 'claude-sonnet-4-5-20250929']));

    // 4,000 × 0.28 + 6,000 × 0.028 + 1,000 × 0.42 = 1,120 + 168 + 420 µ$
    expect(estimateCost({ model: 'deepseek/deepseek-reasoner', inputTokens: 10_000, cachedInputTokens: 6_000, outputTokens: 1_000 }).total).toBe(0.001708);
    expect(getModel('deepseek/deepseek-reasoner')).toMatchObject({
      origin: 'loaded',
      asOf: '2026-07-24',
      source: `${base}/prices.json, fetched ${result.fetchedAt.slice(0, 10)} (https://api-docs.deepseek.com/quick_start/pricing)`,
    });
    expect(getModel('gpt-4o').origin).toBe('built-in');
  });

  test('overwrite: true lets fetched rows replace built-in ones; asOf overrides the table date', async () => {
    await updatePrices({ url: `${base}/prices.json`, overwrite: true, asOf: '2026-12-01' });
    expect(getModel('gpt-4o')).toMatchObject({ origin: 'loaded', asOf: '2026-12-01', tokenizer: { exact: false } });
  });

  test('a table without last_updated is dated the day it was fetched', async () => {
    const table = { 'acme/small': { litellm_provider: 'acme', input_cost_per_token: 1e-7, output_cost_per_token: 4e-7, max_input_tokens: 8_000, max_output_tokens: 1_000 } };
    const result = await updatePrices({ url: `${base}/x`, fetch: async () => ({ ok: true, status: 200, statusText: 'OK', text: async () => JSON.stringify(table) }) });
    expect(result.asOf).toBe(result.fetchedAt.slice(0, 10));
    expect(result).toMatchObject({ added: ['acme/small'], skipped: [], rejected: [], ignored: [] });
    expect(getModel('acme/small').asOf).toBe(result.fetchedAt.slice(0, 10));
  });

  test('broken JSON is a PriceTableError naming the URL, and nothing is loaded', async () => {
    const count = listModels().length;
    const error = await rejection(updatePrices({ url: `${base}/broken.json` }), PriceTableError);
    expect(error.code).toBe('INVALID_PRICE_TABLE');
    expect(error.message).toMatch(new RegExp(`^tokmeter: the price table: ${base}/broken\\.json is not JSON \\(.+\\)\\. A price table is LiteLLM's`));
    expect(listModels()).toHaveLength(count);
    expect(() => getModel('deepseek/deepseek-reasoner')).toThrow(UnknownModelError);

    const html = await rejection(updatePrices({ url: `${base}/html` }), PriceTableError);
    expect(html.message).toContain(`${base}/html is not JSON`);
  });

  test('JSON with no model tokmeter can price is refused as a whole', async () => {
    const error = await rejection(updatePrices({ url: `${base}/empty.json`, asOf: '2026-12-07' }), PriceTableError);
    expect(error.message).toBe(
      `tokmeter: the price table: ${base}/empty.json has no model tokmeter can price (1 entries rejected, 0 not priced per token). ` +
        "A price table is LiteLLM's model_prices_and_context_window.json or a tokmeter-prices/1 file.",
    );
    const own = { format: PRICES_FORMAT, models: {} };
    const fake: FetchLike = async () => ({ ok: true, status: 200, statusText: 'OK', text: async () => JSON.stringify(own) });
    await rejection(updatePrices({ url: 'https://example.com/own.json', fetch: fake }), PriceTableError);
  });

  test('a 404 is a PriceFetchError with the status, and nothing is loaded', async () => {
    const count = listModels().length;
    const error = await rejection(updatePrices({ url: `${base}/nope.json` }), PriceFetchError);
    expect(error).toMatchObject({ code: 'PRICES_FETCH_FAILED', reason: 'http', status: 404, url: `${base}/nope.json` });
    expect(error.message).toBe(
      `tokmeter: could not fetch prices from ${base}/nope.json: the server answered HTTP 404 Not Found. ` +
        "Check the URL: it must serve LiteLLM's model_prices_and_context_window.json or a tokmeter-prices/1 file.",
    );
    expect(listModels()).toHaveLength(count);
  });

  test('a slow answer times out after timeoutMs', async () => {
    const started = Date.now();
    const error = await rejection(updatePrices({ url: `${base}/slow.json`, timeoutMs: 100 }), PriceFetchError);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(error).toMatchObject({ reason: 'timeout', status: undefined });
    expect(error.message).toBe(`tokmeter: could not fetch prices from ${base}/slow.json: no complete answer within 100 ms. Try again, or allow more time (timeoutMs).`);
  });

  test('a refused connection is a network failure; a cancelled one says so', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await rejection(updatePrices({ url: `http://127.0.0.1:${port}/prices.json` }), PriceFetchError);
    expect(error.reason).toBe('network');
    expect(error.message).toContain('ECONNREFUSED');

    const cancelled = await rejection(updatePrices({ url: `${base}/prices.json`, signal: AbortSignal.abort() }), PriceFetchError);
    expect(cancelled.reason).toBe('aborted');
  });

  test('an injected fetch is used, with the default URL and an abort signal', async () => {
    const calls: string[] = [];
    const fake: FetchLike = async (url, init) => {
      calls.push(url);
      expect(init.signal).toBeInstanceOf(AbortSignal);
      return { ok: true, status: 200, statusText: 'OK', text: async () => snapshot };
    };
    const result = await updatePrices({ fetch: fake });
    expect(calls).toEqual([LITELLM_PRICES_URL]);
    expect(result.url).toBe('https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json');
    expect(getModel('deepseek/deepseek-reasoner').origin).toBe('loaded');

    // A wrapper typed as the global fetch fits the option as it is.
    resetPrices();
    let wrapped = 0;
    const logging: typeof fetch = (input, init) => {
      wrapped++;
      return fetch(input, init);
    };
    expect((await updatePrices({ url: `${base}/prices.json`, fetch: logging })).added.length).toBeGreaterThan(2_000);
    expect(wrapped).toBe(1);
  });

  test('options are checked before anything is fetched', async () => {
    let fetched = false;
    const fake: FetchLike = async () => {
      fetched = true;
      throw new Error('unreachable');
    };
    const bad = [{ url: 'prices.json' }, { timeoutMs: 0 }, { asOf: '7/24/2026' }, { overwite: true }];
    for (const options of bad) {
      await rejection(updatePrices({ fetch: fake, ...(options as object) }), InvalidArgumentError);
    }
    const error = await rejection(updatePrices({ fetch: fake, timeoutMs: -5 }), InvalidArgumentError);
    expect(error.message).toBe('tokmeter: options.timeoutMs must be a positive number of milliseconds, got -5.');
    expect(fetched).toBe(false);
  });
});
