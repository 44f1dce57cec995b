import { InvalidArgumentError, UnknownModelError } from '../errors.js';
import { promptTokenizer } from './prompt-tokenizer.js';
import { suggestNames } from '../suggest.js';
import { builtInCatalog } from './catalog/index.js';
import { appliedPrice, lifecycleAt, rowAt } from './dated.js';
import { dayOf, type PriceDate } from './dates.js';
import { readOptions } from '../options.js';
import { PriceTableError } from './errors.js';
import { sanityProblems } from './sanity.js';
import { mapPricing, parseModelSpec, publicRow, type CatalogEntry } from './spec.js';
import { toNumber } from './decimal.js';
import type { ModelInfo } from './types.js';

/**
 * Where model ids resolve. The built-in catalog is parsed (and held to the sanity rules) on first
 * use; `loadPrices` layers entries over it and `resetPrices` drops them again.
 */

interface Table {
  entries: Map<string, CatalogEntry>;
  aliases: Map<string, string>;
}

let builtIn: Table | undefined;
let loaded: Table = { entries: new Map(), aliases: new Map() };

/** Provider prefixes people put in front of ids, and the providers each may name. A Map: the prefix is user text. */
const PREFIX_PROVIDERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['openai', ['openai']],
  ['anthropic', ['anthropic']],
  ['gemini', ['google', 'gemini']],
  ['google', ['google', 'gemini']],
  ['models', ['google', 'gemini']],
]);

function builtInTable(): Table {
  if (builtIn !== undefined) return builtIn;
  const table: Table = { entries: new Map(), aliases: new Map() };
  for (const [id, spec] of Object.entries(builtInCatalog())) {
    const entry = parseModelSpec(id, spec, 'built-in');
    const problem = sanityProblems(entry)[0];
    if (problem !== undefined) throw new PriceTableError(id, problem.field, `${problem.problem} (built-in catalog)`);
    table.entries.set(id, entry);
    for (const alias of entry.info.aliases) table.aliases.set(alias, id);
  }
  builtIn = table;
  return table;
}

function lookup(id: string): CatalogEntry | undefined {
  const base = builtInTable();
  const exact = loaded.entries.get(id) ?? base.entries.get(id);
  if (exact !== undefined) return exact;
  const target = loaded.aliases.get(id) ?? base.aliases.get(id);
  return target === undefined ? undefined : (loaded.entries.get(target) ?? base.entries.get(target));
}

/** Resolves an id, or returns undefined: exact ids and aliases first, then without a provider prefix. */
export function findModel(id: string): CatalogEntry | undefined {
  const direct = lookup(id);
  if (direct !== undefined) return direct;
  const slash = id.indexOf('/');
  if (slash <= 0) return undefined;
  const providers = PREFIX_PROVIDERS.get(id.slice(0, slash));
  const entry = providers === undefined ? undefined : lookup(id.slice(slash + 1));
  return entry !== undefined && providers?.includes(entry.info.provider) ? entry : undefined;
}

/** Resolves an id or throws `UnknownModelError` with the closest known ids. */
export function resolveModel(id: string): CatalogEntry {
  const entry = findModel(id);
  if (entry !== undefined) return entry;
  throw new UnknownModelError(
    id,
    suggestNames(id, knownIds()),
    'Known ids are listed by listModels(); load prices for other models with loadPrices() ' +
      "(tokmeter's own format or LiteLLM's model_prices_and_context_window.json).",
  );
}

function knownIds(): string[] {
  const base = builtInTable();
  return [...new Set([...base.entries.keys(), ...base.aliases.keys(), ...loaded.entries.keys(), ...loaded.aliases.keys()])];
}

/**
 * Adds entries over the catalog. With `overwrite: false`, an id (or alias) that already resolves
 * keeps its current entry and is returned as skipped.
 */
export function addEntries(entries: readonly CatalogEntry[], overwrite: boolean): { added: string[]; skipped: string[] } {
  const added: string[] = [];
  const skipped: string[] = [];
  for (const entry of entries) {
    if (!overwrite && findModel(entry.id) !== undefined) {
      skipped.push(entry.id);
      continue;
    }
    loaded.entries.set(entry.id, entry);
    loaded.aliases.delete(entry.id);
    for (const alias of entry.info.aliases) {
      if (overwrite || findModel(alias) === undefined) loaded.aliases.set(alias, entry.id);
    }
    added.push(entry.id);
  }
  return { added, skipped };
}

/**
 * Drops every price added by `loadPrices`, back to the built-in catalog.
 *
 * @example
 * ```ts
 * loadPrices(myTable);
 * resetPrices(); // getModel('my-model') throws again
 * ```
 */
export function resetPrices(): void {
  loaded = { entries: new Map(), aliases: new Map() };
}

export interface GetModelOptions {
  /** The day whose prices and status to describe: an ISO date or a Date. @default today (UTC) */
  at?: PriceDate;
}

/**
 * Describes a model: provider, tokenizer, limits, lifecycle, and the prices in effect on a day
 * (today by default) in USD per 1M tokens with their date and source; `prices` lists every dated
 * row. Accepts catalog ids, dated snapshots (`gpt-4o-2024-08-06`, `claude-sonnet-4-5-20250929`),
 * `-latest` names and provider prefixes (`openai/gpt-4o`, `gemini/gemini-2.5-pro`). A snapshot with
 * prices of its own keeps them (`gpt-4o-2024-05-13`).
 *
 * @throws {UnknownModelError} for an id the catalog does not know, with the closest known ids.
 * @throws {NoPriceOnDateError} when no price row of the model is in effect on `at`.
 * @throws {InvalidArgumentError} when `id` is not a string or `at` not a date.
 * @example
 * ```ts
 * const model = getModel('anthropic/claude-sonnet-4-5-20250929');
 * model.id;                      // 'claude-sonnet-4-5'
 * model.pricing.standard.input;  // 3 (USD per 1M tokens)
 * model.contextWindow;           // 200000
 *
 * getModel('gpt-5.6-sol', { at: '2026-09-01' }).price.kind; // 'promotion'
 * ```
 */
export function getModel(id: string, options: GetModelOptions = {}): ModelInfo {
  if (typeof id !== 'string') throw new InvalidArgumentError('id', `must be a model id string, got ${typeof id}.`);
  const { at } = readOptions(options, ['at'], 'getModel');
  const day = dayOf(at);
  const entry = resolveModel(id);
  return describeEntry(entry, day);
}

/** The public description of an entry on `day`. */
export function describeEntry(entry: CatalogEntry, day: string): ModelInfo {
  const row = rowAt(entry, day);
  const { status, warnings } = lifecycleAt(entry, day);
  const info = entry.info;
  return structuredClone({
    ...info,
    tokenizer: promptTokenizer(entry),
    pricing: mapPricing(row.pricing, toNumber),
    asOf: row.asOf,
    source: row.source,
    price: appliedPrice(row, day),
    prices: entry.rows.map(publicRow),
    status,
    warnings,
  });
}

/**
 * The ids of every model in the catalog (built-in and loaded), sorted. Aliases are not listed.
 *
 * @example
 * ```ts
 * listModels().filter((id) => id.startsWith('claude-'));
 * ```
 */
export function listModels(): string[] {
  return [...new Set([...builtInTable().entries.keys(), ...loaded.entries.keys()])].sort();
}
