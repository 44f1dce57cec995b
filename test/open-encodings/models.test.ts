import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countTokens, EncodingDataNotInstalledError, encodingNameForModel, modelTokenizer, useEncodingData } from '../../src/index.js';
import llama3 from '../../packages/tokmeter-open/llama3.js';
import { matchModelTokenizer } from '../../src/encodings/model-tokenizer.js';

// Open-weight model ids, as LiteLLM and the providers write them, placed by the one model → tokenizer rule.
const EXPECTED: Readonly<Record<string, [encoding: string, family: string]>> = {
  'meta-llama/Llama-3.3-70B-Instruct': ['llama3', 'meta'],
  'together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo': ['llama3', 'meta'],
  'together_ai/meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo': ['llama3', 'meta'],
  'groq/llama-3.3-70b-versatile': ['llama3', 'meta'],
  'groq/llama-3.1-8b-instant': ['llama3', 'meta'],
  'bedrock/us.meta.llama3-1-70b-instruct-v1:0': ['llama3', 'meta'],
  'fireworks_ai/accounts/fireworks/models/llama-v3p1-405b-instruct': ['llama3', 'meta'],
  'cerebras/llama3.1-8b': ['llama3', 'meta'],
  'ollama/llama3:8b': ['llama3', 'meta'],
  'nvidia_nim/meta/llama-3.1-nemotron-70b-instruct': ['llama3', 'meta'],
  'groq/llama-guard-3-8b': ['llama3', 'meta'],
  'deepseek/deepseek-chat': ['deepseek_v3', 'deepseek'],
  'deepseek/deepseek-reasoner': ['deepseek_v3', 'deepseek'],
  'together_ai/deepseek-ai/DeepSeek-V3': ['deepseek_v3', 'deepseek'],
  'fireworks_ai/accounts/fireworks/models/deepseek-v3p1': ['deepseek_v3', 'deepseek'],
  'bedrock/us.deepseek.r1-v1:0': ['deepseek_v3', 'deepseek'],
  'deepseek-r1-671b': ['deepseek_v3', 'deepseek'],
  'groq/deepseek-r1-distill-llama-70b': ['llama3', 'deepseek'],
  'together_ai/deepseek-ai/DeepSeek-R1-Distill-Qwen-14B': ['qwen2', 'deepseek'],
  'qwen/qwen3-235b-a22b': ['qwen2', 'qwen'],
  'openrouter/qwen/qwen-2.5-72b-instruct': ['qwen2', 'qwen'],
  'dashscope/qwen3-coder-plus': ['qwen2', 'qwen'],
  'fireworks_ai/accounts/fireworks/models/qwen2p5-coder-32b-instruct': ['qwen2', 'qwen'],
  'bedrock/qwen.qwen3-32b-v1:0': ['qwen2', 'qwen'],
  'groq/qwen-qwq-32b-preview': ['qwen2', 'qwen'],
  'Qwen/QwQ-32B': ['qwen2', 'qwen'],
};

// Other tokenizers: Llama 2 and 4, Code Llama, Qwen 1.5 and 3.5+, DeepSeek V2, V4 and Coder, R1 distills of unstated base.
const NOT_OPEN = [
  'llama-2-70b-chat', 'groq/meta-llama/llama-4-scout-17b-16e-instruct', 'meta.llama4-maverick-17b-instruct-v1:0', 'codellama-70b-instruct',
  'code-llama-34b', 'llama-30b', 'qwen1p5-72b-chat', 'qwen3.5-397b-a17b', 'qwen3.6-plus', 'qwen3p7-plus', 'deepseek-v2-lite-chat',
  'deepseek-v4-pro', 'deepseek-coder-33b-instruct', 'deepseek-r1-8b',
];

describe('open-weight models resolve to their encodings by the one rule', () => {
  it.each(Object.entries(EXPECTED))('%s → %j', (model, [encoding, family]) => {
    expect(modelTokenizer(model)).toEqual({ encoding, approximate: false, family });
    expect(encodingNameForModel(model)).toBe(encoding);
  });

  it.each(NOT_OPEN)('%s is none of them', (model) => {
    const match = matchModelTokenizer(model);
    expect(['llama3', 'qwen2', 'deepseek_v3']).not.toContain(match?.encoding);
  });

  it('places every Llama 3.x, Qwen2/2.5/3 and DeepSeek V3/R1 id of the LiteLLM snapshot, and no Llama 4 or Qwen 3.5 one', () => {
    const ids = Object.keys(JSON.parse(readFileSync(new URL('../fixtures/reference/litellm-model-prices-2026-07-24.json', import.meta.url), 'utf8')) as object);
    const encodingOf = (id: string) => matchModelTokenizer(id)?.encoding;
    const llama3 = ids.filter((id) => /llama-?v?3(?:[-._:p]|$)/i.test(id) && !/qwen|deepseek-r1/i.test(id));
    expect(llama3.length).toBeGreaterThan(100);
    expect(llama3.filter((id) => encodingOf(id) !== 'llama3')).toEqual([]);
    const newer = ids.filter((id) => /llama-?4|qwen3\.[5-9]|qwen3p[5-9]|deepseek-v4/i.test(id));
    expect(newer.length).toBeGreaterThan(10);
    expect(newer.filter((id) => ['llama3', 'qwen2', 'deepseek_v3'].includes(encodingOf(id) ?? ''))).toEqual([]);
  });

  it('counts such a model exactly once its data is given, and until then says how to give it', () => {
    expect(() => countTokens('hello', { model: 'groq/llama-3.3-70b-versatile' })).toThrow(EncodingDataNotInstalledError);
    useEncodingData(llama3);
    expect(countTokens('hello world', { model: 'groq/llama-3.3-70b-versatile' })).toBe(2);
    expect(() => countTokens('hello', { model: 'deepseek/deepseek-chat' })).toThrow(/npm install tokmeter-open/);
  });
});

