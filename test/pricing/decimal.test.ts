import { describe, expect, test } from 'vitest';
import { add, compare, fromNumber, mul, parseDecimal, shift, toNumber, toText } from '../../src/pricing/decimal.js';

describe('exact decimals', () => {
  test.each([
    ['2.50', 250n, 2],
    ['0.0375', 375n, 4],
    ['1.375e-7', 1375n, 10],
    ['3E2', 300n, 0],
    ['.5', 5n, 1],
    ['7.', 7n, 0],
    ['-0.25', -25n, 2],
    ['0.0000029999900000000002', 29999900000000002n, 22],
  ])('parses %s exactly', (text, digits, scale) => {
    expect(parseDecimal(text)).toEqual({ digits, scale });
  });

  test.each(['', 'abc', '1.2.3', '1e', '--1', '0x10', 'NaN', 'Infinity'])('refuses %j', (text) => {
    expect(parseDecimal(text)).toBeUndefined();
  });

  test('sums and products stay exact where floats drift: 0.1 + 0.2 = 0.3, 3 × 0.1 = 0.3', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(toNumber(add(fromNumber(0.1), fromNumber(0.2)))).toBe(0.3);
    expect(toNumber(mul(fromNumber(3), fromNumber(0.1)))).toBe(0.3);
  });

  test('shift scales by powers of ten both ways; text has no exponent', () => {
    expect(toText(shift(fromNumber(1.375e-7), 6))).toBe('0.1375');
    expect(toText(shift(fromNumber(2.5), -6))).toBe('0.0000025');
    expect(toText(shift(fromNumber(2.5), 3))).toBe('2500');
  });

  test('compare orders values of different scales', () => {
    expect(compare(parseDecimal('0.30')!, parseDecimal('0.3')!)).toBe(0);
    expect(compare(parseDecimal('0.29999')!, parseDecimal('0.3')!)).toBe(-1);
    expect(compare(parseDecimal('1e3')!, parseDecimal('999.999')!)).toBe(1);
  });

  test('fromNumber refuses non-finite numbers: callers check first, so it is an internal error', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => fromNumber(value)).toThrow(expect.objectContaining({ name: 'TokmeterError', code: 'INTERNAL' }));
      expect(() => fromNumber(value)).toThrow(`tokmeter: internal error: fromNumber takes a finite number, not ${value}. This is a bug in tokmeter`);
    }
  });
});
