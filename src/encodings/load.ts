import type { RankTable } from '../bpe/rank-table.js';
import { rankData } from '../platform/rank-data.js';
import { joinExtension, rankTableFromBytes } from './rank-form.js';
import { RANK_FILES } from './rank-files.generated.js';
import type { RankFileName } from './specs.js';

/**
 * The rank table of `name`, from the package's data (encodings/<name>.js; platform/rank-data.ts
 * says how each build finds it; a file that extends another, as p50k_base does r50k_base, joined
 * to it), checked before use (see rank-form.ts). Kept apart from
 * rank-form.ts because the web build's rank data imports every encoding: a per-encoding entry
 * imports rank-form.ts alone.
 */
export function loadRankTable(name: RankFileName): RankTable {
  const { bytes, source } = rankData(name);
  const base = RANK_FILES[name].extends;
  return rankTableFromBytes(name, base === null ? bytes : joinExtension(rankData(base).bytes, bytes, source), source);
}
