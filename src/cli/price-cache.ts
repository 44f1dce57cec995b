import { createHash, randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink, mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { loadPrices, type LoadPricesResult } from '../pricing/index.js';
import { InputError } from './errors.js';

/**
 * The price table `tokmeter prices update` fetched, kept between runs. One file, `prices.json`,
 * holds the table and what is known about it (where from, when, its SHA-256), so that a reader
 * never sees a table with another table's metadata. It is replaced by writing a temporary file in
 * the same directory and renaming it over the old one: the rename is atomic, so a failure at any
 * point leaves the previous cache as it was.
 */

/** The `format` of the cache file; a file with another one is treated as unreadable. */
export const CACHE_FORMAT = 'tokmeter-price-cache/1';
export const CACHE_FILE = 'prices.json';

/**
 * Where the cache lives: `TOKMETER_CACHE_DIR` when set, else `$XDG_CACHE_HOME/tokmeter`, else
 * `~/.cache/tokmeter`. As the XDG spec asks, a relative `XDG_CACHE_HOME` is ignored.
 */
export function cacheDirectory(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const override = env['TOKMETER_CACHE_DIR'];
  if (override !== undefined && override !== '') return override;
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg !== undefined && isAbsolute(xdg)) return join(xdg, 'tokmeter');
  return join(homedir(), '.cache', 'tokmeter');
}

export function cachePath(): string {
  return join(cacheDirectory(), CACHE_FILE);
}

/** Where a cached table came from: a URL, or a file given to `prices update --file`. */
export type CacheOrigin = { url: string } | { file: string };

/** What the cache file records beside the table. */
export interface CacheMeta {
  format: typeof CACHE_FORMAT;
  /** When the table was fetched (or read, for `--file`): ISO date-time. */
  fetchedAt: string;
  from: CacheOrigin;
  /** SHA-256 (hex) of the bytes as fetched. */
  sha256: string;
  bytes: number;
  /** `litellm` or `tokmeter`: the table's own format. */
  tableFormat: LoadPricesResult['format'];
  /** The `asOf` the entries are loaded with, or null when they take the table's own date. */
  asOf: string | null;
  /** The `source` the entries are loaded with. */
  source: string;
  /** How loading it went when it was fetched, over the built-in catalog. */
  counts: { added: number; skipped: number; rejected: number; ignored: number };
}

interface CacheFile extends CacheMeta {
  table: Record<string, unknown>;
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export const countsOf = (result: LoadPricesResult): CacheMeta['counts'] => ({
  added: result.added.length,
  skipped: result.skipped.length,
  rejected: result.rejected.length,
  ignored: result.ignored.length,
});

/**
 * Replaces the cache with `meta` and `table`, atomically: temp file, fsync, rename. On any failure
 * the temp file is removed and the previous cache is untouched.
 * @throws {InputError} naming the path when the directory cannot be created or written.
 */
export async function writeCache(meta: CacheMeta, table: Record<string, unknown>, directory = cacheDirectory()): Promise<string> {
  const path = join(directory, CACHE_FILE);
  // The metadata first, so that `head prices.json` shows it; the table last.
  const text = JSON.stringify({ ...meta, table } satisfies CacheFile);
  const temp = join(directory, `.${CACHE_FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(directory, { recursive: true });
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    return path;
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new InputError(
      `could not save the price cache ${path} (${reason}); the previous cache is unchanged. ` +
        'Make the directory writable, or set TOKMETER_CACHE_DIR to one that is.',
      { path, cause: error },
    );
  }
}

/** The outcome of loading the cache at start-up; the `prices` command reports it. */
export type CacheLoad =
  | { state: 'missing'; path: string }
  | { state: 'unreadable'; path: string; problem: string }
  | { state: 'loaded'; path: string; meta: CacheMeta; result: LoadPricesResult };

/**
 * Loads the cached table over the built-in catalog, as every pricing command does before it runs.
 * Built-in rows win unless `preferFetched`. A cache that cannot be read or parsed is not an error
 * (the command goes on with the built-in catalog): `warn` gets one line saying so.
 */
export async function loadCachedPrices(preferFetched: boolean, warn: (message: string) => void, path = cachePath()): Promise<CacheLoad> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { state: 'missing', path };
    return unreadable(path, code ?? (error as Error).message, warn);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return unreadable(path, `it is not JSON (${(error as Error).message})`, warn);
  }
  const file = checkCacheFile(data);
  if ('problem' in file) return unreadable(path, file.problem, warn);
  const { table, ...meta } = file;
  try {
    const result = loadPrices(table, { overwrite: preferFetched, source: meta.source, ...(meta.asOf !== null && { asOf: meta.asOf }) });
    return { state: 'loaded', path, meta, result };
  } catch (error) {
    // loadPrices validates before it registers, so nothing of a refused table was loaded.
    return unreadable(path, (error as Error).message.replace(/^tokmeter: /, ''), warn);
  }
}

function unreadable(path: string, problem: string, warn: (message: string) => void): CacheLoad {
  warn(`warning: ignoring the price cache ${path}: ${problem}. Using the built-in prices; run tokmeter prices update to fetch them again.`);
  return { state: 'unreadable', path, problem };
}

/**
 * The cache file's shape, checked by hand: a handful of fields, and start-up should not wait for
 * zod. Returns the file, or what is wrong with it.
 */
function checkCacheFile(data: unknown): CacheFile | { problem: string } {
  const fail = (problem: string) => ({ problem });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return fail('it is not a JSON object');
  const f = data as Partial<CacheFile>;
  if (f.format !== CACHE_FORMAT) return fail(`its format is ${JSON.stringify(f.format)}, not ${JSON.stringify(CACHE_FORMAT)}`);
  if (typeof f.fetchedAt !== 'string' || Number.isNaN(Date.parse(f.fetchedAt))) return fail('fetchedAt is not a date-time');
  const from = f.from as Partial<{ url: unknown; file: unknown }> | undefined;
  if (typeof from?.url !== 'string' && typeof from?.file !== 'string') return fail('from names neither a url nor a file');
  if (typeof f.sha256 !== 'string' || typeof f.bytes !== 'number' || typeof f.source !== 'string') return fail('sha256, bytes or source is missing');
  if (f.tableFormat !== 'litellm' && f.tableFormat !== 'tokmeter') return fail('tableFormat is neither litellm nor tokmeter');
  if (f.asOf !== null && typeof f.asOf !== 'string') return fail('asOf is neither a date nor null');
  const c = f.counts;
  if (c === undefined || ![c.added, c.skipped, c.rejected, c.ignored].every((n) => typeof n === 'number')) return fail('counts is incomplete');
  if (f.table === null || typeof f.table !== 'object' || Array.isArray(f.table)) return fail('the table is not a JSON object');
  return f as CacheFile;
}
