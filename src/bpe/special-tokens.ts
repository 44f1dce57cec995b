import { internalError } from '../errors.js';

/**
 * The special tokens of an encoding and a scanner that finds them in text. Every OpenAI special
 * token has the form `<|name|>` with no `|>` inside the name (checked on construction), so the
 * scanner jumps between `<|` openings and tests the text up to the next `|>` against a set:
 * linear in the text, whatever the number of special tokens (o200k_harmony has 1,090).
 */
export class SpecialTokens {
  readonly idByText: ReadonlyMap<string, number>;
  readonly textById: ReadonlyMap<number, string>;
  readonly maxLength: number;
  /** What every token starts and ends with, and does not hold between: `<|` and `|>`, or `<` and `>`. */
  readonly open: string;
  readonly close: string;

  constructor(tokens: Readonly<Record<string, number>>) {
    const idByText = new Map<string, number>();
    const textById = new Map<number, string>();
    let maxLength = 0;
    // OpenAI's tokens are <|name|>; other tokenizers' are <name> or <｜name｜>, read as '<' to the next '>'.
    const entries = Object.entries(tokens);
    const piped = entries.every(([text]) => text.startsWith('<|') && text.indexOf('|>', 2) === text.length - 2);
    this.open = piped ? '<|' : '<';
    this.close = piped ? '|>' : '>';
    for (const [text, id] of entries) {
      if (!text.startsWith(this.open) || text.length < this.open.length + this.close.length || text.indexOf(this.close, this.open.length) !== text.length - this.close.length) {
        throw internalError(`special token ${JSON.stringify(text)} is not of the form <|name|> (or, among tokens not all of that form, <name> with no > inside)`);
      }
      if (textById.has(id)) throw internalError(`special tokens ${JSON.stringify(textById.get(id))} and ${JSON.stringify(text)} share id ${id}`);
      idByText.set(text, id);
      textById.set(id, text);
      maxLength = Math.max(maxLength, text.length);
    }
    this.idByText = idByText;
    this.textById = textById;
    this.maxLength = maxLength;
  }

  /**
   * The index of the leftmost special token at or after `from` that `accept` contains, or -1. The
   * token runs from there through the next `|>` (see `tokenAt`).
   */
  find(text: string, from: number, accept: ReadonlySet<string>): number {
    const opening = this.open;
    const closing = this.close;
    let open = text.indexOf(opening, from);
    let close = -1;
    while (open >= 0) {
      if (close < open + opening.length) {
        close = text.indexOf(closing, open + opening.length);
        if (close < 0) return -1;
      }
      const length = close + closing.length - open;
      if (length <= this.maxLength) {
        const candidate = text.slice(open, close + closing.length);
        if (accept.has(candidate)) return open;
      }
      open = text.indexOf(opening, open + 1);
    }
    return -1;
  }

  /** The special token found at `index` by `find`. */
  tokenAt(text: string, index: number): string {
    return text.slice(index, text.indexOf(this.close, index + this.open.length) + this.close.length);
  }
}
