import type { Encoding } from 'tokmeter';
import { formatCount } from './format.js';
import type { Block } from './text-blocks.js';

/**
 * At most this many token spans are drawn. A megabyte of text is some 300,000 tokens; drawing them
 * all would take the browser seconds to lay out, and nobody reads past the first screens. The
 * counts and the cost table always cover the whole text; a notice says where the spans stop.
 */
export const MAX_SPANS = 5000;

/**
 * The text's first tokens, at least `MAX_SPANS` of them where it has that many: the ids of its
 * first blocks, each encoded on its own (a block ends where no token crosses, see safe-cuts.ts), so
 * a megabyte is never encoded whole to draw the start of it. Returns the blocks used too, which
 * say whether a redraw is needed after an edit.
 */
export function firstTokens(blocks: readonly Block[], encoding: Encoding): { ids: number[]; blocks: Block[] } {
  const ids: number[] = [];
  const used: Block[] = [];
  for (const block of blocks) {
    if (ids.length >= MAX_SPANS) break;
    for (const id of encoding.encode(block.text)) ids.push(id);
    used.push(block);
  }
  return { ids, blocks: used };
}

/** Background colours, taken in turn so that neighbouring tokens always differ. */
const PALETTE_SIZE = 6;

export interface TokenViewOptions {
  /** Draw each token's id instead of its text. */
  readonly showIds: boolean;
}

/**
 * Draws the first `MAX_SPANS` tokens of `ids` into `container`, one span per token, its id in the
 * title. A token's text is its bytes decoded in order, so a character split across tokens (an
 * emoji in cl100k_base) shows in the token that completes it; the tokens before it are drawn as
 * slivers, titled as parts of a character. Returns the number of spans drawn.
 */
export function drawTokens(container: HTMLElement, encoding: Encoding, ids: readonly number[], options: TokenViewOptions): number {
  const shown = ids.length > MAX_SPANS ? ids.slice(0, MAX_SPANS) : ids;
  const bytes = encoding.decodeBytes(shown);
  const lengths = encoding.tokenByteLengths(shown);
  const decoder = new TextDecoder('utf-8');
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (let i = 0; i < shown.length; i++) {
    const id = shown[i]!;
    const end = at + lengths[i]!;
    const text = decoder.decode(bytes.subarray(at, end), { stream: true });
    at = end;
    const span = document.createElement('span');
    span.className = `token c${i % PALETTE_SIZE}`;
    if (options.showIds) {
      span.textContent = String(id);
      span.title = text === '' ? 'part of a character' : JSON.stringify(text);
    } else if (text === '') {
      span.classList.add('partial');
      span.title = `id ${id} (part of a character)`;
    } else {
      span.textContent = text;
      span.title = `id ${id}`;
    }
    fragment.append(span);
  }
  container.replaceChildren(fragment);
  return shown.length;
}

/** The notice under the spans: empty unless they stop before the text does. */
export function spanNotice(drawn: number, total: number): string {
  return drawn < total ? `Showing the first ${formatCount(drawn)} of ${formatCount(total)} tokens; the counts and costs cover them all.` : '';
}
