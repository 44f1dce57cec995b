import type { z } from 'zod';
import { InvalidArgumentError, UnknownModelError } from '../errors.js';
import { ownCopy, rejectUnknownOptions } from '../options.js';
import { suggestNames } from '../suggest.js';
import { lazy } from '../zod.js';
import { invalidArgument, parseOrThrow } from '../validation.js';
import { configSchema, size } from './config-schema.js';
import { GB } from './bytes.js';
import { GPUS, type Gpu } from './gpus.js';
import { LORA_TARGETS, type LoraOptions } from './lora.js';
import { parameterCount, type ModelConfig } from './model-config.js';
import { OPTIMIZERS, type Optimizer } from './optimizer.js';
import { DEFAULT_OVERHEAD, type OverheadOptions } from './overhead.js';
import { PRECISIONS, computePrecisionFor, type Precision } from './precision.js';
import { MODEL_PRESETS, findModelPreset } from './presets.js';

export const TRAINING_METHODS = ['full', 'lora', 'qlora'] as const;
export type TrainingMethod = (typeof TRAINING_METHODS)[number];

/** `ModelConfig` as a caller passes it: `name` and `parameters` may be left out. */
export type ModelConfigInput = Omit<ModelConfig, 'name' | 'parameters'> & {
  /** @default 'custom model' */
  name?: string | undefined;
  /** @default the count implied by the architecture (see `countParameters`) */
  parameters?: number | undefined;
};

/** A GPU the caller adds to the list to check against. */
export interface GpuInput {
  id: string;
  name: string;
  /** Usable memory in bytes. */
  bytes: number;
}

/** What `estimateMemory` takes. Give either `model` or `config`. */
export interface MemoryOptions {
  /**
   * A preset's id or Hugging Face repository id, any case: `llama-2-7b`, `meta-llama/Llama-3.1-8B`.
   * @example 'qwen2.5-72b'
   */
  model?: string | undefined;
  /** The architecture of a model that has no preset, named as in its `config.json`. */
  config?: ModelConfigInput | undefined;
  /** Serve the model, or train it. @default 'inference' */
  mode?: 'inference' | 'training' | undefined;
  /**
   * The format the weights are stored in. Quantised formats (fp8, int8, int4) keep computing in
   * bf16. Full fine-tuning takes fp32, fp16 or bf16; QLoRA takes int4.
   */
  precision: Precision;
  /** Sequences processed together. @default 1 */
  batch?: number | undefined;
  /** Tokens per sequence, prompt and output together. @default 2048 */
  contextLength?: number | undefined;
  /** Training only. @default 'adamw' */
  optimizer?: Optimizer | undefined;
  /**
   * Training only: `full` trains every weight; `lora` freezes the base at `precision` and trains
   * low-rank adapters; `qlora` does the same over a 4-bit NF4 base (`precision: 'int4'`).
   * @default 'full'
   */
  method?: TrainingMethod | undefined;
  /** LoRA and QLoRA only. @default { rank: 16, targets: 'all-linear' } */
  lora?: Partial<LoraOptions> | undefined;
  /** Training only: recompute activations in the backward pass instead of keeping them. @default false */
  gradientCheckpointing?: boolean | undefined;
  /** Inference only: the format of the KV cache. @default bf16 for quantised weights, else `precision` */
  kvCachePrecision?: Precision | undefined;
  /** The runtime's own memory. @default { fixedBytes: 1 GiB, fraction: 0.05 } */
  overhead?: Partial<OverheadOptions> | undefined;
  /**
   * `standard`: the accounting described in src/memory/README.md. `seed`: the seed article's
   * simpler rules, which reproduce its worked example exactly (weights only for inference; for
   * training gradients as large as the weights, its optimizer rules and activation formula, no
   * overhead, and the preset's nominal size such as 7 × 10⁹).
   * @default 'standard'
   */
  assumptions?: 'standard' | 'seed' | undefined;
  /** GPUs to check the estimate against. @default GPUS */
  gpus?: readonly GpuInput[] | undefined;
}

/** Options after validation, with every default filled in and the model resolved. */
export interface ResolvedMemoryOptions {
  model: ModelConfig;
  /** The preset id, when `model` named one. */
  modelId: string | undefined;
  /** Parameters the weights are counted for: the preset's nominal size under `seed`. */
  parameters: number;
  mode: 'inference' | 'training';
  precision: Precision;
  batch: number;
  contextLength: number;
  optimizer: Optimizer;
  method: TrainingMethod;
  lora: LoraOptions;
  gradientCheckpointing: boolean;
  kvCachePrecision: Precision;
  overhead: OverheadOptions;
  assumptions: 'standard' | 'seed';
  gpus: readonly Gpu[];
}

const optionsSchema = lazy((z) => z.strictObject({
  model: z.string().min(1).optional(),
  config: configSchema().optional(),
  mode: z.enum(['inference', 'training']).optional(),
  precision: z.enum(PRECISIONS),
  batch: size().optional(),
  contextLength: size().optional(),
  optimizer: z.enum(OPTIMIZERS).optional(),
  method: z.enum(TRAINING_METHODS).optional(),
  lora: z.strictObject({ rank: size().optional(), targets: z.enum(LORA_TARGETS).optional() }).optional(),
  gradientCheckpointing: z.boolean().optional(),
  kvCachePrecision: z.enum(PRECISIONS).optional(),
  overhead: z
    .strictObject({ fixedBytes: z.number().int().nonnegative().optional(), fraction: z.number().nonnegative().max(1).optional() })
    .optional(),
  assumptions: z.enum(['standard', 'seed']).optional(),
  gpus: z.array(z.strictObject({ id: z.string().min(1), name: z.string().min(1), bytes: size() })).min(1, { error: 'must list at least one GPU (leave it out to use the built-in list)' }).optional(),
}));

// The documented interface and the schema must describe the same options.
type SchemaInput = z.input<ReturnType<typeof optionsSchema>>;
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const optionsMatchSchema: SameKeys<MemoryOptions, SchemaInput> = true;
void optionsMatchSchema;

function reject(field: string, message: string): never {
  throw new InvalidArgumentError(field, message);
}

function resolveModel(options: z.output<ReturnType<typeof optionsSchema>>): { model: ModelConfig; modelId: string | undefined; nominal: number } {
  if (options.model !== undefined && options.config !== undefined) {
    reject('options.config', 'cannot be combined with options.model; pass one of them.');
  }
  if (options.config !== undefined) {
    const { name, parameters, ...architecture } = options.config;
    const model: ModelConfig = { ...architecture, name: name ?? 'custom model', parameters: parameters ?? parameterCount(architecture) };
    return { model, modelId: undefined, nominal: model.parameters };
  }
  if (options.model === undefined) {
    reject('options.model', `is required, or pass options.config with the architecture. Presets: ${MODEL_PRESETS.map((p) => p.id).join(', ')}.`);
  }
  const preset = findModelPreset(options.model);
  if (preset === undefined) {
    const names = MODEL_PRESETS.flatMap((p) => [p.id, ...p.aliases]);
    throw new UnknownModelError(
      options.model,
      suggestNames(options.model, names),
      `Presets: ${MODEL_PRESETS.map((p) => p.id).join(', ')}. For another model pass options.config with its architecture.`,
    );
  }
  return { model: preset, modelId: preset.id, nominal: preset.nominalParameters };
}

/** Rejects options that the chosen mode, method or assumptions have no use for. */
function checkCombinations(options: z.output<ReturnType<typeof optionsSchema>>): void {
  const mode = options.mode ?? 'inference';
  const method = options.method ?? 'full';
  if (mode === 'inference') {
    for (const key of ['optimizer', 'method', 'lora', 'gradientCheckpointing'] as const) {
      if (options[key] !== undefined) reject(`options.${key}`, "applies to training; set mode: 'training' or leave it out.");
    }
  } else if (options.kvCachePrecision !== undefined) {
    reject('options.kvCachePrecision', 'applies to inference; training keeps no KV cache.');
  }
  if (options.lora !== undefined && method === 'full') {
    reject('options.lora', "applies to method 'lora' or 'qlora'; set one or leave it out.");
  }
  if (method === 'qlora' && options.precision !== 'int4') {
    reject('options.precision', `must be 'int4' for QLoRA, which stores the base in 4-bit NF4; got ${JSON.stringify(options.precision)}. For a 16-bit or 8-bit base use method 'lora'.`);
  }
  if ((options.assumptions ?? 'standard') === 'seed') {
    if (method !== 'full') reject('options.method', "has no rule under assumptions 'seed', which covers full fine-tuning only; use assumptions 'standard'.");
    for (const key of ['gradientCheckpointing', 'kvCachePrecision', 'overhead'] as const) {
      if (options[key] !== undefined) reject(`options.${key}`, "has no rule under assumptions 'seed'; leave it out or use assumptions 'standard'.");
    }
  } else if (mode === 'training' && method === 'full' && computePrecisionFor(options.precision) !== options.precision) {
    reject(
      'options.precision',
      `must be 'fp32', 'fp16' or 'bf16' for full fine-tuning; got ${JSON.stringify(options.precision)}. ` +
        "To train over a quantised base use method 'lora' (or 'qlora' with int4).",
    );
  }
}

/** Validates `estimateMemory`'s options, fills in defaults and resolves the model. */
export function resolveMemoryOptions(input: MemoryOptions): ResolvedMemoryOptions {
  // The one strict-options rule first (a plain object, no misspelt key), then the values, read
  // from an own copy so nothing inherited is taken for an option.
  rejectUnknownOptions(input, Object.keys(optionsSchema().shape), 'estimateMemory');
  const own = ownCopy(input, { root: 'options' });
  const options = parseOrThrow(optionsSchema(), own, { root: 'options', knownKeys: Object.keys(optionsSchema().shape), error: invalidArgument });
  checkCombinations(options);
  const { model, modelId, nominal } = resolveModel(options);
  const assumptions = options.assumptions ?? 'standard';
  return {
    model,
    modelId,
    parameters: assumptions === 'seed' ? nominal : model.parameters,
    mode: options.mode ?? 'inference',
    precision: options.precision,
    batch: options.batch ?? 1,
    contextLength: options.contextLength ?? 2048,
    optimizer: options.optimizer ?? 'adamw',
    method: options.method ?? 'full',
    lora: { rank: options.lora?.rank ?? 16, targets: options.lora?.targets ?? 'all-linear' },
    gradientCheckpointing: options.gradientCheckpointing ?? false,
    kvCachePrecision: options.kvCachePrecision ?? computePrecisionFor(options.precision),
    overhead:
      assumptions === 'seed'
        ? { fixedBytes: 0, fraction: 0 }
        : {
            fixedBytes: options.overhead?.fixedBytes ?? DEFAULT_OVERHEAD.fixedBytes,
            fraction: options.overhead?.fraction ?? DEFAULT_OVERHEAD.fraction,
          },
    assumptions,
    gpus:
      options.gpus === undefined
        ? GPUS
        : options.gpus.map((gpu) => ({ ...gpu, marketedGB: gpu.bytes / GB, source: 'given in options.gpus' })),
  };
}
