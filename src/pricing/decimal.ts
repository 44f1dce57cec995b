/**
 * Exact decimal arithmetic for money: a value is `digits × 10^-scale` with `digits` a bigint.
 *
 * Why this and not floats or a fixed unit: prices are published as short decimals ($0.10, $0.0375)
 * and LiteLLM's per-token floats print as decimals too (`1.375e-7`, and a few odd ones such as
 * `0.0000029999900000000002`). Reading each price from its shortest decimal text keeps it exactly
 * as written, whatever its precision, where a fixed integer unit (micro-dollars, say) would have to
 * round some of them. Sums and products of such decimals stay exact, so a cost is rounded once, by
 * `toNumber`, which lets the JS parser round the exact decimal text to the nearest double: 3 tokens
 * at $0.10 per 1M give exactly `3e-7`, not `3.0000000000000004e-7`.
 */
import { internalError } from '../errors.js';

export interface Decimal {
  readonly digits: bigint;
  readonly scale: number;
}

const DECIMAL_TEXT = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$|^([+-]?)\.(\d+)(?:[eE]([+-]?\d+))?$/;

export const ZERO: Decimal = { digits: 0n, scale: 0 };

/**
 * The largest exponent and the most digits decimal text may have. Money never needs more, and an
 * exponent is a power of ten computed as a bigint: `'1e40000000'` would take half a minute.
 */
export const MAX_EXPONENT = 1_000;
export const MAX_DIGITS = 1_000;

/**
 * Parses decimal text (`'2.50'`, `'1.375e-7'`, `'.5'`), or returns undefined if it is not one, or
 * if its exponent or its digits are beyond `MAX_EXPONENT` / `MAX_DIGITS`.
 */
export function parseDecimal(text: string): Decimal | undefined {
  if (text.length > MAX_DIGITS + 20) return undefined;
  const match = DECIMAL_TEXT.exec(text.trim());
  if (match === null) return undefined;
  const sign = match[1] ?? match[5] ?? '';
  const whole = match[2] ?? '';
  const fraction = match[3] ?? match[6] ?? '';
  const exponent = Number(match[4] ?? match[7] ?? '0');
  if (!(Math.abs(exponent) <= MAX_EXPONENT)) return undefined;
  let digits = BigInt(`${whole}${fraction}` || '0');
  let scale = fraction.length - exponent;
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits: sign === '-' ? -digits : digits, scale };
}

/** The decimal a finite number prints as (its shortest round-trip text), exactly. */
export function fromNumber(value: number): Decimal {
  const parsed = Number.isFinite(value) ? parseDecimal(String(value)) : undefined;
  if (parsed === undefined) throw internalError(`fromNumber takes a finite number, not ${value}`);
  return parsed;
}

export function fromInteger(value: number | bigint): Decimal {
  return { digits: BigInt(value), scale: 0 };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  if (a.scale === b.scale) return [a.digits, b.digits, a.scale];
  if (a.scale > b.scale) return [a.digits, b.digits * 10n ** BigInt(a.scale - b.scale), a.scale];
  return [a.digits * 10n ** BigInt(b.scale - a.scale), b.digits, b.scale];
}

export function add(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return { digits: x + y, scale };
}

export function sub(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return { digits: x - y, scale };
}

export function mul(a: Decimal, b: Decimal): Decimal {
  return { digits: a.digits * b.digits, scale: a.scale + b.scale };
}

/** `a × 10^power`, exactly. */
export function shift(a: Decimal, power: number): Decimal {
  if (power <= a.scale) return { digits: a.digits, scale: a.scale - power };
  return { digits: a.digits * 10n ** BigInt(power - a.scale), scale: 0 };
}

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce(add, ZERO);
}

/** -1, 0 or 1. */
export function compare(a: Decimal, b: Decimal): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isZero(a: Decimal): boolean {
  return a.digits === 0n;
}

/** The nearest double to the exact value (the one rounding step in every cost). */
export function toNumber(a: Decimal): number {
  return Number(`${a.digits}e-${a.scale}`);
}

/** Exact decimal text without an exponent, trailing zeros trimmed: `'0.0000003'`. */
export function toText(a: Decimal): string {
  const negative = a.digits < 0n;
  let digits = (negative ? -a.digits : a.digits).toString();
  if (a.scale > 0) {
    digits = digits.padStart(a.scale + 1, '0');
    const point = digits.length - a.scale;
    digits = `${digits.slice(0, point)}.${digits.slice(point)}`.replace(/\.?0+$/, '');
  }
  return (negative ? '-' : '') + digits;
}
