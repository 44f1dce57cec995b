/** Number formats shared by the commands: grouped integers, dollars and prices per 1M tokens. */

/** `1234567` → `1,234,567`. */
export function groupDigits(value: number): string {
  const [whole = '', fraction] = String(Math.abs(value)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Trailing zeros after the decimal point go, down to `keep` decimals. */
function trimZeros(text: string, keep: number): string {
  const point = text.indexOf('.');
  if (point < 0) return text;
  let end = text.length;
  while (end > point + 1 + keep && text[end - 1] === '0') end--;
  if (end === point + 1) end = point;
  return text.slice(0, end);
}

/**
 * A dollar amount for people: cents for $1 and up (`$1,234.57`), six significant digits below a
 * dollar so that per-request costs stay visible (`$0.000405`, `$0.0000003`). Never exponential.
 * Scripts should read the exact number from `--json`.
 */
export function formatUsd(amount: number): string {
  if (amount === 0) return '$0.00';
  if (amount >= 1) {
    const [whole = '0', cents = '00'] = amount.toFixed(2).split('.');
    return `$${groupDigits(Number(whole))}.${cents}`;
  }
  const magnitude = Math.floor(Math.log10(amount));
  const decimals = Math.min(20, Math.max(2, 5 - magnitude));
  return `$${trimZeros(amount.toFixed(decimals), 2)}`;
}

/** A price in USD per 1M tokens: two decimals at least, more when the price has them (`0.075`). */
export function formatPrice(perMillion: number | undefined): string {
  if (perMillion === undefined) return '-';
  return trimZeros(perMillion.toFixed(6), 2);
}

/** `1234` → `1.21 KiB`; sizes in the count summary and the progress bar. */
export function formatSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} ${units[unit]}`;
}
