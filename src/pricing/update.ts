import { TokmeterError } from '../errors.js';
import { lazy } from '../zod.js';
import { parseArgs } from './args.js';
import { PriceTableError } from './errors.js';
import { addParsedPrices, parsePriceTable, type LoadPricesResult } from './load.js';

/**
 * Fetching a fresh price table. Only `fetch`, `AbortController` and timers are used here, no Node
 * API (no fs, path, Buffer or process), so this file ties the library to no runtime. Reading and
 * writing a cache is the caller's business (the CLI keeps one, in src/cli/price-cache.ts).
 */

/** LiteLLM's price table, as its repository serves it. */
export const LITELLM_PRICES_URL = 'https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json';

/** What `updatePrices` needs of `fetch`: the global one fits, and so does a test double. */
export type FetchLike = (
  url: string,
  init: { signal: AbortSignal; headers: Record<string, string> },
) => Promise<{ ok: boolean; status: number; statusText: string; text(): Promise<string> }>;

export interface UpdatePricesOptions {
  /**
   * Where the table is: LiteLLM's `model_prices_and_context_window.json` or a file in tokmeter's
   * own format (`tokmeter-prices/1`).
   * @default LITELLM_PRICES_URL, LiteLLM's file on GitHub
   */
  url?: string;
  /**
   * The `fetch` to use: a proxying or caching one, or a test double.
   * @default globalThis.fetch
   */
  fetch?: FetchLike;
  /** Cancels the request; the promise then rejects with a `PriceFetchError` whose `reason` is `aborted`. */
  signal?: AbortSignal;
  /**
   * How long to wait for the whole table, body included, in milliseconds.
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * Whether fetched entries replace models that already resolve (the built-in catalog's among them).
   * @default false for LiteLLM's table, true for tokmeter's format, as in `loadPrices`
   */
  overwrite?: boolean;
  /**
   * The date the prices count as checked, `YYYY-MM-DD`.
   * @default the table's `last_updated` date, else the day it was fetched (UTC)
   */
  asOf?: string;
}

/** What `updatePrices` loaded, from where and when, and the table itself so that it can be stored. */
export interface UpdatePricesResult extends LoadPricesResult {
  url: string;
  /** When the response arrived, as an ISO date-time (`2026-12-07T09:30:00.000Z`). */
  fetchedAt: string;
  /** The `asOf` given to the loaded entries, or null when they took the table's `last_updated`. */
  asOf: string | null;
  /** The source recorded on the loaded entries: the URL and the day it was fetched (`https://…/prices.json, fetched 2026-12-07`). */
  source: string;
  /** The response body as it arrived. */
  text: string;
  /** The body parsed: pass it to `loadPrices` later (with the same `asOf` and `source`) to load the same prices. */
  table: Record<string, unknown>;
}

/** Why a fetch failed: an HTTP status other than 2xx, no response at all, too slow, or cancelled. */
export type PriceFetchFailure = 'http' | 'network' | 'timeout' | 'aborted';

/** The price table could not be fetched. A table that arrived but is malformed is a `PriceTableError`. */
export class PriceFetchError extends TokmeterError {
  override name = 'PriceFetchError' as const;
  readonly url: string;
  readonly reason: PriceFetchFailure;
  /** The HTTP status, when the server answered. */
  readonly status: number | undefined;

  constructor(url: string, reason: PriceFetchFailure, detail: string, options: { status?: number; cause?: unknown } = {}) {
    const fix = {
      http: 'Check the URL: it must serve LiteLLM\'s model_prices_and_context_window.json or a tokmeter-prices/1 file.',
      network: 'Check the network connection and the URL, then try again.',
      timeout: 'Try again, or allow more time (timeoutMs).',
      aborted: 'The caller cancelled it; nothing was loaded.',
    }[reason];
    super('PRICES_FETCH_FAILED', `could not fetch prices from ${url}: ${detail}. ${fix}`, { cause: options.cause });
    this.url = url;
    this.reason = reason;
    this.status = options.status;
  }
}

/**
 * Fetches a price table, validates it as `loadPrices` does, and loads it over the built-in catalog,
 * in one call. By default it fetches LiteLLM's `model_prices_and_context_window.json` from GitHub,
 * whose long tail (about 2,300 models) then prices with `estimateCost` and the rest; models the
 * catalog already has keep their built-in rows unless `overwrite: true`.
 *
 * Nothing is loaded unless the whole table is good: an HTTP error, a timeout, a body that is not
 * JSON, or a table with no model tokmeter can price leaves the catalog as it was. Entries that break
 * a rule are listed in `rejected`, as with `loadPrices`.
 *
 * @throws {PriceFetchError} (code `PRICES_FETCH_FAILED`) when the table could not be fetched.
 * @throws {PriceTableError} when it arrived but is not a usable price table.
 * @example
 * ```ts
 * const { added, fetchedAt } = await updatePrices(); // LiteLLM's table from GitHub
 * estimateCost({ model: 'deepseek/deepseek-reasoner', inputTokens: 10_000, outputTokens: 1_000 });
 *
 * await updatePrices({ url: 'https://prices.example.com/tokmeter.json', timeoutMs: 5_000 });
 * ```
 */
export async function updatePrices(options: UpdatePricesOptions = {}): Promise<UpdatePricesResult> {
  parseArgs(updateOptions(), options);
  const url = options.url ?? LITELLM_PRICES_URL;
  const text = await fetchText(url, options);
  const fetchedAt = new Date().toISOString();
  return { url, fetchedAt, ...loadPriceTableText(text, { from: url, fetchedAt, overwrite: options.overwrite, asOf: options.asOf }) };
}

const isUrl = (text: string) => {
  try {
    return new URL(text).protocol !== '';
  } catch {
    return false;
  }
};

const updateOptions = lazy((z) => z.strictObject({
  url: z.string({ error: 'must be a URL string' }).refine(isUrl, { error: 'must be an absolute URL, such as https://example.com/prices.json' }).optional(),
  fetch: z.custom<FetchLike>((value) => typeof value === 'function', { error: 'must be a function like fetch' }).optional(),
  signal: z.custom<AbortSignal>((value) => value instanceof AbortSignal, { error: 'must be an AbortSignal' }).optional(),
  timeoutMs: z.number({ error: 'must be a positive number of milliseconds' }).positive({ error: 'must be a positive number of milliseconds' })
    .finite({ error: 'must be a positive number of milliseconds' }).optional(),
  overwrite: z.boolean().optional(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be an ISO date, YYYY-MM-DD' }).optional(),
}));

async function fetchText(url: string, options: UpdatePricesOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const doFetch = options.fetch ?? (globalThis.fetch as FetchLike | undefined);
  if (doFetch === undefined) {
    throw new TokmeterError('INVALID_ARGUMENT', 'this runtime has no global fetch. Pass one as updatePrices({ fetch }).');
  }
  // One controller for both ways to stop: our timer and the caller's signal (AbortSignal.any is
  // newer than Node 20.0). Whichever fires first decides the reason.
  const controller = new AbortController();
  let stopped: 'timeout' | 'aborted' | undefined;
  const stop = (why: 'timeout' | 'aborted') => {
    stopped ??= why;
    controller.abort();
  };
  const timer = setTimeout(() => stop('timeout'), timeoutMs);
  const onAbort = () => stop('aborted');
  if (options.signal?.aborted) stop('aborted');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await doFetch(url, { signal: controller.signal, headers: { accept: 'application/json' } });
    if (!response.ok) {
      throw new PriceFetchError(url, 'http', `the server answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, {
        status: response.status,
      });
    }
    return await response.text();
  } catch (error) {
    if (error instanceof PriceFetchError) throw error;
    if (stopped === 'timeout') throw new PriceFetchError(url, 'timeout', `no complete answer within ${timeoutMs} ms`, { cause: error });
    if (stopped === 'aborted') throw new PriceFetchError(url, 'aborted', 'the request was cancelled', { cause: options.signal?.reason ?? error });
    throw new PriceFetchError(url, 'network', describeNetworkError(error), { cause: error });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is in its cause. */
function describeNetworkError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : undefined;
  return detail === undefined ? message : `${message} (${detail})`;
}

export interface TableTextOptions {
  /** Where the text came from (a URL or a file path), named in errors and in each entry's source. */
  from: string;
  /** When it was fetched or read: an ISO date-time. */
  fetchedAt: string;
  overwrite?: boolean | undefined;
  asOf?: string | undefined;
}

/**
 * Parses, validates and loads a fetched table's text, refusing the whole table (before anything
 * is loaded) when it is not JSON or has no entry tokmeter can price. Used by `updatePrices` and by
 * the CLI for `tokmeter prices update --file`.
 */
export function loadPriceTableText(text: string, options: TableTextOptions): Omit<UpdatePricesResult, 'url' | 'fetchedAt'> {
  let table: unknown;
  try {
    table = JSON.parse(text);
  } catch (error) {
    throw new PriceTableError(undefined, undefined, `${options.from} is not JSON (${(error as Error).message}). ${EXPECTED}`, { cause: error });
  }
  if (table === null || typeof table !== 'object' || Array.isArray(table)) {
    throw new PriceTableError(undefined, undefined, `${options.from} holds JSON but not an object. ${EXPECTED}`);
  }
  const record = table as Record<string, unknown>;
  const dated = 'format' in record || typeof record['last_updated'] === 'string';
  const asOf = options.asOf ?? (dated ? null : options.fetchedAt.slice(0, 10));
  const source = `${options.from}, fetched ${options.fetchedAt.slice(0, 10)}`;
  const parsed = parsePriceTable(record, { ...(asOf !== null && { asOf }), source });
  if (parsed.entries.length === 0) {
    throw new PriceTableError(
      undefined,
      undefined,
      `${options.from} has no model tokmeter can price (${parsed.rejected.length} entries rejected, ${parsed.ignored.length} not priced per token). ${EXPECTED}`,
    );
  }
  return { ...addParsedPrices(parsed, options.overwrite), asOf, source, text, table: record };
}

const EXPECTED = "A price table is LiteLLM's model_prices_and_context_window.json or a tokmeter-prices/1 file.";
