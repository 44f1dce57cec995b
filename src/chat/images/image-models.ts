/**
 * Per-model image pricing constants. Data, not code: the first record whose pattern matches the
 * model id wins, so more specific ids come first. Source for every record unless it says otherwise:
 * OpenAI docs, "Images and vision" → "Calculating costs" (copy in
 * ../shared/data/image-token-doc-examples.json), as summarised in shared/docs/counting-rules.md.
 */
import { baseModelId } from '../../encodings/models.js';

export interface TileMethod {
  readonly method: 'tile';
  /** Tokens for any image, and all a `detail: "low"` image costs. */
  readonly base: number;
  /** Tokens per 512×512 tile at high detail. */
  readonly perTile: number;
}

export interface PatchMethod {
  readonly method: 'patch';
  /** Billed tokens per 32×32 patch. */
  readonly multiplier: number;
  /** Patches an image is scaled down to fit. */
  readonly maxPatches: number;
}

export interface ImageModelRecord {
  /** Exact ids, or prefixes ending in `*`. */
  readonly models: readonly string[];
  /** `null`: the model does not take image input. */
  readonly cost: TileMethod | PatchMethod | null;
  readonly source: string;
}

const DOCS = 'OpenAI docs, Images and vision > Calculating costs';

export const IMAGE_MODELS: readonly ImageModelRecord[] = [
  { models: ['gpt-4.1-mini*'], cost: { method: 'patch', multiplier: 1.62, maxPatches: 1536 }, source: DOCS },
  { models: ['gpt-4.1-nano*'], cost: { method: 'patch', multiplier: 2.46, maxPatches: 1536 }, source: DOCS },
  {
    models: ['gpt-5-mini*'],
    cost: { method: 'patch', multiplier: 1.62, maxPatches: 1536 },
    source: `${DOCS} (1.62; third-party measurements of gpt-5-mini suggest ~1.20)`,
  },
  { models: ['gpt-5-nano*'], cost: { method: 'patch', multiplier: 2.46, maxPatches: 1536 }, source: DOCS },
  { models: ['o4-mini*'], cost: { method: 'patch', multiplier: 1.72, maxPatches: 1536 }, source: DOCS },
  { models: ['gpt-4o-mini*'], cost: { method: 'tile', base: 2833, perTile: 5667 }, source: DOCS },
  { models: ['gpt-4o*', 'gpt-4.1*', 'gpt-4.5*', 'chatgpt-4o*'], cost: { method: 'tile', base: 85, perTile: 170 }, source: DOCS },
  {
    models: ['gpt-4-turbo*', 'gpt-4-vision-preview', 'gpt-4-1106-vision-preview'],
    cost: { method: 'tile', base: 85, perTile: 170 },
    source: `${DOCS} (GPT-4 Turbo with vision used the gpt-4o constants)`,
  },
  { models: ['gpt-5*'], cost: { method: 'tile', base: 70, perTile: 140 }, source: DOCS },
  { models: ['o3-mini*', 'o1-mini*'], cost: null, source: 'OpenAI model pages: text input only' },
  { models: ['o1*', 'o3*'], cost: { method: 'tile', base: 75, perTile: 150 }, source: DOCS },
  { models: ['computer-use-preview*'], cost: { method: 'tile', base: 65, perTile: 129 }, source: DOCS },
  { models: ['gpt-3.5*', 'gpt-4*', 'gpt-oss*'], cost: null, source: 'OpenAI model pages: text input only' },
];

function matches(pattern: string, model: string): boolean {
  return pattern.endsWith('*') ? model.startsWith(pattern.slice(0, -1)) : model === pattern;
}

/** The image record for a model id, or `undefined` when tokmeter has no image data for it. */
export function imageModelFor(model: string): ImageModelRecord | undefined {
  const id = baseModelId(model);
  return IMAGE_MODELS.find((record) => record.models.some((pattern) => matches(pattern, id)));
}
