import type { EncodingName } from 'tokmeter';
import { countCharacters } from './characters.js';
import { isSafeCut, nextSafeCut } from './safe-cuts.js';

/**
 * A long text as blocks cut at safe places (safe-cuts.ts), each counted on its own and remembered
 * (block-counter.ts), so that an edit recounts only the blocks it touched: typing in a megabyte
 * recounts a block or two, and the spans of the first tokens need only the first blocks' ids.
 */

/** A block is cut at the first safe place this many UTF-16 units or more after its start. */
export const BLOCK_UNITS = 16_384;

/** One block of the text: `text.slice(start, end)`, its characters, and its count in each encoding counted so far. */
export class Block {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly characters: number;
  /** Its tokens in each encoding counted so far. */
  readonly counts: Map<EncodingName, number>;

  constructor(text: string, start: number, characters: number, counts = new Map<EncodingName, number>()) {
    this.text = text;
    this.start = start;
    this.end = start + text.length;
    this.characters = characters;
    this.counts = counts;
  }

  /** The same block at another place in the text (after an edit before it). */
  movedTo(start: number): Block {
    return start === this.start ? this : new Block(this.text, start, this.characters, this.counts);
  }
}

/** A text and its blocks, in order, covering it exactly. */
export interface BlockPlan {
  readonly text: string;
  readonly blocks: readonly Block[];
  readonly characters: number;
}

/** Cuts `text.slice(from, to)` into new blocks (`from` and `to` are safe cuts or the ends). */
function cutBlocks(text: string, from: number, to: number, blockUnits: number): Block[] {
  const blocks: Block[] = [];
  let start = from;
  while (start < to) {
    let end = to - start > blockUnits ? nextSafeCut(text, start + blockUnits, to) : -1;
    if (end === -1) end = to;
    const slice = text.slice(start, end);
    blocks.push(new Block(slice, start, countCharacters(slice)));
    start = end;
  }
  return blocks;
}

/**
 * The blocks of `text`, keeping (with their counts) the blocks of `previous` that the edit left
 * alone: those before the first change and those after the last, still cut at places that are
 * safe in the new text. Only the part between them is cut anew. `blockUnits` is smaller in tests.
 */
export function planBlocks(text: string, previous?: BlockPlan, blockUnits = BLOCK_UNITS): BlockPlan {
  if (previous !== undefined && previous.text === text) return previous;
  const old = previous?.blocks ?? [];
  const oldText = previous?.text ?? '';
  // Blocks from the start that the new text still has at the same place.
  let head = 0;
  while (head < old.length && text.startsWith(old[head]!.text, old[head]!.start)) head++;
  while (head > 0 && old[head - 1]!.end < text.length && !isSafeCut(text, old[head - 1]!.end)) head--;
  const from = head === 0 ? 0 : old[head - 1]!.end;
  // Blocks from the end that the new text still has, as far from its end.
  const shift = text.length - oldText.length;
  let tail = old.length;
  while (tail > head && old[tail - 1]!.start + shift >= from && text.endsWith(old[tail - 1]!.text, old[tail - 1]!.end + shift)) tail--;
  while (tail < old.length && old[tail]!.start + shift > 0 && !isSafeCut(text, old[tail]!.start + shift)) tail++;
  const to = tail === old.length ? text.length : old[tail]!.start + shift;
  const blocks = [...old.slice(0, head), ...cutBlocks(text, from, to, blockUnits), ...old.slice(tail).map((block) => block.movedTo(block.start + shift))];
  return { text, blocks, characters: blocks.reduce((sum, block) => sum + block.characters, 0) };
}
