import { NoPriceOnDateError } from './errors.js';
import type { CatalogEntry, DatedPrices } from './spec.js';
import type { AppliedPrice, ModelStatus, ModelWarning } from './types.js';

/**
 * Which of a model's dated price rows bills a given day, and where the model stands on it. One
 * rule: among the rows whose span holds the day, the one that took effect last wins, so a
 * promotion laid over a list price gives way to it again when the promotion ends.
 */

/** Whether `row` bills `day` (ISO days compare as text). */
function holds(row: DatedPrices, day: string): boolean {
  return (row.effectiveFrom === undefined || row.effectiveFrom <= day) && (row.effectiveUntil === undefined || day <= row.effectiveUntil);
}

/** The row in effect on `day`, or `NoPriceOnDateError`. */
export function rowAt(entry: CatalogEntry, day: string): DatedPrices {
  let best: DatedPrices | undefined;
  for (const row of entry.rows) {
    if (!holds(row, day)) continue;
    if (best === undefined || (row.effectiveFrom ?? '') >= (best.effectiveFrom ?? '')) best = row;
  }
  if (best === undefined) throw new NoPriceOnDateError(entry.id, day, entry.rows[0]?.effectiveFrom ?? null);
  return best;
}

/** The row as results report it. */
export function appliedPrice(row: DatedPrices, day: string): AppliedPrice {
  return {
    at: day,
    effectiveFrom: row.effectiveFrom ?? null,
    effectiveUntil: row.effectiveUntil ?? null,
    kind: row.kind,
    asOf: row.asOf,
    source: row.source,
  };
}

/**
 * The model's status on `day` and the warnings that go with it: shut down when `day` is after its
 * shutdown date (the model is still priced, for the history of bills), deprecated from the day the
 * deprecation was announced until then. Without `deprecatedOn` a model is active until its shutdown.
 */
export function lifecycleAt(entry: CatalogEntry, day: string): { status: ModelStatus; warnings: ModelWarning[] } {
  const { shutdownOn, deprecatedOn, lifecycleSource } = entry.info;
  const cited = lifecycleSource === undefined ? '' : ` (${lifecycleSource})`;
  if (shutdownOn !== undefined && day > shutdownOn) {
    return {
      status: 'shut-down',
      warnings: [{
        code: 'MODEL_SHUT_DOWN',
        message: `${entry.id} was shut down on ${shutdownOn}${cited}; requests after that day fail. The cost is what it would have been billed at its last prices.`,
      }],
    };
  }
  if (deprecatedOn !== undefined && deprecatedOn <= day) {
    return {
      status: 'deprecated',
      warnings: [{
        code: 'MODEL_DEPRECATED',
        message: `${entry.id} is deprecated` + (shutdownOn === undefined ? '' : ` and shuts down on ${shutdownOn}`) + `${cited}; move to a newer model.`,
      }],
    };
  }
  return { status: 'active', warnings: [] };
}
