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

  constructor(tokens: Readonly<Record<string, number>>) {
    const idByText = new Map<string, number>();
    const textById = new Map<number, string>();
    let maxLength = 0;
    for (const [text, id] of Object.entries(tokens)) {
      if (!text.startsWith('<|') || text.indexOf('|>', 2) !== text.length - 2) {
        throw internalError(`special token ${JSON.stringify(text)} is not of the form <|name|>`);
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
    let open = text.indexOf('<|', from);
    let close = -1;
    while (open >= 0) {
      if (close < open + 2) {
        close = text.indexOf('|>', open + 2);
        if (close < 0) return -1;
      }
      const length = close + 2 - open;
      if (length <= this.maxLength) {
        const candidate = text.slice(open, close + 2);
        if (accept.has(candidate)) return open;
      }
      open = text.indexOf('<|', open + 1);
    }
    return -1;
  }

  /** The special token found at `index` by `find`. */
  tokenAt(text: string, index: number): string {
    return text.slice(index, text.indexOf('|>', index + 2) + 2);
  }
}
