import { bytesFor, bytesPerElement, groupDigits } from './bytes.js';
import type { ComponentEstimate } from './component.js';
import { embeddingParameters, type ModelConfig } from './model-config.js';
import { PRECISION_BITS, type Precision } from './precision.js';

/**
 * Bits per weight of QLoRA's 4-bit NormalFloat with double quantisation: 4 bits, plus one 8-bit
 * constant per block of 64 weights and one 32-bit constant per 256 of those blocks
 * (8/64 + 32/(64 × 256) = 0.127 bits), as the QLoRA paper (Dettmers et al., 2023) works out.
 */
export const NF4_BITS = 4.127;

/** Embedding tables stay 16-bit when the transformer blocks are quantised. */
const EMBEDDING_BITS = 16;

/** The seed's rule: every parameter at the same width. */
export function estimateSeedWeights(parameters: number, precision: Precision): ComponentEstimate {
  const bits = PRECISION_BITS[precision];
  return {
    bytes: bytesFor(parameters, bits),
    arithmetic: `${groupDigits(parameters)} params × ${bytesPerElement(bits)} (${precision})`,
  };
}

/**
 * Weights stored at `precision`. A float format (fp32, fp16, bf16) holds every parameter; the
 * quantised formats hold the transformer blocks, while the token embedding and output head stay
 * 16-bit, as GPTQ, AWQ, bitsandbytes and published FP8 checkpoints leave them. `bits` overrides
 * the block width (QLoRA's NF4).
 */
export function estimateWeights(
  config: ModelConfig,
  parameters: number,
  precision: Precision,
  bits: { value: number; label: string } = { value: PRECISION_BITS[precision], label: precision },
): ComponentEstimate {
  if (precision === 'fp32' || precision === 'fp16' || precision === 'bf16') return estimateSeedWeights(parameters, precision);
  const embeddings = Math.min(embeddingParameters(config), parameters);
  const blocks = parameters - embeddings;
  return {
    bytes: bytesFor(blocks, bits.value) + bytesFor(embeddings, EMBEDDING_BITS),
    arithmetic:
      `${groupDigits(blocks)} block params × ${bytesPerElement(bits.value)} (${bits.label}) + ` +
      `${groupDigits(embeddings)} embedding params × ${bytesPerElement(EMBEDDING_BITS)} (16-bit)`,
  };
}
