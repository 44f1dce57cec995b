import type { AppliedPrice, ModelWarning } from '../pricing/index.js';
import { isIsoDay, today } from '../pricing/dates.js';
import { stringValue, type OptionSpec, type Values } from './args.js';
import { UsageError } from './errors.js';
import type { Io } from './io.js';

/** `--at`, shared by every command that prices: the day whose price rows and lifecycle apply. */
export const AT_OPTION: OptionSpec = {
  type: 'string',
  value: 'YYYY-MM-DD',
  description: 'price as of this day (UTC): the price row in effect then, and the model\'s status (default today)',
};

/** The day `--at` names, or today. */
export function atDay(values: Values, command: string): string {
  const text = stringValue(values, 'at');
  if (text === undefined) return today();
  if (!isIsoDay(text)) throw new UsageError(`--at must be a calendar day written YYYY-MM-DD, got ${JSON.stringify(text)}.`, command);
  return text;
}

/** Lifecycle warnings (deprecated, shut down) as notes on stderr, once each. */
export function noteWarnings(io: Io, warnings: readonly ModelWarning[]): void {
  for (const message of new Set(warnings.map((warning) => warning.message))) io.note(message);
}

/** The price row a figure came from, for people: `list price since 2026-07-09, checked 2026-12-07`. */
export function priceRowLine(price: AppliedPrice): string {
  const kind = price.kind === 'promotion' ? 'promotional price' : 'list price';
  const span =
    price.effectiveFrom === null
      ? price.effectiveUntil === null ? '' : ` until ${price.effectiveUntil}`
      : price.effectiveUntil === null ? ` since ${price.effectiveFrom}` : ` from ${price.effectiveFrom} to ${price.effectiveUntil}`;
  return `${kind}${span}, checked ${price.asOf}`;
}
