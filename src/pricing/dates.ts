import { InvalidArgumentError } from '../errors.js';

/**
 * Calendar days, as the catalog's dated rows and the `at` option write them: ISO `YYYY-MM-DD`, UTC.
 * Strings of that form compare in date order, so rows and lifecycle dates are compared as text.
 */

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `text` is a real ISO calendar day (`2026-02-30` is not). */
export function isIsoDay(text: string): boolean {
  return ISO_DAY.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

/** Today's UTC calendar day. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The day after `day`. */
export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The type of the `at` option every cost function takes. */
export type PriceDate = string | Date;

/**
 * The day an `at` option names: an ISO day as given, a `Date` as its UTC day, today when absent.
 * Anything else is an `InvalidArgumentError` naming `field`.
 */
export function dayOf(at: unknown, field = 'options.at'): string {
  if (at === undefined) return today();
  if (typeof at === 'string' && isIsoDay(at)) return at;
  if (at instanceof Date && Number.isFinite(at.getTime())) {
    const year = at.getUTCFullYear();
    if (year >= 0 && year <= 9999) return at.toISOString().slice(0, 10);
  }
  const shown = typeof at === 'string' ? JSON.stringify(at.length > 40 ? `${at.slice(0, 40)}…` : at) : at instanceof Date ? 'an invalid Date' : typeof at;
  throw new InvalidArgumentError(field, `must be an ISO date (YYYY-MM-DD, a UTC day) or a valid Date, got ${shown}.`);
}
