import { describeValue } from '../describe.js';
import { InvalidArgumentError, TokmeterError } from '../errors.js';
import type { ModelConfig } from './model-config.js';

/** A published open model: its architecture as its `config.json` states it, and where that came from. */
export interface ModelPreset extends ModelConfig {
  /** Lower-case id to look it up by, e.g. `llama-2-7b`. */
  id: string;
  /** Other names it is known by (the Hugging Face repository id), matched without regard to case. */
  aliases: readonly string[];
  /**
   * The size in the model's name (7 × 10⁹ for Llama-2-7B). The seed's arithmetic uses this rather
   * than the exact count, so `assumptions: 'seed'` does too.
   */
  nominalParameters: number;
  /** Where the architecture numbers and the parameter count were read. */
  source: string;
}

/*
 * Architecture numbers are the fields of each repository's config.json; `parameters` is the total
 * the model card or the repository states. test/memory/presets.test.ts recomputes every total from
 * the architecture and fails if the two disagree by more than 1%, which catches a mistyped dimension.
 */
const PRESETS: readonly ModelPreset[] = [
  {
    id: 'llama-2-7b',
    name: 'Llama-2-7B',
    aliases: ['meta-llama/Llama-2-7b-hf', 'meta-llama/Llama-2-7b-chat-hf'],
    nominalParameters: 7e9,
    parameters: 6.74e9,
    layers: 32,
    hiddenSize: 4096,
    intermediateSize: 11008,
    attentionHeads: 32,
    kvHeads: 32,
    headDim: 128,
    vocabSize: 32000,
    maxContextLength: 4096,
    source: 'Hugging Face meta-llama/Llama-2-7b-hf config.json; 6.74B parameters',
  },
  {
    id: 'llama-2-13b',
    name: 'Llama-2-13B',
    aliases: ['meta-llama/Llama-2-13b-hf', 'meta-llama/Llama-2-13b-chat-hf'],
    nominalParameters: 13e9,
    parameters: 13.0e9,
    layers: 40,
    hiddenSize: 5120,
    intermediateSize: 13824,
    attentionHeads: 40,
    kvHeads: 40,
    headDim: 128,
    vocabSize: 32000,
    maxContextLength: 4096,
    source: 'Hugging Face meta-llama/Llama-2-13b-hf config.json; 13.0B parameters',
  },
  {
    id: 'llama-2-70b',
    name: 'Llama-2-70B',
    aliases: ['meta-llama/Llama-2-70b-hf', 'meta-llama/Llama-2-70b-chat-hf'],
    nominalParameters: 70e9,
    parameters: 69.0e9,
    layers: 80,
    hiddenSize: 8192,
    intermediateSize: 28672,
    attentionHeads: 64,
    kvHeads: 8,
    headDim: 128,
    vocabSize: 32000,
    maxContextLength: 4096,
    source: 'Hugging Face meta-llama/Llama-2-70b-hf config.json; 69.0B parameters',
  },
  {
    id: 'llama-3.1-8b',
    name: 'Llama-3.1-8B',
    aliases: ['meta-llama/Llama-3.1-8B', 'meta-llama/Llama-3.1-8B-Instruct', 'meta-llama/Meta-Llama-3.1-8B'],
    nominalParameters: 8e9,
    parameters: 8.03e9,
    layers: 32,
    hiddenSize: 4096,
    intermediateSize: 14336,
    attentionHeads: 32,
    kvHeads: 8,
    headDim: 128,
    vocabSize: 128256,
    maxContextLength: 131072,
    source: 'Hugging Face meta-llama/Llama-3.1-8B config.json; 8.03B parameters',
  },
  {
    id: 'llama-3.1-70b',
    name: 'Llama-3.1-70B',
    aliases: ['meta-llama/Llama-3.1-70B', 'meta-llama/Llama-3.1-70B-Instruct', 'meta-llama/Meta-Llama-3.1-70B'],
    nominalParameters: 70e9,
    parameters: 70.6e9,
    layers: 80,
    hiddenSize: 8192,
    intermediateSize: 28672,
    attentionHeads: 64,
    kvHeads: 8,
    headDim: 128,
    vocabSize: 128256,
    maxContextLength: 131072,
    source: 'Hugging Face meta-llama/Llama-3.1-70B config.json; 70.6B parameters',
  },
  {
    id: 'llama-3.1-405b',
    name: 'Llama-3.1-405B',
    aliases: ['meta-llama/Llama-3.1-405B', 'meta-llama/Llama-3.1-405B-Instruct', 'meta-llama/Meta-Llama-3.1-405B'],
    nominalParameters: 405e9,
    parameters: 406e9,
    layers: 126,
    hiddenSize: 16384,
    intermediateSize: 53248,
    attentionHeads: 128,
    kvHeads: 8,
    headDim: 128,
    vocabSize: 128256,
    maxContextLength: 131072,
    source: 'Hugging Face meta-llama/Llama-3.1-405B config.json; 406B parameters',
  },
  {
    id: 'mistral-7b',
    name: 'Mistral-7B-v0.1',
    aliases: ['mistralai/Mistral-7B-v0.1', 'mistral-7b-v0.1'],
    nominalParameters: 7e9,
    parameters: 7.24e9,
    layers: 32,
    hiddenSize: 4096,
    intermediateSize: 14336,
    attentionHeads: 32,
    kvHeads: 8,
    headDim: 128,
    vocabSize: 32000,
    slidingWindow: { size: 4096, layers: 32 },
    maxContextLength: 32768,
    source: 'Hugging Face mistralai/Mistral-7B-v0.1 config.json (sliding_window 4096); 7.24B parameters',
  },
  {
    id: 'mixtral-8x7b',
    name: 'Mixtral-8x7B-v0.1',
    aliases: ['mistralai/Mixtral-8x7B-v0.1', 'mistralai/Mixtral-8x7B-Instruct-v0.1'],
    nominalParameters: 46.7e9,
    parameters: 46.7e9,
    activeParameters: 12.9e9,
    layers: 32,
    hiddenSize: 4096,
    intermediateSize: 14336,
    attentionHeads: 32,
    kvHeads: 8,
    headDim: 128,
    vocabSize: 32000,
    experts: { total: 8, active: 2 },
    maxContextLength: 32768,
    source:
      'Hugging Face mistralai/Mixtral-8x7B-v0.1 config.json; 46.7B total and 12.9B active parameters per Mistral AI\'s "Mixtral of experts" announcement',
  },
  {
    id: 'qwen2.5-7b',
    name: 'Qwen2.5-7B',
    aliases: ['Qwen/Qwen2.5-7B', 'Qwen/Qwen2.5-7B-Instruct'],
    nominalParameters: 7e9,
    parameters: 7.61e9,
    layers: 28,
    hiddenSize: 3584,
    intermediateSize: 18944,
    attentionHeads: 28,
    kvHeads: 4,
    headDim: 128,
    vocabSize: 152064,
    maxContextLength: 131072,
    source: 'Hugging Face Qwen/Qwen2.5-7B config.json and model card (7.61B parameters, 28 Q / 4 KV heads)',
  },
  {
    id: 'qwen2.5-72b',
    name: 'Qwen2.5-72B',
    aliases: ['Qwen/Qwen2.5-72B', 'Qwen/Qwen2.5-72B-Instruct'],
    nominalParameters: 72e9,
    parameters: 72.7e9,
    layers: 80,
    hiddenSize: 8192,
    intermediateSize: 29568,
    attentionHeads: 64,
    kvHeads: 8,
    headDim: 128,
    vocabSize: 152064,
    maxContextLength: 131072,
    source: 'Hugging Face Qwen/Qwen2.5-72B config.json and model card (72.7B parameters, 64 Q / 8 KV heads)',
  },
  {
    id: 'gpt-oss-20b',
    name: 'gpt-oss-20b',
    aliases: ['openai/gpt-oss-20b'],
    nominalParameters: 20e9,
    parameters: 20.91e9,
    activeParameters: 3.61e9,
    layers: 24,
    hiddenSize: 2880,
    intermediateSize: 2880,
    attentionHeads: 64,
    kvHeads: 8,
    headDim: 64,
    vocabSize: 201088,
    experts: { total: 32, active: 4 },
    slidingWindow: { size: 128, layers: 12 },
    maxContextLength: 131072,
    source:
      'Hugging Face openai/gpt-oss-20b config.json (layer_types alternate sliding_attention/full_attention, sliding_window 128); ' +
      'OpenAI gpt-oss model card: 20.91B total, 3.61B active parameters',
  },
  {
    id: 'gpt-oss-120b',
    name: 'gpt-oss-120b',
    aliases: ['openai/gpt-oss-120b'],
    nominalParameters: 120e9,
    parameters: 116.83e9,
    activeParameters: 5.13e9,
    layers: 36,
    hiddenSize: 2880,
    intermediateSize: 2880,
    attentionHeads: 64,
    kvHeads: 8,
    headDim: 64,
    vocabSize: 201088,
    experts: { total: 128, active: 4 },
    slidingWindow: { size: 128, layers: 18 },
    maxContextLength: 131072,
    source:
      'Hugging Face openai/gpt-oss-120b config.json (layer_types alternate sliding_attention/full_attention, sliding_window 128); ' +
      'OpenAI gpt-oss model card: 116.83B total, 5.13B active parameters',
  },
];

/** Checks what the estimator relies on, once, when the table is loaded. */
function checkPreset(preset: ModelPreset): void {
  const fail = (what: string): never => {
    throw new TokmeterError('INVALID_PRESET', `model preset ${JSON.stringify(preset.id)} ${what}; fix src/memory/presets.ts.`);
  };
  if (preset.id !== preset.id.toLowerCase()) fail('has an id that is not lower case');
  if (preset.attentionHeads % preset.kvHeads !== 0) fail('has attention heads that are not a multiple of its KV heads');
  if (preset.experts !== undefined && preset.experts.active > preset.experts.total) fail('uses more experts than it has');
  if (preset.slidingWindow !== undefined && preset.slidingWindow.layers > preset.layers) fail('has more sliding-window layers than layers');
  if (preset.activeParameters !== undefined && preset.activeParameters > preset.parameters) fail('has more active than total parameters');
  for (const value of [preset.parameters, preset.nominalParameters, preset.layers, preset.hiddenSize, preset.vocabSize]) {
    if (!Number.isSafeInteger(value) || value <= 0) fail(`has a size ${value} that is not a positive integer`);
  }
}

function buildIndex(presets: readonly ModelPreset[]): ReadonlyMap<string, ModelPreset> {
  const index = new Map<string, ModelPreset>();
  for (const preset of presets) {
    checkPreset(preset);
    for (const name of [preset.id, ...preset.aliases]) {
      const key = name.toLowerCase();
      if (index.has(key)) throw new TokmeterError('INVALID_PRESET', `model name ${JSON.stringify(name)} is listed twice; fix src/memory/presets.ts.`);
      index.set(key, preset);
    }
  }
  return index;
}

const INDEX = buildIndex(PRESETS);

/** Every preset, in the order above. */
export const MODEL_PRESETS: readonly ModelPreset[] = PRESETS;

/**
 * The preset with this id or alias (any case), or `undefined` for a name no preset has. A `name`
 * that is not a string is an `InvalidArgumentError` (field `name`).
 */
export function findModelPreset(name: string): ModelPreset | undefined {
  if (typeof name !== 'string') {
    throw new InvalidArgumentError('name', `must be a preset id or Hugging Face repository id such as "llama-3.1-8b", got ${describeValue(name)}.`);
  }
  return INDEX.get(name.toLowerCase());
}
