import { estimateSeedActivations } from './activations.js';
import { none, type ComponentEstimate, type MemoryComponent } from './component.js';
import { estimateSeedOptimizer } from './optimizer.js';
import type { ResolvedMemoryOptions } from './options.js';
import { estimateSeedWeights } from './weights.js';

/**
 * The seed article's accounting. Inference counts the weights alone. Training counts the weights,
 * gradients of the same size, the optimizer by its rules and (hidden + intermediate) × context ×
 * layers activations per sample, all at the weights' width, with no runtime overhead.
 */
export function estimateUnderSeedAssumptions(options: ResolvedMemoryOptions): Record<MemoryComponent, ComponentEstimate> {
  const { model, parameters, precision } = options;
  const weights = estimateSeedWeights(parameters, precision);
  const overhead = none('none under the seed assumptions');
  if (options.mode === 'inference') {
    const reason = 'not counted: the seed counts weights only for inference';
    return {
      weights,
      kvCache: none(reason),
      activations: none(reason),
      gradients: none('none: inference computes no gradients'),
      optimizer: none('none: inference keeps no optimizer state'),
      overhead,
    };
  }
  return {
    weights,
    kvCache: none('none: training keeps no KV cache'),
    activations: estimateSeedActivations(model, options),
    gradients: { bytes: weights.bytes, arithmetic: `one per weight, as large as the weights (${precision})` },
    optimizer: estimateSeedOptimizer(options.optimizer, parameters, weights.bytes, precision),
    overhead,
  };
}
