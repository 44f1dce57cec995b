import { selectEncoding } from '../count.js';
import type { EncodingName } from '../encodings/specs.js';
import { InvalidArgumentError } from '../errors.js';
import { describeValue } from '../describe.js';
import { lastSafeCut } from './safe-cut.js';

export interface TokenCounterOptions {
  /** The model whose encoding to use. @default 'gpt-4o' */
  readonly model?: string;
  /** The encoding to use instead of a model's. */
  readonly encoding?: EncodingName | 'gpt2';
}

/** Counts the tokens of text that arrives in chunks. */
export interface TokenCounter {
  /** Adds the next chunk of text. Chunks may be cut anywhere, even inside a surrogate pair. */
  write(chunk: string): void;
  /** Tokens counted so far, not including the text still held back (see `end`). */
  readonly counted: number;
  /** Counts what is held back and returns the exact total. The counter cannot be written to after. */
  end(): number;
}

/** Text is counted once this much is held, up to the last place where it can be cut safely. */
const FLUSH_AT = 1 << 16;

/**
 * A counter for text that arrives in chunks — a file read in pieces, a stream, a generator. The
 * total is exactly `countTokens(wholeText)` wherever the chunks were cut: text is counted only up
 * to a place where no piece can cross (see `isSafeCut`), and the rest is held until more arrives.
 * Memory stays near 64K characters, more only for text with no safe cut in it (one huge word).
 * Special-token text counts as ordinary text.
 *
 * @example
 * const counter = createTokenCounter({ model: 'gpt-4o' });
 * for await (const chunk of stream) counter.write(chunk);
 * counter.end(); // the exact total
 */
export function createTokenCounter(options?: TokenCounterOptions): TokenCounter {
  const encoding = selectEncoding(options);
  let held = '';
  let counted = 0;
  let ended = false;
  let nextFlush = FLUSH_AT;

  return {
    write(chunk: string): void {
      if (ended) throw new InvalidArgumentError('write', 'was called after end(); create a new counter for more text.');
      if (typeof chunk !== 'string') throw new InvalidArgumentError('chunk', `must be a string, got ${describeValue(chunk)}.`);
      held += chunk;
      if (held.length < nextFlush) return;
      const cut = lastSafeCut(held, 0, held.length);
      if (cut < 0) {
        nextFlush = held.length * 2; // one long word: wait for more instead of searching again now
        return;
      }
      counted += encoding.count(held.slice(0, cut));
      held = held.slice(cut);
      nextFlush = Math.max(FLUSH_AT, held.length * 2);
    },
    get counted() {
      return counted;
    },
    end(): number {
      if (!ended) {
        counted += encoding.count(held);
        held = '';
        ended = true;
      }
      return counted;
    },
  };
}
