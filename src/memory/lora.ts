import type { ModelConfig } from './model-config.js';

/** Which linear layers get adapters. */
export const LORA_TARGETS = ['attention', 'all-linear'] as const;

export type LoraTarget = (typeof LORA_TARGETS)[number];

export interface LoraOptions {
  /** The adapters' rank r. @default 16 */
  rank: number;
  /**
   * `attention`: the query, key, value and output projections. `all-linear`: those and the
   * feed-forward projections of every expert, as the QLoRA paper recommends. @default 'all-linear'
   */
  targets: LoraTarget;
}

/**
 * Trainable parameters LoRA adds: a d_in × d_out layer gets A (d_in × r) and B (r × d_out), so
 * r × (d_in + d_out). Llama-2-7B at rank 16 on all linear layers gets 39,976,960.
 */
export function countLoraParameters(config: ModelConfig, lora: LoraOptions): number {
  const h = config.hiddenSize;
  const queryWidth = config.attentionHeads * config.headDim;
  const kvWidth = config.kvHeads * config.headDim;
  // q: h → query, k and v: h → kv, o: query → h.
  const attention = 2 * (h + queryWidth) + 2 * (h + kvWidth);
  const feedForward = lora.targets === 'all-linear' ? (config.experts?.total ?? 1) * 3 * (h + config.intermediateSize) : 0;
  return lora.rank * config.layers * (attention + feedForward);
}
