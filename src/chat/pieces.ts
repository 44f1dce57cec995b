/**
 * A prompt as the server builds it: a run of pieces, each either a format token (one token,
 * named by its text, e.g. `<|start|>`) or text that is encoded on its own as ordinary text. Both
 * prompt formats (the chat format and harmony) are written as pieces, so the same value is
 * counted (`count`), shown (`toString`) and turned into token ids (`encode`), and the three
 * cannot disagree.
 */
import type { ChatTokenizer } from './tokenizer.js';
import { internalError } from '../errors.js';

export type Piece = { readonly special: string } | { readonly text: string };

export class PromptPieces {
  readonly pieces: Piece[] = [];

  /** Append one format token. */
  special(token: string): this {
    this.pieces.push({ special: token });
    return this;
  }

  /** Append text, encoded on its own (empty text adds nothing). */
  text(text: string): this {
    if (text !== '') this.pieces.push({ text });
    return this;
  }

  /** Append the pieces of `other`. */
  append(other: PromptPieces): this {
    this.pieces.push(...other.pieces);
    return this;
  }

  /** The prompt text, format tokens written out. */
  toString(): string {
    return this.pieces.map((p) => ('special' in p ? p.special : p.text)).join('');
  }

  /** Tokens: one per format token, plus each text piece's count. */
  count(tokenizer: ChatTokenizer): number {
    let total = 0;
    for (const p of this.pieces) total += 'special' in p ? 1 : tokenizer.count(p.text);
    return total;
  }

  /** Token ids, format tokens looked up in `specialIds` (every one must be there). */
  encode(tokenizer: ChatTokenizer, specialIds: ReadonlyMap<string, number>, out: number[] = []): number[] {
    for (const p of this.pieces) {
      if ('special' in p) {
        const id = specialIds.get(p.special);
        if (id === undefined) throw internalError(`no id for the format token ${p.special}`);
        out.push(id);
      } else {
        for (const id of tokenizer.encode(p.text)) out.push(id);
      }
    }
    return out;
  }
}
