import type { TokenizerBand } from '../encodings/claude-band.js';
import { matchModelTokenizer } from '../encodings/model-tokenizer.js';

/**
 * What a count made with a stand-in tokenizer means for a model whose distance from that stand-in
 * was measured (Claude, counted with o200k_base, which undercounts it; docs/claude-counts.md). Two
 * readings, one per use, both rounded up; for every other model the count is used as it is:
 * - `contextTokens`: the count times the band's `high` ratio — 97.5% of the measured texts count no
 *   more than that on the model, so a prompt that fits by it leaves the headroom the measurement asks for;
 * - `costTokens`: the count times the band's `factor` (the median ratio), the central estimate of
 *   what the model will bill.
 * A token count the caller supplies is theirs and is never rescaled.
 */
export interface StandInReading {
  readonly tokens: number;
  /** The band applied; absent when the count is used as it is. */
  readonly band?: TokenizerBand;
}

export function contextTokens(model: string, standInTokens: number): StandInReading {
  return scaled(model, standInTokens, 'high');
}

export function costTokens(model: string, standInTokens: number): StandInReading {
  return scaled(model, standInTokens, 'factor');
}

function scaled(model: string, standInTokens: number, ratio: 'high' | 'factor'): StandInReading {
  const band = matchModelTokenizer(model)?.band;
  if (band === undefined) return { tokens: standInTokens };
  return { tokens: Math.ceil(standInTokens * band[ratio]), band };
}
