import { getEncoding, type EncodingName } from 'tokmeter';
import type { BlockPlan } from './text-blocks.js';

/**
 * The tokens of a text in an encoding, from its blocks (text-blocks.ts): each block is counted the
 * first time it is asked for in that encoding and remembers the count, so after an edit only the
 * blocks it touched are counted, and an encoding chosen again costs nothing. `count` builds no
 * token array: the ids are wanted only for the spans, from the first blocks (token-view.ts). A big
 * paste's blocks are counted by the workers (count-pool.ts), which write into the same `counts`.
 */
export function countPlan(plan: BlockPlan, name: EncodingName): number {
  let encoding: ReturnType<typeof getEncoding> | undefined;
  let total = 0;
  for (const block of plan.blocks) {
    let count = block.counts.get(name);
    if (count === undefined) {
      encoding ??= getEncoding(name);
      count = encoding.count(block.text);
      block.counts.set(name, count);
    }
    total += count;
  }
  return total;
}

/** The UTF-16 units of the blocks that lack a count in one of `names`: what counting them would cost. */
export function uncountedUnits(plan: BlockPlan, names: readonly EncodingName[]): number {
  let units = 0;
  for (const block of plan.blocks) if (names.some((name) => !block.counts.has(name))) units += block.text.length;
  return units;
}
