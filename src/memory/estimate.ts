import { groupDigits } from './bytes.js';
import { MEMORY_COMPONENTS, type ComponentEstimate, type MemoryComponent } from './component.js';
import { placeOnGpus, type GpuFit, type Placement } from './fit.js';
import { estimateInference } from './inference.js';
import type { Optimizer } from './optimizer.js';
import { resolveMemoryOptions, type MemoryOptions, type ResolvedMemoryOptions, type TrainingMethod } from './options.js';
import type { Precision } from './precision.js';
import { estimateUnderSeedAssumptions } from './seed.js';
import { estimateTraining } from './training.js';

/** Bytes per component; every value is a whole number of bytes. */
export type MemoryBreakdown = Readonly<Record<MemoryComponent, number>>;

interface EstimateBase {
  /** The model's display name. */
  model: string;
  /** The preset id, when the estimate is for a preset. */
  modelId: string | undefined;
  assumptions: 'standard' | 'seed';
  precision: Precision;
  batch: number;
  contextLength: number;
  /** Parameters the weights were counted for. */
  parameters: number;
  /** The sum of `breakdown`, in bytes. */
  total: number;
  breakdown: MemoryBreakdown;
  /** How each component was computed, with the numbers that went in. */
  arithmetic: Readonly<Record<MemoryComponent, string>>;
  /** The part of `overhead` that every GPU pays again when the model is split across several. */
  perGpuOverhead: number;
  /** Things worth knowing about this estimate (context beyond the model's limit, experts, seed sizes). */
  notes: readonly string[];
  /** Single GPUs that hold `total`, smallest first. */
  fitsOn: readonly GpuFit[];
  /** The smallest single GPU that holds it, or how many of the largest it needs. */
  placement: Placement;
}

/** What `estimateMemory` returns, told apart by `mode`. */
export type MemoryEstimate =
  | (EstimateBase & { mode: 'inference' })
  | (EstimateBase & { mode: 'training'; method: TrainingMethod; optimizer: Optimizer; trainableParameters: number });

function notesFor(options: ResolvedMemoryOptions): string[] {
  const { model } = options;
  const notes: string[] = [];
  if (model.maxContextLength !== undefined && options.contextLength > model.maxContextLength) {
    notes.push(
      `contextLength ${groupDigits(options.contextLength)} is longer than the ${groupDigits(model.maxContextLength)} tokens ` +
        `${model.name} is configured for.`,
    );
  }
  if (model.experts !== undefined) {
    const active = model.activeParameters === undefined ? '' : `; ${groupDigits(model.activeParameters)} parameters are active per token`;
    notes.push(`All ${model.experts.total} experts stay in memory though ${model.experts.active} run per token${active}.`);
  }
  if (options.assumptions === 'seed' && options.parameters !== model.parameters) {
    notes.push(
      `Seed assumptions count the ${groupDigits(options.parameters)} parameters in the model's name; ` +
        `the published count is ${groupDigits(model.parameters)}.`,
    );
  }
  return notes;
}

/**
 * How much GPU memory serving or fine-tuning a model takes, component by component, with the
 * arithmetic shown and the GPUs it fits on. Bytes are exact integers; format them with
 * `formatMemoryEstimate` or `formatBytes`.
 *
 * @example
 * estimateMemory({ model: 'llama-3.1-8b', precision: 'bf16', contextLength: 8192 })
 * @example
 * estimateMemory({ model: 'llama-2-7b', mode: 'training', precision: 'int8', batch: 50, assumptions: 'seed' })
 */
export function estimateMemory(input: MemoryOptions): MemoryEstimate {
  const options = resolveMemoryOptions(input);
  let parts: Record<MemoryComponent, ComponentEstimate>;
  let trainableParameters = 0;
  if (options.assumptions === 'seed') {
    parts = estimateUnderSeedAssumptions(options);
    trainableParameters = options.parameters;
  } else if (options.mode === 'inference') {
    parts = estimateInference(options);
  } else {
    ({ parts, trainableParameters } = estimateTraining(options));
  }
  const breakdown = {} as Record<MemoryComponent, number>;
  const arithmetic = {} as Record<MemoryComponent, string>;
  let total = 0;
  for (const component of MEMORY_COMPONENTS) {
    breakdown[component] = parts[component].bytes;
    arithmetic[component] = parts[component].arithmetic;
    total += parts[component].bytes;
  }
  const perGpuOverhead = options.overhead.fixedBytes;
  const { fitsOn, placement } = placeOnGpus(total, perGpuOverhead, options.gpus);
  const base: EstimateBase = {
    model: options.model.name,
    modelId: options.modelId,
    assumptions: options.assumptions,
    precision: options.precision,
    batch: options.batch,
    contextLength: options.contextLength,
    parameters: options.parameters,
    total,
    breakdown,
    arithmetic,
    perGpuOverhead,
    notes: notesFor(options),
    fitsOn,
    placement,
  };
  if (options.mode === 'inference') return { ...base, mode: 'inference' };
  return { ...base, mode: 'training', method: options.method, optimizer: options.optimizer, trainableParameters };
}
