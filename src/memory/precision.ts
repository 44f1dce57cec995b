/**
 * Number formats a model's weights can be stored in, and how many bits each element takes.
 *
 * Weight-only quantisation (int8, int4) stores the weights small but computes in 16 bits, so
 * activations and the KV cache of a quantised model stay 16-bit unless the caller says otherwise.
 * Quantisation scales and zero points are not counted here: with one 16-bit scale per group of
 * 128 weights they add 0.125 bits per weight (about 3% at int4).
 */
export const PRECISIONS = ['fp32', 'fp16', 'bf16', 'fp8', 'int8', 'int4'] as const;

export type Precision = (typeof PRECISIONS)[number];

/** Bits per stored element. */
export const PRECISION_BITS: Readonly<Record<Precision, number>> = {
  fp32: 32,
  fp16: 16,
  bf16: 16,
  fp8: 8,
  int8: 8,
  int4: 4,
};

/** The formats arithmetic runs in: what activations, gradients and the KV cache are held in. */
export type ComputePrecision = 'fp32' | 'fp16' | 'bf16';

/**
 * The format a model stored at `precision` computes in: itself when it is a float format that
 * kernels compute in, otherwise bf16 (the usual compute dtype for fp8, int8 and int4 weights).
 */
export function computePrecisionFor(precision: Precision): ComputePrecision {
  return precision === 'fp32' || precision === 'fp16' || precision === 'bf16' ? precision : 'bf16';
}
