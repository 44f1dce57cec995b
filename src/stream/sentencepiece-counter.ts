import { describeValue } from '../describe.js';
import { InvalidArgumentError } from '../errors.js';
import type { SentencePieceEncoding } from '../sentencepiece/sentencepiece-encoding.js';
import { SentencePieceCutText } from './sentencepiece-cut-text.js';

/**
 * `createTokenCounter` for gemma3 (SentencePiece BPE; Gemini 2.0/2.5/3 once its data is registered):
 * counts each segment `SentencePieceCutText` hands on (text up to a place where it can be cut
 * without changing its tokens), so the counts add up to the whole text's. It holds about 64K
 * characters; a stretch longer than `UNCUT_LIMIT` with no cut throws `PieceTooLongError`, as the
 * byte-level counters do. Special-token text counts as ordinary text.
 * @internal
 */
export class SentencePieceStreamCounter {
  readonly #encoding: SentencePieceEncoding;
  readonly #text: SentencePieceCutText;
  readonly #count = (segment: string): void => {
    this.#counted += this.#encoding.count(segment);
  };
  #counted = 0;
  #ended = false;

  /** `flushAt`: smaller in tests, to cut more often. */
  constructor(encoding: SentencePieceEncoding, flushAt?: number) {
    this.#encoding = encoding;
    this.#text = new SentencePieceCutText(encoding, flushAt);
  }

  write(chunk: string): void {
    if (this.#ended) throw new InvalidArgumentError('write', 'was called after end(); create a new counter for more text.');
    if (typeof chunk !== 'string') throw new InvalidArgumentError('chunk', `must be a string, got ${describeValue(chunk)}.`);
    this.#text.write(chunk, this.#count);
  }

  get counted(): number {
    return this.#counted;
  }

  end(): number {
    if (!this.#ended) {
      this.#ended = true;
      this.#text.end(this.#count);
    }
    return this.#counted;
  }

  /** Characters held now, not yet counted. */
  get held(): number {
    return this.#text.held;
  }
}
