import { bytesFor, bytesPerElement, groupDigits, product } from './bytes.js';
import type { ComponentEstimate } from './component.js';
import { activeExperts, type ModelConfig } from './model-config.js';
import { PRECISION_BITS, type ComputePrecision, type Precision } from './precision.js';

export interface ActivationOptions {
  batch: number;
  contextLength: number;
  /** The format activations are held in. */
  precision: ComputePrecision;
}

/** Cross-entropy and sampling work on fp32 logits, whatever the model computes in. */
const LOGIT_BITS = 32;

/*
 * Both estimates assume flash attention, so no context × context score matrix is ever stored, and
 * no dropout (none of the presets uses it in fine-tuning). A mixture-of-experts layer runs its
 * `experts.active` feed-forward blocks for every token, so their widths add up.
 */

/**
 * Inference: the working set of the largest single step when the whole context is prefilled in one
 * pass. Per token that is the residual stream and its normed copy (2 × hidden) plus the larger of
 * the attention block (queries, keys, values and the attention output) and the feed-forward block
 * (gate and up projections); only the last position's logits are made. Serving engines that prefill
 * in chunks need less.
 */
export function estimateInferenceActivations(config: ModelConfig, options: ActivationOptions): ComponentEstimate {
  const { batch, contextLength } = options;
  const h = config.hiddenSize;
  const queryWidth = config.attentionHeads * config.headDim;
  const kvWidth = config.kvHeads * config.headDim;
  const feedForwardWidth = config.intermediateSize * activeExperts(config);
  const attention = 2 * queryWidth + 2 * kvWidth;
  const feedForward = 2 * feedForwardWidth;
  const perToken = 2 * h + Math.max(attention, feedForward);
  const bits = PRECISION_BITS[options.precision];
  const hidden = bytesFor(product(batch, contextLength, perToken), bits);
  const logits = bytesFor(product(batch, config.vocabSize), LOGIT_BITS);
  const step =
    attention >= feedForward
      ? `2 × ${groupDigits(queryWidth)} query + 2 × ${groupDigits(kvWidth)} KV attention`
      : `2 × ${groupDigits(feedForwardWidth)} feed-forward`;
  return {
    bytes: hidden + logits,
    arithmetic:
      `batch ${groupDigits(batch)} × ${groupDigits(contextLength)} tokens × (2 × ${groupDigits(h)} hidden + ${step}) × ` +
      `${bytesPerElement(bits)} (${options.precision}) + batch ${groupDigits(batch)} × ${groupDigits(config.vocabSize)} vocab × ` +
      `${bytesPerElement(LOGIT_BITS)} (fp32 logits)`,
  };
}

export interface TrainingActivationOptions extends ActivationOptions {
  /** Keep only each layer's input and recompute the rest during the backward pass. */
  gradientCheckpointing: boolean;
}

/**
 * Training: everything the backward pass reads, summed over layers. Per layer and token a
 * pre-norm block with SwiGLU keeps its two norm inputs and outputs (4 × hidden), queries and the
 * attention output (2 × query width), keys and values (2 × KV width) and the gate, up and product
 * tensors of the feed-forward block (3 × its width); the loss keeps fp32 logits for every token.
 * With gradient checkpointing only each layer's input is kept, plus one layer's full set while it
 * is recomputed.
 */
export function estimateTrainingActivations(config: ModelConfig, options: TrainingActivationOptions): ComponentEstimate {
  const { batch, contextLength } = options;
  const h = config.hiddenSize;
  const queryWidth = config.attentionHeads * config.headDim;
  const kvWidth = config.kvHeads * config.headDim;
  const feedForwardWidth = config.intermediateSize * activeExperts(config);
  const perLayer = 4 * h + 2 * queryWidth + 2 * kvWidth + 3 * feedForwardWidth;
  const bits = PRECISION_BITS[options.precision];
  const tokens = product(batch, contextLength);
  const perToken = options.gradientCheckpointing ? config.layers * h + perLayer : config.layers * perLayer;
  const stored = bytesFor(product(tokens, perToken), bits);
  const logits = bytesFor(product(tokens, config.vocabSize), LOGIT_BITS);
  const layerTerm =
    `(4 × ${groupDigits(h)} + 2 × ${groupDigits(queryWidth)} + 2 × ${groupDigits(kvWidth)} + ` +
    `3 × ${groupDigits(feedForwardWidth)})`;
  const perTokenText = options.gradientCheckpointing
    ? `(${config.layers} layers × ${groupDigits(h)} checkpoints + ${layerTerm} for the layer being recomputed)`
    : `${config.layers} layers × ${layerTerm}`;
  return {
    bytes: stored + logits,
    arithmetic:
      `batch ${groupDigits(batch)} × ${groupDigits(contextLength)} tokens × ${perTokenText} × ` +
      `${bytesPerElement(bits)} (${options.precision}) + ${groupDigits(tokens)} tokens × ` +
      `${groupDigits(config.vocabSize)} vocab × ${bytesPerElement(LOGIT_BITS)} (fp32 logits)`,
  };
}

/**
 * The seed article's rule: per sample, (hidden + intermediate) × context × layers elements, each as
 * wide as a weight at `precision`, times the batch.
 */
export function estimateSeedActivations(
  config: ModelConfig,
  options: { batch: number; contextLength: number; precision: Precision },
): ComponentEstimate {
  const { batch, contextLength } = options;
  const bits = PRECISION_BITS[options.precision];
  const width = config.hiddenSize + config.intermediateSize;
  const elements = product(width, contextLength, config.layers, batch);
  return {
    bytes: bytesFor(elements, bits),
    arithmetic:
      `(${groupDigits(config.hiddenSize)} hidden + ${groupDigits(config.intermediateSize)} intermediate) × ` +
      `${groupDigits(contextLength)} tokens × ${config.layers} layers × ${bytesPerElement(bits)} (${options.precision}) × ` +
      `batch ${groupDigits(batch)}`,
  };
}
