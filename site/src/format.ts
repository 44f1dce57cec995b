/** How the page writes numbers and money: en-US grouping, so the figures read the same everywhere. */

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const RATE = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });
const SMALL = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumSignificantDigits: 4 });

/** `300924` → `300,924`. */
export function formatCount(value: number): string {
  return INTEGER.format(value);
}

/** A price per 1M tokens: `2.5` → `$2.50`, `0.075` → `$0.075`. */
export function formatRate(value: number): string {
  return RATE.format(value);
}

/**
 * A cost: a dollar and up with two to four decimals (`$1.2345`), below that with four significant
 * digits (`$0.03015`, `$0.000135`), so a one-word prompt does not read as `$0.00`.
 */
export function formatCost(value: number): string {
  if (value === 0) return '$0';
  return value < 1 ? SMALL.format(value) : RATE.format(value);
}
