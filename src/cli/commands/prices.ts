import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { getModel, listModels, updatePrices, LITELLM_PRICES_URL } from '../../pricing/index.js';
import { loadPriceTableText, type UpdatePricesResult } from '../../pricing/update.js';
import { flag, stringValue, type CommandSpec, type ParsedArgs } from '../args.js';
import type { Command } from '../command.js';
import { InputError, UsageError } from '../errors.js';
import { groupDigits } from '../format.js';
import type { Io } from '../io.js';
import {
  cacheDirectory,
  countsOf,
  loadCachedPrices,
  sha256,
  writeCache,
  CACHE_FORMAT,
  type CacheLoad,
  type CacheMeta,
  type CacheOrigin,
} from '../price-cache.js';

const spec: CommandSpec = {
  name: 'prices',
  summary: 'which prices are loaded; prices update fetches LiteLLM\'s table into the cache',
  usage: '[--json] | update [--url <url> | --file <path>] [--json]',
  description: [
    'tokmeter prices shows what the pricing commands use: the built-in catalog (its size and date) and the',
    'table fetched by tokmeter prices update (where from, when, how many models it added).',
    '',
    "tokmeter prices update fetches LiteLLM's model_prices_and_context_window.json (or --url, or reads",
    '--file), checks it as loadPrices does, and keeps it in $XDG_CACHE_HOME/tokmeter (else ~/.cache/tokmeter;',
    'TOKMETER_CACHE_DIR overrides). Later runs load it over the built-in catalog, whose rows win unless',
    '--prefer-fetched. A failed fetch (exit 4) or a malformed table (exit 2) leaves the cache as it was.',
  ].join('\n'),
  options: {
    url: { type: 'string', value: 'url', description: `update: fetch from this URL (default LiteLLM's file on GitHub)` },
    file: { type: 'string', value: 'path', description: 'update: read the table from this file instead of fetching it' },
    'prefer-fetched': { type: 'boolean', description: 'fetched rows replace built-in ones (accepted by every pricing command)' },
    json: { type: 'boolean', description: 'print the report as JSON' },
  },
  positionals: true,
  examples: [
    'tokmeter prices',
    'tokmeter prices update',
    'tokmeter prices update --file model_prices_and_context_window.json',
    'tokmeter cost --prefer-fetched --model gpt-4o --input 1000 --output 100',
  ],
};

async function run({ values, positionals }: ParsedArgs, io: Io): Promise<string> {
  const [sub, ...extra] = positionals;
  if (sub !== undefined && sub !== 'update') {
    throw new UsageError(`unknown prices subcommand ${JSON.stringify(sub)}; use tokmeter prices or tokmeter prices update.`, spec.name);
  }
  if (extra.length > 0) throw new UsageError(`prices ${sub} takes no further arguments, got ${JSON.stringify(extra[0])}.`, spec.name);
  const url = stringValue(values, 'url');
  const file = stringValue(values, 'file');
  const preferFetched = flag(values, 'prefer-fetched');
  if (sub === undefined) {
    if (url !== undefined || file !== undefined) throw new UsageError(`--${url !== undefined ? 'url' : 'file'} goes with tokmeter prices update.`, spec.name);
    return show(preferFetched, flag(values, 'json'), io);
  }
  if (url !== undefined && file !== undefined) throw new UsageError('give --url or --file, not both.', spec.name);
  if (url === '' || file === '') throw new UsageError(`--${url === '' ? 'url' : 'file'} needs a value.`, spec.name);
  return update(file === undefined ? { url: url ?? LITELLM_PRICES_URL } : { file }, preferFetched, flag(values, 'json'));
}

// ── tokmeter prices update ──────────────────────────────────────────────────────────────────────

async function update(origin: CacheOrigin, preferFetched: boolean, json: boolean): Promise<string> {
  // Fetch (or read), validate and load first; the cache is written only once all of that worked.
  let bytes: Uint8Array;
  let loaded: Omit<UpdatePricesResult, 'url'>;
  if ('url' in origin) {
    loaded = await updatePrices({ url: origin.url, overwrite: preferFetched });
    bytes = new TextEncoder().encode(loaded.text);
  } else {
    const path = resolve(origin.file);
    origin = { file: path };
    bytes = await readTable(path);
    const fetchedAt = new Date().toISOString();
    loaded = { fetchedAt, ...loadPriceTableText(new TextDecoder().decode(bytes), { from: path, fetchedAt, overwrite: preferFetched }) };
  }
  const meta: CacheMeta = {
    format: CACHE_FORMAT,
    fetchedAt: loaded.fetchedAt,
    from: origin,
    sha256: sha256(bytes),
    bytes: bytes.length,
    tableFormat: loaded.format,
    asOf: loaded.asOf,
    source: loaded.source,
    counts: countsOf(loaded),
  };
  const path = await writeCache(meta, loaded.table);
  if (json) return `${JSON.stringify({ path, ...meta, rejected: loaded.rejected }, null, 2)}\n`;
  return [
    `Fetched ${originText(origin)}: ${tableName(meta)}, ${groupDigits(meta.bytes)} bytes, sha256 ${meta.sha256}.`,
    countsLine(meta.counts, preferFetched) + '.',
    `Saved to ${path}; the pricing commands load it from now on.`,
    '',
  ].join('\n');
}

async function readTable(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`no such file or directory: ${path}`, { path, cause: error });
    if (code === 'EISDIR') throw new InputError(`${path} is a directory; --file takes a price table file.`, { path, cause: error });
    throw new InputError(`cannot read ${path}: ${code ?? (error as Error).message}`, { path, cause: error });
  }
}

// ── tokmeter prices ─────────────────────────────────────────────────────────────────────────────

/** The built-in catalog's size and latest price date, read before the cache is loaded over it. */
function builtInCatalog(): { models: number; asOf: string } {
  const ids = listModels();
  let asOf = '';
  for (const id of ids) {
    try {
      for (const row of getModel(id).prices) if (row.asOf > asOf) asOf = row.asOf;
    } catch {
      // A model with no price in effect today still counts; it has no date to offer.
    }
  }
  return { models: ids.length, asOf };
}

async function show(preferFetched: boolean, json: boolean, io: Io): Promise<string> {
  const builtIn = builtInCatalog();
  const cache = await loadCachedPrices(preferFetched, io.note);
  if (json) return `${JSON.stringify({ builtIn, preferFetched, cacheDirectory: cacheDirectory(), cache: cacheReport(cache) }, null, 2)}\n`;

  const lines: [string, string][] = [['built-in catalog', `${groupDigits(builtIn.models)} models, prices as of ${builtIn.asOf}`]];
  const notes: string[] = [];
  if (cache.state === 'missing') {
    lines.push(['fetched table', `none (no ${cache.path})`]);
    notes.push("tokmeter prices update fetches LiteLLM's table of about 2,300 more models.");
  } else if (cache.state === 'unreadable') {
    lines.push(['fetched table', `unreadable: ${cache.path}`]);
  } else {
    const { meta, result } = cache;
    const age = ageInDays(meta.fetchedAt);
    lines.push(
      ['fetched table', cache.path],
      ['  from', originText(meta.from)],
      ['  fetched', `${meta.fetchedAt.slice(0, 16).replace('T', ' ')} UTC, ${age === 0 ? 'today' : `${age} day${age === 1 ? '' : 's'} ago`}`],
      ['  table', `${tableName(meta)}, ${groupDigits(meta.bytes)} bytes, sha256 ${meta.sha256}`],
      ['  loaded', countsLine(countsOf(result), preferFetched)],
    );
    if (age > 30) notes.push(`The fetched prices are ${age} days old; tokmeter prices update fetches them again.`);
  }
  const width = Math.max(...lines.map(([label]) => label.length));
  return [...lines.map(([label, text]) => `${label.padEnd(width)}  ${text}`), ...(notes.length > 0 ? ['', ...notes] : []), ''].join('\n');
}

function cacheReport(cache: CacheLoad): Record<string, unknown> {
  if (cache.state !== 'loaded') return cache;
  const { format: _format, counts, ...meta } = cache.meta;
  return {
    state: cache.state,
    path: cache.path,
    ...meta,
    ageDays: ageInDays(meta.fetchedAt),
    atUpdate: counts,
    loaded: countsOf(cache.result),
  };
}

/** Whole days since `iso`, never negative (a clock set back shows 0). */
function ageInDays(iso: string): number {
  return Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 86_400_000));
}

const originText = (origin: CacheOrigin) => ('url' in origin ? origin.url : origin.file);
const tableName = (meta: CacheMeta) => (meta.tableFormat === 'litellm' ? 'LiteLLM table' : 'tokmeter-prices/1 file');

function countsLine(counts: CacheMeta['counts'], preferFetched: boolean): string {
  const skipped = preferFetched || counts.skipped === 0 ? '' : ' (the built-in catalog has them; --prefer-fetched uses the fetched rows)';
  return (
    `${groupDigits(counts.added)} models added, ${groupDigits(counts.skipped)} skipped${skipped}, ` +
    `${groupDigits(counts.rejected)} rejected, ${groupDigits(counts.ignored)} not priced per token`
  );
}

export const prices: Command = { spec, run };
