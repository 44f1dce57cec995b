import { InvalidArgumentError } from '../errors.js';

/** 2^30 bytes: the unit the seed calls "GB". */
export const GIB = 1024 ** 3;
/** 10^9 bytes: the unit GPU vendors and disk makers call "GB". */
export const GB = 1e9;

/**
 * Bytes taken by `count` elements of `bits` bits each, rounded up to a whole byte.
 *
 * `bits` may be fractional (QLoRA's NF4 with its constants is 4.127 bits). Every estimate is a sum
 * of these, so checking here that the result is a safe integer keeps every total exact.
 */
export function bytesFor(count: number, bits: number): number {
  const exact = (count * bits) / 8;
  // With whole bits the product is exact; a fractional width (4.127) leaves float noise that could
  // round a whole number of bytes up by one, so it is cut to 15 significant digits first.
  const bytes = Math.ceil(Number.isInteger(bits) ? exact : Number(exact.toPrecision(15)));
  if (!Number.isSafeInteger(bytes)) {
    throw new InvalidArgumentError(
      'options',
      `describe an estimate of ${bytes.toExponential(3)} bytes, past the 2^53 bytes this estimator counts exactly. ` +
        'Lower the batch, the context length or the model size.',
    );
  }
  return bytes;
}

/** `a × b × …`, checked to stay a safe integer (element counts before they become bytes). */
export function product(...factors: number[]): number {
  let result = 1;
  for (const factor of factors) result *= factor;
  if (!Number.isSafeInteger(result)) {
    throw new InvalidArgumentError(
      'options',
      `describe ${factors.join(' × ')} elements, past the 2^53 this estimator counts exactly. ` +
        'Lower the batch, the context length or the model size.',
    );
  }
  return result;
}

/** `1234567` → `1,234,567`: how counts appear in the arithmetic an estimate shows. */
export function groupDigits(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/** `16` → `2 B`, `4` → `0.5 B`, `4.127` → `0.516 B`: bytes per element for the arithmetic text. */
export function bytesPerElement(bits: number): string {
  return `${groupDigits(bits / 8)} B`;
}
