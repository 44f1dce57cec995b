import { estimateTrainingActivations } from './activations.js';
import { bytesFor, bytesPerElement, groupDigits } from './bytes.js';
import { none, type ComponentEstimate, type MemoryComponent } from './component.js';
import { countLoraParameters } from './lora.js';
import { estimateOptimizer } from './optimizer.js';
import type { ResolvedMemoryOptions } from './options.js';
import { estimateOverhead } from './overhead.js';
import { PRECISION_BITS, computePrecisionFor } from './precision.js';
import { NF4_BITS, estimateWeights } from './weights.js';

export interface TrainingEstimate {
  parts: Record<MemoryComponent, ComponentEstimate>;
  /** Parameters that get gradients and optimizer state. */
  trainableParameters: number;
}

/**
 * Fine-tuning. `full` trains every weight in `precision` (fp32, or fp16/bf16 mixed precision with
 * an fp32 master copy). `lora` and `qlora` freeze the base (at `precision`, or in NF4) and train
 * adapters in the compute precision; gradients still flow through the whole base, so activations
 * are the same as for full fine-tuning.
 */
export function estimateTraining(options: ResolvedMemoryOptions): TrainingEstimate {
  const { model, batch, contextLength, method } = options;
  const compute = computePrecisionFor(options.precision);
  const computeBits = PRECISION_BITS[compute];
  let weights: ComponentEstimate;
  let trainable: number;
  if (method === 'full') {
    weights = estimateWeights(model, options.parameters, options.precision);
    trainable = options.parameters;
  } else {
    const base =
      method === 'qlora'
        ? estimateWeights(model, options.parameters, options.precision, { value: NF4_BITS, label: 'NF4 + constants' })
        : estimateWeights(model, options.parameters, options.precision);
    trainable = countLoraParameters(model, options.lora);
    const adapters = bytesFor(trainable, computeBits);
    weights = {
      bytes: base.bytes + adapters,
      arithmetic:
        `frozen base ${base.arithmetic} + rank-${options.lora.rank} adapters on ${options.lora.targets} layers: ` +
        `${groupDigits(trainable)} params × ${bytesPerElement(computeBits)} (${compute})`,
    };
  }
  const gradients: ComponentEstimate = {
    bytes: bytesFor(trainable, computeBits),
    arithmetic: `${groupDigits(trainable)} trainable params × ${bytesPerElement(computeBits)} (${compute})`,
  };
  const optimizer = estimateOptimizer(options.optimizer, trainable, compute);
  const activations = estimateTrainingActivations(model, {
    batch,
    contextLength,
    precision: compute,
    gradientCheckpointing: options.gradientCheckpointing,
  });
  const rest = weights.bytes + gradients.bytes + optimizer.bytes + activations.bytes;
  return {
    parts: {
      weights,
      kvCache: none('none: training keeps no KV cache'),
      activations,
      gradients,
      optimizer,
      overhead: estimateOverhead(rest, options.overhead),
    },
    trainableParameters: trainable,
  };
}
