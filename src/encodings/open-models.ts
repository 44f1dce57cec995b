import type { OpenEncodingName } from './open-specs.js';

/** The makers of open-weight models whose tokenizers tokmeter has (see open-specs.ts). */
export type OpenModelFamily = 'meta' | 'qwen' | 'deepseek';

/**
 * Open-weight model ids by their bare form (lower case, after any provider prefix: `groq/`,
 * `together_ai/meta-llama/`, `bedrock/`), first match wins. Ids as LiteLLM and the providers write
 * them: `llama-3.3-70b-versatile`, `meta-llama-3.1-8b-instruct-turbo`, `meta.llama3-1-70b-instruct-v1:0`,
 * `llama3.1-8b`, `qwen2.5-72b-instruct`, `qwen3-235b-a22b`, `qwq-32b`, `deepseek-chat`,
 * `deepseek-reasoner`, `deepseek-v3-0324`, `deepseek-r1`. Llama 2 and 4, Qwen 1 and 3.5, DeepSeek V2
 * and Coder have other tokenizers and match nothing here.
 */
export const OPEN_MODEL_RULES: readonly { readonly family: OpenModelFamily; readonly encoding: OpenEncodingName; readonly pattern: RegExp }[] = [
  // DeepSeek's R1 distillations keep the tokenizer of the model they were distilled into.
  { family: 'deepseek', encoding: 'qwen2', pattern: /(?:^|[-.])deepseek-r1-.*qwen/ },
  { family: 'deepseek', encoding: 'llama3', pattern: /(?:^|[-.])deepseek-(?:r1-.*)?llama/ },
  // Llama 3, 3.1, 3.2, 3.3 and their fine-tunes (`hermes-3-llama-3.1-405b`, `llama-3.1-nemotron-…`),
  // in every provider's spelling (`llama-v3p1-…`, `meta.llama3-1-…`, `llama3:8b`); not `llama-30b`.
  { family: 'meta', encoding: 'llama3', pattern: /(?:^|[-.])llama-?v?3(?:[-._:p]|$)|(?:^|[-.])llama-?guard-?3(?:[-.]|$)/ },
  // Qwen2, Qwen2.5 and Qwen3 (`qwen2p5-…`, `qwen-v2p5-…`, `qwen25-…`, `qwen.qwen3-…`) and QwQ; not Qwen3.5 and later.
  { family: 'qwen', encoding: 'qwen2', pattern: /(?:^|[-.])qwen-?v?(?:2\.5|2p5|25|2|3)(?:[-_:]|\.(?!\d)|$)|(?:^|[-.])qwq(?:[-:]|$)/ },
  // DeepSeek V3, V3.1, V3.2 and R1 (`deepseek-chat`, `deepseek-reasoner`, `deepseek.v3-v1:0`); an
  // R1 id with a size other than 671b is a distillation of unknown base, and matches nothing.
  { family: 'deepseek', encoding: 'deepseek_v3', pattern: /(?:^|[-.])deepseek[-.](?:v3|r1(?![-:](?!671b)\d+(?:\.\d+)?b)|chat|reasoner)(?:[-._:p]|$)/ },
];

/** The rule for a bare model id, or undefined. */
export function openModelRule(id: string): (typeof OPEN_MODEL_RULES)[number] | undefined {
  return OPEN_MODEL_RULES.find((rule) => rule.pattern.test(id));
}
