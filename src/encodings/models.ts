import type { EncodingName } from './specs.js';

/**
 * Which encoding a model uses. Exact names first, then the longest matching prefix, so new dated
 * snapshots (`gpt-4o-2026-01-01`) resolve without a release. Sources: tiktoken's `model.py`
 * (MODEL_TO_ENCODING, MODEL_PREFIX_TO_ENCODING) and OpenAI's model pages.
 */
export const MODEL_ENCODINGS: Readonly<Record<string, EncodingName>> = {
  // chat and reasoning models are matched by prefix below; these are the exact legacy names
  'text-embedding-ada-002': 'cl100k_base',
  'davinci-002': 'cl100k_base',
  'babbage-002': 'cl100k_base',
  'text-davinci-003': 'p50k_base',
  'text-davinci-002': 'p50k_base',
  'text-davinci-001': 'r50k_base',
  'text-curie-001': 'r50k_base',
  'text-babbage-001': 'r50k_base',
  'text-ada-001': 'r50k_base',
  davinci: 'r50k_base',
  curie: 'r50k_base',
  babbage: 'r50k_base',
  ada: 'r50k_base',
  'code-davinci-002': 'p50k_base',
  'code-davinci-001': 'p50k_base',
  'code-cushman-002': 'p50k_base',
  'code-cushman-001': 'p50k_base',
  'davinci-codex': 'p50k_base',
  'cushman-codex': 'p50k_base',
  'text-davinci-edit-001': 'p50k_edit',
  'code-davinci-edit-001': 'p50k_edit',
  'text-similarity-davinci-001': 'r50k_base',
  'text-similarity-curie-001': 'r50k_base',
  'text-similarity-babbage-001': 'r50k_base',
  'text-similarity-ada-001': 'r50k_base',
  'text-search-davinci-doc-001': 'r50k_base',
  'text-search-curie-doc-001': 'r50k_base',
  'text-search-babbage-doc-001': 'r50k_base',
  'text-search-ada-doc-001': 'r50k_base',
  'code-search-babbage-code-001': 'r50k_base',
  'code-search-ada-code-001': 'r50k_base',
  gpt2: 'r50k_base',
  'gpt-2': 'r50k_base',
};

/** Prefix rules; the longest matching prefix wins (`gpt-4o-mini` is o200k, `gpt-4-turbo` is cl100k). */
export const MODEL_PREFIX_ENCODINGS: Readonly<Record<string, EncodingName>> = {
  'gpt-oss': 'o200k_harmony',
  'gpt-5': 'o200k_base',
  'gpt-4.5': 'o200k_base',
  'gpt-4.1': 'o200k_base',
  'gpt-4o': 'o200k_base',
  'chatgpt-4o': 'o200k_base',
  'chatgpt-5': 'o200k_base',
  'codex-mini': 'o200k_base',
  'computer-use-preview': 'o200k_base',
  o1: 'o200k_base',
  o3: 'o200k_base',
  o4: 'o200k_base',
  'gpt-4': 'cl100k_base',
  'gpt-3.5': 'cl100k_base',
  'gpt-35': 'cl100k_base', // Azure deployment names
  'text-embedding-3': 'cl100k_base',
  'code-': 'p50k_base',
};

const PREFIXES = Object.keys(MODEL_PREFIX_ENCODINGS).sort((a, b) => b.length - a.length);

/**
 * The bare model id the model tables are keyed by: lower case, without a provider prefix
 * (`openai/gpt-4o`, `azure/…`) or a fine-tune wrapper (`ft:gpt-4o-mini-2024-07-18:org::id`).
 */
export function baseModelId(model: string): string {
  let id = model.trim().toLowerCase();
  const slash = id.lastIndexOf('/');
  if (slash >= 0) id = id.slice(slash + 1);
  if (id.startsWith('ft:')) id = id.slice(3).split(':')[0] ?? id;
  return id;
}

/**
 * The encoding for a model id, or undefined. Accepts provider prefixes (`openai/gpt-4o`, `azure/`)
 * and fine-tune ids (`ft:gpt-4o-mini-2024-07-18:org::abc`).
 */
export function lookupModelEncoding(model: string): EncodingName | undefined {
  const id = baseModelId(model);
  if (Object.hasOwn(MODEL_ENCODINGS, id)) return MODEL_ENCODINGS[id];
  // A prefix must end at a separator or be followed by one, so `o1` matches `o1-mini` and `o1`
  // but not `o100`; `code-` carries its own separator.
  for (const prefix of PREFIXES) {
    if (!id.startsWith(prefix)) continue;
    const next = id.charAt(prefix.length);
    if (prefix.endsWith('-') || next === '' || next === '-' || next === '.' || next === ':' || next === '@' || next === '_') {
      return MODEL_PREFIX_ENCODINGS[prefix];
    }
  }
  return undefined;
}
