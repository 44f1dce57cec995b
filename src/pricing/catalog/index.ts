import type { ModelSpec } from '../types.js';
import { anthropicModels } from './anthropic.js';
import { googleModels } from './google.js';
import { openAiModels } from './openai.js';

/**
 * tokmeter's built-in catalog: every generally available text model of OpenAI, Anthropic and Google
 * as of `CATALOG_AS_OF`, and the ones retired since 2025, kept with their lifecycle dates so that
 * old bills still price. Prices are USD per 1M tokens written as decimal text, so each is exact. The
 * registry parses the catalog on first use and holds every row to the sanity rules (src/pricing/sanity.ts).
 *
 * Sources. The main one is shared/docs/pricing-facts-2026.md, the facts gathered for tokmeter as of
 * 2026-12-07; each row's `source` names its keys ([OA-models], [AN-price], [GG-dep], [LL] …), with
 * (off) for a provider's own page and (3p) for a third party. Models generally available by July
 * 2026 start from LiteLLM's table of 2026-07-24 (shared/data, per-token prices × 1e6); the 2025 rows
 * come from shared/docs/pricing-facts.md.
 *
 * Dating. A model's `prices` are rows, oldest first. A row bills from `effectiveFrom` (its first day;
 * left out only on a first row whose launch day no source gives) through `effectiveUntil` when it has
 * one; on any day the row in effect with the latest `effectiveFrom` applies. A price change is a new
 * row; a promotion is a row of kind `promotion` with both dates, laid over the list row, which applies
 * again once it ends; a change announced for a later day is a row from that day. `asOf` is the day a
 * row was last checked: 2026-12-07 for rows checked against the 2026 facts sheet, 2026-07-24 for rows
 * taken from LiteLLM's table (or the 2025 catalog) and not checked again.
 *
 * Conflicts. Where sources disagree, the row carries a one-line comment naming both and the value
 * kept: a provider's own page wins over third parties; between third parties the comment says why.
 * A price no source gives is left out with a comment (a missing cache price bills at the input
 * price; a missing tier is not offered), never filled in by a guess.
 */
export function builtInCatalog(): Readonly<Record<string, ModelSpec<string>>> {
  return { ...openAiModels(), ...anthropicModels(), ...googleModels() };
}

/** The day the catalog was last checked against its sources. */
export const CATALOG_AS_OF = '2026-12-07';
