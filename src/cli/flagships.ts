import { getModel, listModels } from '../pricing/index.js';

/**
 * Which models `count --fit` answers for when no --models are given: the flagship of each family
 * below, that is its newest model (by the version in its id) that is active on the day asked about.
 * The rule lives here, as data: a new model of a listed family is picked up when the catalog gains
 * it; a new family is a line here. Built-in catalog entries only, so the answer does not depend on a
 * fetched price table. Fable and Mythos (Anthropic, invitation only) are left out.
 */
export const FLAGSHIP_FAMILIES: readonly { family: string; id: RegExp }[] = [
  { family: 'OpenAI GPT Astra', id: /^gpt-(\d+)(?:\.(\d+))?-astra$/ },
  { family: 'OpenAI GPT Sol', id: /^gpt-(\d+)(?:\.(\d+))?-sol$/ },
  { family: 'Anthropic Claude Opus', id: /^claude-opus-(\d+)(?:-(\d+))?$/ },
  { family: 'Anthropic Claude Sonnet', id: /^claude-sonnet-(\d+)(?:-(\d+))?$/ },
  { family: 'Google Gemini Carbon', id: /^gemini-(\d+)(?:\.(\d+))?-carbon$/ },
  { family: 'Google Gemini Flash', id: /^gemini-(\d+)(?:\.(\d+))?-flash$/ },
];

/** The version in an id as numbers (`claude-opus-5-5` → [5, 5]), compared part by part. */
function newer(a: number[], b: number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return false;
}

/** Whether `id` is priced and active on `at` (not deprecated, not shut down, not yet to launch). */
function activeOn(id: string, at: string): boolean {
  try {
    const model = getModel(id, { at });
    return model.status === 'active' && model.origin === 'built-in';
  } catch {
    return false; // no price row yet on that day
  }
}

/** The flagship of each family on `at` (ISO day), in the order of `FLAGSHIP_FAMILIES`. */
export function flagshipModels(at: string): string[] {
  const ids = listModels();
  const picked: string[] = [];
  for (const { id: pattern } of FLAGSHIP_FAMILIES) {
    let best: { id: string; version: number[] } | undefined;
    for (const id of ids) {
      const match = pattern.exec(id);
      if (match === null || !activeOn(id, at)) continue;
      const version = match.slice(1).map((part) => Number(part ?? 0));
      if (best === undefined || newer(version, best.version)) best = { id, version };
    }
    if (best !== undefined) picked.push(best.id);
  }
  return picked;
}
