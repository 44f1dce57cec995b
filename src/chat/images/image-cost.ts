/**
 * Image tokens from pixel size, by the two methods OpenAI documents ("Images and vision" →
 * "Calculating costs"). Both are pure arithmetic; the per-model constants live in image-models.ts.
 */
import type { PatchMethod, TileMethod } from './image-models.js';

export type ImageDetail = 'auto' | 'low' | 'high';

const TILE_FIT = 2048;
const TILE_SHORT_SIDE = 768;
const TILE_SIZE = 512;
const PATCH_SIZE = 32;
/** Scaled sizes are real numbers; this absorbs float error so 1408.0000000001 px is 1408 px. */
const EPSILON = 1e-9;

const ceilSnapped = (x: number): number => Math.ceil(x - EPSILON);
const floorSnapped = (x: number): number => Math.floor(x + EPSILON);

/** The tile grid after the two downscaling steps (never upscaled). */
export function tileGrid(width: number, height: number): { width: number; height: number; tiles: number } {
  let w = width;
  let h = height;
  const fit = Math.min(1, TILE_FIT / Math.max(w, h));
  w *= fit;
  h *= fit;
  const shortSide = Math.min(w, h);
  if (shortSide > TILE_SHORT_SIDE) {
    const scale = TILE_SHORT_SIDE / shortSide;
    w *= scale;
    h *= scale;
  }
  w = floorSnapped(w);
  h = floorSnapped(h);
  return { width: w, height: h, tiles: ceilSnapped(w / TILE_SIZE) * ceilSnapped(h / TILE_SIZE) };
}

/** Tile method: `detail: "low"` costs `base`; otherwise `base + tiles × perTile`. */
export function tileMethodTokens(width: number, height: number, detail: ImageDetail, cost: TileMethod): number {
  if (detail === 'low') return cost.base;
  return cost.base + tileGrid(width, height).tiles * cost.perTile;
}

/**
 * Patch method: 32×32 patches; above `maxPatches` the image is shrunk by
 * r = √(32²·max / (w·h)), then a little more so whole patches fit the narrower dimension, and the
 * count is capped at `maxPatches`. Worked example from the docs: 1800×2400 → 1056×1408 → 33×44 = 1452.
 */
export function patchCount(width: number, height: number, maxPatches: number): number {
  const raw = ceilSnapped(width / PATCH_SIZE) * ceilSnapped(height / PATCH_SIZE);
  if (raw <= maxPatches) return raw;
  let r = Math.sqrt((PATCH_SIZE * PATCH_SIZE * maxPatches) / (width * height));
  const across = (width * r) / PATCH_SIZE;
  const down = (height * r) / PATCH_SIZE;
  // max(1, …): a sliver thinner than one patch after shrinking still keeps one patch row.
  r *= Math.min(Math.max(1, Math.floor(across)) / across, Math.max(1, Math.floor(down)) / down);
  const patches = ceilSnapped((width * r) / PATCH_SIZE) * ceilSnapped((height * r) / PATCH_SIZE);
  return Math.min(maxPatches, patches);
}

/**
 * Patch method tokens: patches × multiplier, rounded down (a public billing report shows a
 * 1536-patch image on gpt-4.1-mini billed 2488 = ⌊1536 × 1.62⌋). `detail` does not apply.
 */
export function patchMethodTokens(width: number, height: number, cost: PatchMethod): number {
  return Math.floor(patchCount(width, height, cost.maxPatches) * cost.multiplier + EPSILON);
}

/** Image tokens for a size under either method. */
export function imageTokens(width: number, height: number, detail: ImageDetail, cost: TileMethod | PatchMethod): number {
  return cost.method === 'tile' ? tileMethodTokens(width, height, detail, cost) : patchMethodTokens(width, height, cost);
}

/**
 * The most an image of unknown size can cost: 2×4 tiles (a 768×2048 image after downscaling) at
 * high detail, `base` at low detail; the patch cap for the patch method.
 */
export function imageTokensUpperBound(detail: ImageDetail, cost: TileMethod | PatchMethod): number {
  if (cost.method === 'patch') return Math.floor(cost.maxPatches * cost.multiplier + EPSILON);
  if (detail === 'low') return cost.base;
  const maxTiles = Math.ceil(TILE_SHORT_SIDE / TILE_SIZE) * Math.ceil(TILE_FIT / TILE_SIZE);
  return cost.base + maxTiles * cost.perTile;
}
