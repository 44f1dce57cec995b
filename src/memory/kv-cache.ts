import { bytesFor, bytesPerElement, groupDigits, product } from './bytes.js';
import type { ComponentEstimate } from './component.js';
import type { ModelConfig } from './model-config.js';
import { PRECISION_BITS, type Precision } from './precision.js';

export interface KvCacheOptions {
  batch: number;
  contextLength: number;
  /** The format keys and values are cached in. */
  precision: Precision;
}

/**
 * Keys and values kept for every cached token: 2 × layers × KV heads × head dim × context × batch
 * elements. Grouped-query attention shares each KV head among several query heads, so the cache
 * scales with `kvHeads`, not `attentionHeads` (Llama-3.1-70B caches 8 heads, not 64). A layer with a
 * sliding window keeps at most `slidingWindow.size` tokens, however long the context.
 */
export function estimateKvCache(config: ModelConfig, options: KvCacheOptions): ComponentEstimate {
  const { batch, contextLength } = options;
  const bits = PRECISION_BITS[options.precision];
  const dtype = `${bytesPerElement(bits)} (${options.precision})`;
  const sliding = config.slidingWindow;
  if (sliding === undefined || sliding.size >= contextLength) {
    const elements = product(2, config.layers, config.kvHeads, config.headDim, contextLength, batch);
    return {
      bytes: bytesFor(elements, bits),
      arithmetic:
        `2 (K and V) × ${config.layers} layers × ${config.kvHeads} KV heads × ${config.headDim} head dim × ` +
        `${groupDigits(contextLength)} tokens × batch ${groupDigits(batch)} × ${dtype}`,
    };
  }
  const fullLayers = config.layers - sliding.layers;
  const cachedTokens = fullLayers * contextLength + sliding.layers * sliding.size;
  const elements = product(2, config.kvHeads, config.headDim, cachedTokens, batch);
  const fullPart = fullLayers > 0 ? `${fullLayers} layers × ${groupDigits(contextLength)} tokens + ` : '';
  return {
    bytes: bytesFor(elements, bits),
    arithmetic:
      `2 (K and V) × ${config.kvHeads} KV heads × ${config.headDim} head dim × ` +
      `(${fullPart}${sliding.layers} sliding-window layers × ${groupDigits(sliding.size)} tokens) × ` +
      `batch ${groupDigits(batch)} × ${dtype}`,
  };
}
