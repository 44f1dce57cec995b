import { matchModelTokenizer } from '../encodings/model-tokenizer.js';
import type { CatalogEntry } from './spec.js';
import type { ModelTokenizer } from './types.js';

/**
 * The tokenizer a catalog model's text is counted with today: its catalog entry's, except a Gemini
 * model that the one model → tokenizer rule gives gemma3 (its data registered with
 * `useEncodingData`), which counts exactly as `countTokens` and `countChatTokens` count it.
 * `getModel` reports it and `checkContext` counts with it, so the two never disagree.
 */
export function promptTokenizer(entry: CatalogEntry): ModelTokenizer {
  return matchModelTokenizer(entry.id)?.encoding === 'gemma3' ? { encoding: 'gemma3', exact: true } : entry.info.tokenizer;
}
