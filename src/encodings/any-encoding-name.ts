import type { OpenEncodingName } from './open-specs.js';
import type { EncodingName } from './specs.js';

/**
 * Every encoding name a user can count with: the built-in ones (`o200k_base`, `cl100k_base`, …, and
 * the alias `gpt2`), and the optional ones whose data `useEncodingData` registers from
 * tokmeter-open (`llama3`, `qwen2`, `deepseek_v3`, and the SentencePiece `gemma3`).
 */
export type AnyEncodingName = EncodingName | OpenEncodingName | 'gpt2' | 'gemma3';
