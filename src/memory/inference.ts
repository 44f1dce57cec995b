import { estimateInferenceActivations } from './activations.js';
import { none, type ComponentEstimate, type MemoryComponent } from './component.js';
import { estimateKvCache } from './kv-cache.js';
import type { ResolvedMemoryOptions } from './options.js';
import { estimateOverhead } from './overhead.js';
import { computePrecisionFor } from './precision.js';
import { estimateWeights } from './weights.js';

/** Serving: the weights, the KV cache for `batch` sequences of `contextLength` tokens, the prefill's working set and the runtime. */
export function estimateInference(options: ResolvedMemoryOptions): Record<MemoryComponent, ComponentEstimate> {
  const { model, batch, contextLength } = options;
  const weights = estimateWeights(model, options.parameters, options.precision);
  const kvCache = estimateKvCache(model, { batch, contextLength, precision: options.kvCachePrecision });
  const activations = estimateInferenceActivations(model, { batch, contextLength, precision: computePrecisionFor(options.precision) });
  return {
    weights,
    kvCache,
    activations,
    gradients: none('none: inference computes no gradients'),
    optimizer: none('none: inference keeps no optimizer state'),
    overhead: estimateOverhead(weights.bytes + kvCache.bytes + activations.bytes, options.overhead),
  };
}
