import {
  estimateMemory,
  formatMemoryEstimate,
  GPUS,
  InvalidArgumentError,
  LORA_TARGETS,
  MODEL_PRESETS,
  OPTIMIZERS,
  PRECISIONS,
  TRAINING_METHODS,
  type MemoryOptions,
} from '../../index.js';
import { choice, flag, stringValue, wholeNumber, type CommandSpec, type ParsedArgs } from '../args.js';
import type { Command } from '../command.js';
import { InputError, UsageError } from '../errors.js';
import { groupDigits } from '../format.js';
import { formatTable } from '../table.js';

const spec: CommandSpec = {
  name: 'memory',
  summary: 'GPU memory to serve or fine-tune an open model, part by part',
  usage: '--model <preset> --precision <p> [--train [--method m] [--optimizer o]] [--batch n] [--context n]',
  description: [
    'Estimates the GPU memory of serving (default) or training an open model: weights, KV cache,',
    'activations, gradients, optimizer state and overhead, with the arithmetic of each, and the',
    'GPUs it fits on. --list shows the presets and GPUs. --assumptions seed applies the seed',
    "article's simpler rules (for example its int8 AdamW training example); the standard rules",
    'train fully only in fp32, fp16 or bf16 and need --method lora or qlora for a quantised base.',
  ].join('\n'),
  options: {
    model: { type: 'string', value: 'preset', description: 'a preset id or Hugging Face id, e.g. llama-3.1-8b (see --list)' },
    precision: { type: 'string', value: 'p', description: `weight format: ${PRECISIONS.join(', ')} (required)` },
    train: { type: 'boolean', description: 'estimate training instead of inference' },
    method: { type: 'string', value: 'm', description: `training method: ${TRAINING_METHODS.join(', ')} (default full)` },
    optimizer: { type: 'string', value: 'o', description: `training optimizer: ${OPTIMIZERS.join(', ')} (default adamw)` },
    batch: { type: 'string', value: 'n', description: 'sequences processed together (default 1)' },
    context: { type: 'string', value: 'n', description: 'tokens per sequence (default 2048)' },
    'lora-rank': { type: 'string', value: 'r', description: 'LoRA adapter rank (default 16)' },
    'lora-targets': { type: 'string', value: 't', description: `layers given adapters: ${LORA_TARGETS.join(', ')} (default all-linear)` },
    'gradient-checkpointing': { type: 'boolean', description: 'training: recompute activations instead of keeping them' },
    'kv-precision': { type: 'string', value: 'p', description: 'inference: KV cache format (default bf16 for quantised weights)' },
    assumptions: { type: 'string', value: 'a', description: "standard (default) or seed, the seed article's rules" },
    unit: { type: 'string', value: 'u', description: 'GiB (2^30 bytes, default) or GB (10^9 bytes)' },
    list: { type: 'boolean', description: 'list the model presets and GPUs' },
    json: { type: 'boolean', description: 'print the estimate as JSON (bytes as integers)' },
  },
  positionals: false,
  examples: [
    'tokmeter memory --model llama-3.1-8b --precision bf16 --batch 4 --context 8192',
    'tokmeter memory --model llama-2-7b --precision int8 --train --optimizer adamw --batch 50 --context 2048 --assumptions seed --unit GB',
    'tokmeter memory --model llama-3.1-70b --precision int4 --train --method qlora --gradient-checkpointing',
  ],
};

/** Library option names as this command spells them, for the library's messages. */
const FLAG_OF_FIELD: Readonly<Record<string, string>> = {
  'options.model': '--model',
  'options.precision': '--precision',
  'options.mode': '--train',
  'options.method': '--method',
  'options.optimizer': '--optimizer',
  'options.batch': '--batch',
  'options.contextLength': '--context',
  'options.lora': '--lora-rank and --lora-targets',
  'options.lora.rank': '--lora-rank',
  'options.gradientCheckpointing': '--gradient-checkpointing',
  'options.kvCachePrecision': '--kv-precision',
  'options.assumptions': '--assumptions',
};

function listing(): string {
  const presets = formatTable(
    [{ header: 'preset' }, { header: 'model' }, { header: 'parameters', align: 'right' }, { header: 'layers', align: 'right' }, { header: 'KV heads', align: 'right' }, { header: 'max context', align: 'right' }],
    MODEL_PRESETS.map((preset) => [
      preset.id,
      preset.name,
      groupDigits(preset.parameters),
      String(preset.layers),
      String(preset.kvHeads),
      preset.maxContextLength === undefined ? '-' : groupDigits(preset.maxContextLength),
    ]),
  );
  const gpus = formatTable(
    [{ header: 'GPU' }, { header: 'memory', align: 'right' }],
    GPUS.map((gpu) => [gpu.name, `${gpu.marketedGB} GB`]),
  );
  return `${presets}\n\n${gpus}\n`;
}

async function run({ values }: ParsedArgs): Promise<string> {
  if (flag(values, 'list')) return listing();
  const model = stringValue(values, 'model');
  if (model === undefined) throw new UsageError('memory needs --model (tokmeter memory --list shows the presets).', spec.name);
  const precision = choice(values, 'precision', PRECISIONS, spec.name);
  if (precision === undefined) throw new UsageError(`memory needs --precision: ${PRECISIONS.join(', ')}.`, spec.name);
  const training = flag(values, 'train');
  const method = choice(values, 'method', TRAINING_METHODS, spec.name);
  const optimizer = choice(values, 'optimizer', OPTIMIZERS, spec.name);
  const loraRank = wholeNumber(values, 'lora-rank', spec.name);
  const loraTargets = choice(values, 'lora-targets', LORA_TARGETS, spec.name);
  const checkpointing = flag(values, 'gradient-checkpointing');
  if (!training) {
    const trainingOnly = ['method', 'optimizer', 'lora-rank', 'lora-targets', 'gradient-checkpointing'].find((name) => values[name] !== undefined);
    if (trainingOnly !== undefined) throw new UsageError(`--${trainingOnly} applies to training; add --train.`, spec.name);
  }
  const batch = wholeNumber(values, 'batch', spec.name);
  const contextLength = wholeNumber(values, 'context', spec.name);
  const kvCachePrecision = choice(values, 'kv-precision', PRECISIONS, spec.name);
  const assumptions = choice(values, 'assumptions', ['standard', 'seed'] as const, spec.name);
  const unit = choice(values, 'unit', ['GiB', 'GB'] as const, spec.name) ?? 'GiB';

  const options: MemoryOptions = {
    model,
    precision,
    mode: training ? 'training' : 'inference',
    ...(batch !== undefined && { batch }),
    ...(contextLength !== undefined && { contextLength }),
    ...(method !== undefined && { method }),
    ...(optimizer !== undefined && { optimizer }),
    ...((loraRank !== undefined || loraTargets !== undefined) && {
      lora: { ...(loraRank !== undefined && { rank: loraRank }), ...(loraTargets !== undefined && { targets: loraTargets }) },
    }),
    ...(checkpointing && { gradientCheckpointing: true }),
    ...(kvCachePrecision !== undefined && { kvCachePrecision }),
    ...(assumptions !== undefined && { assumptions }),
  };
  let result;
  try {
    result = estimateMemory(options);
  } catch (error) {
    const flagName = error instanceof InvalidArgumentError ? FLAG_OF_FIELD[error.field] : undefined;
    if (flagName === undefined) throw error;
    const field = (error as InvalidArgumentError).field;
    const seedHint =
      field === 'options.precision' && training && assumptions !== 'seed'
        ? " The seed article's rules train at any precision: add --assumptions seed."
        : '';
    throw new InputError(`${(error as Error).message.replace(/^tokmeter: /, '')}\n(${field} is ${flagName} on the command line.${seedHint})`, { cause: error });
  }
  if (flag(values, 'json')) return `${JSON.stringify(result, null, 2)}\n`;
  return `${formatMemoryEstimate(result, { unit })}\n`;
}

export const memory: Command = { spec, run };
