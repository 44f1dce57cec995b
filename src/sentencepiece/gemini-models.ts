/**
 * Which local tokenizer Google's GenAI SDK counts a Gemini model's text with: its table, as data,
 * and a lookup that also places ids the table does not list. docs/gemini-tokenizer.md has the
 * sources; model-tokenizer.ts is where a Gemini id is given an encoding.
 */

/** The Python SDK's table (`_local_tokenizer_loader.py`), exact ids only. */
export const GEMINI_SDK_TOKENIZERS = {
  asOf: '2026-08-21',
  source: 'googleapis/python-genai 66807187, google/genai/_local_tokenizer_loader.py',
  models: {
    'gemini-2.5-pro': 'gemma3',
    'gemini-2.5-flash': 'gemma3',
    'gemini-2.5-flash-lite': 'gemma3',
    'gemini-2.0-flash': 'gemma3',
    'gemini-2.0-flash-lite': 'gemma3',
    'gemini-2.5-pro-preview-06-05': 'gemma3',
    'gemini-2.5-pro-preview-05-06': 'gemma3',
    'gemini-2.5-pro-exp-03-25': 'gemma3',
    'gemini-live-2.5-flash': 'gemma3',
    'gemini-2.5-flash-preview-05-20': 'gemma3',
    'gemini-2.5-flash-preview-04-17': 'gemma3',
    'gemini-2.5-flash-lite-preview-06-17': 'gemma3',
    'gemini-2.0-flash-001': 'gemma3',
    'gemini-2.0-flash-lite-001': 'gemma3',
    'gemini-3-pro-preview': 'gemma3',
    'gemini-3-flash-preview': 'gemma3',
    'gemini-3.5-flash': 'gemma4',
    'gemini-3.1-flash-lite': 'gemma4',
    'gemini-3.1-pro-preview': 'gemma4',
  },
} as const satisfies { asOf: string; source: string; models: Readonly<Record<string, 'gemma3' | 'gemma4'>> };

export type GeminiLocalTokenizer = 'gemma3' | 'gemma4';

export interface GeminiTokenizerMatch {
  readonly tokenizer: GeminiLocalTokenizer;
  /** True when the SDK's table lists the id itself; false when it is placed by its generation. */
  readonly listed: boolean;
}

/**
 * The generations the table's ids belong to, for ids it does not list (dated snapshots, `-latest`,
 * `-image`, …): 2.0, 2.5 and 3 count with gemma3, 3.1 and 3.5 with gemma4. 1.x and later
 * generations are not placed: the SDK has no local tokenizer for them.
 */
const GENERATIONS: readonly { readonly pattern: RegExp; readonly tokenizer: GeminiLocalTokenizer }[] = [
  { pattern: /^gemini-(?:live-)?(?:2\.0|2\.5|3)-/, tokenizer: 'gemma3' },
  { pattern: /^gemini-(?:live-)?(?:3\.1|3\.5)-/, tokenizer: 'gemma4' },
];

/**
 * The local tokenizer of a Gemini model id (`gemini-2.5-pro`, `models/gemini-2.5-flash`,
 * `vertex_ai/gemini-3-pro-preview`), or undefined for an id of no placed generation.
 *
 * @example geminiLocalTokenizer('gemini-2.5-flash') // { tokenizer: 'gemma3', listed: true }
 * @example geminiLocalTokenizer('gemini-2.5-flash-preview-09-2025') // { tokenizer: 'gemma3', listed: false }
 * @example geminiLocalTokenizer('gemini-3.1-pro-preview') // { tokenizer: 'gemma4', listed: true }
 */
export function geminiLocalTokenizer(model: string): GeminiTokenizerMatch | undefined {
  let id = model.trim().toLowerCase();
  id = id.slice(id.lastIndexOf('/') + 1);
  const models: Readonly<Record<string, GeminiLocalTokenizer>> = GEMINI_SDK_TOKENIZERS.models;
  if (Object.hasOwn(models, id)) return { tokenizer: models[id]!, listed: true };
  const generation = GENERATIONS.find((g) => g.pattern.test(id));
  return generation === undefined ? undefined : { tokenizer: generation.tokenizer, listed: false };
}
