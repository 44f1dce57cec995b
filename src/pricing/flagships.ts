import { dayOf, type PriceDate } from './dates.js';
import { readOptions } from '../options.js';
import { getModel, listModels } from './registry.js';

/**
 * The flagship models on a day: in each family below, the newest model (by the version in its id)
 * that is built in and active on that day. The rule is this data: a new model of a listed family
 * is picked up when the catalog gains it; a new family is one line. Used by `tokmeter count --fit`
 * and the playground's cost table. Left out: Anthropic's invitation-only Fable and Mythos, and
 * OpenAI's Terra and Luna lines.
 */
export const FLAGSHIP_FAMILIES: readonly { readonly family: string; readonly id: RegExp }[] = [
  { family: 'OpenAI GPT Sol', id: /^gpt-(\d+)(?:\.(\d+))?-sol$/ },
  { family: 'OpenAI GPT Astra', id: /^gpt-(\d+)(?:\.(\d+))?-astra$/ },
  { family: 'OpenAI GPT', id: /^gpt-(\d+)(?:\.(\d+))?$/ },
  { family: 'OpenAI GPT mini', id: /^gpt-(\d+)(?:\.(\d+))?-mini$/ },
  { family: 'Anthropic Claude Opus', id: /^claude-opus-(\d+)(?:-(\d+))?$/ },
  { family: 'Anthropic Claude Sonnet', id: /^claude-sonnet-(\d+)(?:-(\d+))?$/ },
  { family: 'Anthropic Claude Haiku', id: /^claude-haiku-(\d+)(?:-(\d+))?$/ },
  { family: 'Google Gemini Carbon', id: /^gemini-(\d+)(?:\.(\d+))?-carbon$/ },
  { family: 'Google Gemini Flash', id: /^gemini-(\d+)(?:\.(\d+))?-flash$/ },
];

export interface Flagship {
  readonly id: string;
  readonly family: string;
}

/** Whether version `a` (`[6, 2]` for gpt-6.2-sol) is newer than `b`, part by part. */
function isNewer(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return false;
}

/** Whether `id` is a built-in model, priced and active on `day`. */
function isActiveOn(id: string, day: string): boolean {
  try {
    const model = getModel(id, { at: day });
    return model.status === 'active' && model.origin === 'built-in';
  } catch {
    return false; // no price row on that day yet
  }
}

/**
 * The flagship of each family on a day (default today), in the order of `FLAGSHIP_FAMILIES`.
 *
 * @example flagshipModels({ at: '2026-12-07' }).map((m) => m.id)
 * // ['gpt-6.2-sol', 'gpt-6.2-astra', 'gpt-5.5', 'gpt-5.4-mini', 'claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5', 'gemini-4-carbon', 'gemini-3.8-flash']
 */
export function flagshipModels(options: { at?: PriceDate } = {}): Flagship[] {
  const { at } = readOptions(options, ['at'], 'flagshipModels');
  const day = dayOf(at);
  const ids = listModels();
  const picked: Flagship[] = [];
  for (const { family, id: pattern } of FLAGSHIP_FAMILIES) {
    let best: { id: string; version: number[] } | undefined;
    for (const id of ids) {
      const match = pattern.exec(id);
      if (match === null || !isActiveOn(id, day)) continue;
      const version = match.slice(1).map((part) => Number(part ?? 0));
      if (best === undefined || isNewer(version, best.version)) best = { id, version };
    }
    if (best !== undefined) picked.push({ id: best.id, family });
  }
  return picked;
}
