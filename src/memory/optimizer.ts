import { bytesFor, groupDigits } from './bytes.js';
import type { ComponentEstimate } from './component.js';
import type { ComputePrecision, Precision } from './precision.js';

export const OPTIMIZERS = ['adamw', 'adamw-8bit', 'sgd'] as const;

export type Optimizer = (typeof OPTIMIZERS)[number];

const LABELS: Readonly<Record<Optimizer, string>> = {
  adamw: 'AdamW',
  'adamw-8bit': '8-bit AdamW',
  sgd: 'SGD with momentum',
};

/** Bytes of optimizer state per trainable parameter, before any fp32 master copy. */
const STATE_BYTES: Readonly<Record<Optimizer, { bytes: number; what: string }>> = {
  adamw: { bytes: 8, what: 'fp32 momentum + fp32 variance' },
  'adamw-8bit': { bytes: 2, what: '8-bit momentum + 8-bit variance' },
  sgd: { bytes: 4, what: 'fp32 momentum' },
};

/** Mixed-precision training keeps an fp32 copy of each trainable weight for the update. */
const MASTER_COPY_BYTES = 4;

export function optimizerLabel(optimizer: Optimizer): string {
  return LABELS[optimizer];
}

/**
 * Optimizer memory as EleutherAI's "Transformer Math 101" counts it: under mixed precision
 * (fp16/bf16) the fp32 master copy (4 B) plus the states, so AdamW 12 B, 8-bit AdamW 6 B and SGD
 * with momentum 8 B per trainable parameter; training in fp32 needs no separate copy. With 2 B of
 * weights and 2 B of gradients, mixed-precision AdamW comes to the familiar 16 B per parameter.
 */
export function estimateOptimizer(optimizer: Optimizer, trainable: number, compute: ComputePrecision): ComponentEstimate {
  const state = STATE_BYTES[optimizer];
  const master = compute === 'fp32' ? 0 : MASTER_COPY_BYTES;
  const perParameter = master + state.bytes;
  const parts = master > 0 ? `fp32 master copy + ${state.what}` : state.what;
  return {
    bytes: bytesFor(trainable, perParameter * 8),
    arithmetic: `${LABELS[optimizer]}: ${groupDigits(trainable)} trainable params × ${perParameter} B (${parts})`,
  };
}

/**
 * The seed's optimizer rules: AdamW keeps two states, each as large as the weights; bitsandbytes'
 * 8-bit AdamW about 2 B per parameter; SGD about one copy of the weights.
 */
export function estimateSeedOptimizer(
  optimizer: Optimizer,
  parameters: number,
  weightBytes: number,
  precision: Precision,
): ComponentEstimate {
  switch (optimizer) {
    case 'adamw':
      return { bytes: 2 * weightBytes, arithmetic: `AdamW: 2 states × ${groupDigits(weightBytes)} B of ${precision} weights` };
    case 'adamw-8bit':
      return { bytes: bytesFor(parameters, 16), arithmetic: `8-bit AdamW: ${groupDigits(parameters)} params × 2 B` };
    case 'sgd':
      return { bytes: weightBytes, arithmetic: `SGD: 1 × ${groupDigits(weightBytes)} B of ${precision} weights` };
  }
}
