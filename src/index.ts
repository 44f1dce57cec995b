export { Encoding } from './encoding.js';
export { getEncoding, encodingForModel, encodingNameForModel } from './encodings/registry.js';
export { ENCODING_NAMES } from './encodings/specs.js';
export { countTokens } from './count.js';
export {
  TokmeterError,
  InvalidArgumentError,
  UnknownEncodingError,
  UnknownModelError,
  DisallowedSpecialTokenError,
} from './errors.js';

export {
  estimateMemory,
  formatMemoryEstimate,
  formatBytes,
  MODEL_PRESETS,
  findModelPreset,
  countParameters,
  GPUS,
  PRECISIONS,
  OPTIMIZERS,
  TRAINING_METHODS,
  LORA_TARGETS,
  MEMORY_COMPONENTS,
} from './memory/index.js';

export type { EncodingName } from './encodings/specs.js';
export type { EncodeOptions } from './encode-options.js';
export type { CountOptions } from './count.js';
export type {
  MemoryOptions,
  MemoryEstimate,
  MemoryBreakdown,
  MemoryComponent,
  MemoryUnit,
  ModelConfig,
  ModelConfigInput,
  ModelPreset,
  Gpu,
  GpuInput,
  GpuFit,
  Placement,
  Precision,
  Optimizer,
  TrainingMethod,
  LoraOptions,
  LoraTarget,
  OverheadOptions,
} from './memory/index.js';
