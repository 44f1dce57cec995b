import { InvalidArgumentError } from '../errors.js';
import { ownCopy, rejectUnknownOptions } from '../options.js';
import { CONFIG_KEYS, configSchema } from './config-schema.js';
import { invalidArgument, parseOrThrow } from '../validation.js';

/**
 * The architecture numbers a memory estimate needs, named as in a Hugging Face `config.json`
 * (`num_hidden_layers` → `layers`, `num_key_value_heads` → `kvHeads`, …).
 */
export interface ModelConfig {
  /** Display name, e.g. `Llama-2-7B`. */
  name: string;
  /** Every stored parameter (all experts of a mixture-of-experts model). */
  parameters: number;
  /** Parameters used per token, for mixture-of-experts models; informational, as all weights stay resident. */
  activeParameters?: number | undefined;
  /** `num_hidden_layers`. */
  layers: number;
  /** `hidden_size`. */
  hiddenSize: number;
  /** `intermediate_size`: the feed-forward width of one expert. */
  intermediateSize: number;
  /** `num_attention_heads`. */
  attentionHeads: number;
  /** `num_key_value_heads`: fewer than `attentionHeads` under grouped-query attention. */
  kvHeads: number;
  /** `head_dim`, or `hidden_size / num_attention_heads` where the config leaves it out. */
  headDim: number;
  /** `vocab_size`. */
  vocabSize: number;
  /** `tie_word_embeddings`: the output head reuses the token embedding. @default false */
  tiedEmbeddings?: boolean | undefined;
  /** Mixture of experts: `num_local_experts` and `num_experts_per_tok`. */
  experts?: { total: number; active: number } | undefined;
  /** Layers that attend to only the last `size` tokens, so cache at most `size` tokens each. */
  slidingWindow?: { size: number; layers: number } | undefined;
  /** `max_position_embeddings`: the longest context the model is configured for. */
  maxContextLength?: number | undefined;
}

/** Token embedding plus output head, counted once when they are tied. */
export function embeddingParameters(config: ModelConfig): number {
  return config.vocabSize * config.hiddenSize * (config.tiedEmbeddings === true ? 1 : 2);
}

/** Experts whose feed-forward blocks run for each token (1 for a dense model). */
export function activeExperts(config: ModelConfig): number {
  return config.experts?.active ?? 1;
}

/**
 * The parameter count of an architecture already checked: what `countParameters` computes, for
 * the estimator's own use.
 */
export function parameterCount(config: Omit<ModelConfig, 'parameters' | 'name'>): number {
  const h = config.hiddenSize;
  const queryWidth = config.attentionHeads * config.headDim;
  const kvWidth = config.kvHeads * config.headDim;
  const experts = config.experts?.total ?? 1;
  const attention = 2 * h * queryWidth + 2 * h * kvWidth;
  const feedForward = experts * 3 * h * config.intermediateSize;
  const router = config.experts === undefined ? 0 : h * experts;
  const perLayer = attention + feedForward + router + 2 * h;
  const embeddings = config.vocabSize * h * (config.tiedEmbeddings === true ? 1 : 2);
  return embeddings + config.layers * perLayer + h;
}

/** Keys a preset carries besides its architecture, so `countParameters(preset)` works. */
const PRESET_KEYS = ['id', 'aliases', 'nominalParameters', 'source'];

/**
 * The parameter count a decoder-only transformer with SwiGLU feed-forward blocks and RMSNorm has
 * under `config`: embeddings, per layer the four attention projections, three feed-forward
 * matrices per expert, the router and two norm weights, then the final norm. Biases (Qwen2.5's
 * QKV biases, gpt-oss's) are left out; they are under 0.1% of any preset.
 *
 * `config` is checked as `options.config` of `estimateMemory` is: a plain object of `ModelConfig`
 * keys (a preset passes too), every size a positive integer; anything else is an
 * `InvalidArgumentError` naming the field (`config.hiddenSize`), as is a count past 2^53.
 *
 * @example countParameters(findModelPreset('llama-2-7b')!) // 6738415616
 */
export function countParameters(config: Omit<ModelConfig, 'parameters' | 'name'>): number {
  rejectUnknownOptions(config, [...CONFIG_KEYS, ...PRESET_KEYS], 'countParameters', 'config');
  const own = ownCopy(config, { root: 'config' }) as Record<string, unknown>;
  const architecture = Object.fromEntries(CONFIG_KEYS.filter((key) => own[key] !== undefined).map((key) => [key, own[key]]));
  const checked = parseOrThrow(configSchema(), architecture, { root: 'config', knownKeys: CONFIG_KEYS, error: invalidArgument });
  const count = parameterCount(checked);
  if (!Number.isSafeInteger(count)) {
    throw new InvalidArgumentError('config', `describes ${count.toExponential(3)} parameters, past the 2^53 this estimator counts exactly; check the sizes.`);
  }
  return count;
}
