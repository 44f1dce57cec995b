import type { RankTable } from '../bpe/rank-table.js';
import { rankData } from '../platform/rank-data.js';
import { rankTableFromBytes } from './rank-form.js';
import type { RankFileName } from './specs.js';

/**
 * The rank table of `name`, from the package's data (encodings/<name>.js; platform/rank-data.ts
 * says how each build finds it), checked before use (see rank-form.ts). Kept apart from
 * rank-form.ts because the web build's rank data imports every encoding: a per-encoding entry
 * imports rank-form.ts alone.
 */
export function loadRankTable(name: RankFileName): RankTable {
  const { bytes, source } = rankData(name);
  return rankTableFromBytes(name, bytes, source);
}
