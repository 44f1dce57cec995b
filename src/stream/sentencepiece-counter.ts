import { describeValue } from '../describe.js';
import { InvalidArgumentError } from '../errors.js';
import { CUT_LOOK_AHEAD, SentencePieceEncoding } from '../sentencepiece/sentencepiece-encoding.js';
import { PieceTooLongError, UNCUT_LIMIT } from './errors.js';

/** Text held before the counter looks for a cut: counting in pieces this large costs nothing extra. */
const FLUSH_AT = 1 << 16;

/**
 * `createTokenCounter` for gemma3 (SentencePiece BPE; Gemini 2.0/2.5/3 once its data is registered).
 * Text is held until about 64K characters are, then counted up to the last place where it can be cut
 * without changing its tokens (`SentencePieceEncoding.cutsBefore`: a pair of characters no piece holds,
 * outside any added token; in English every space after a letter is one). The rest waits for more
 * text. Stretches longer than `UNCUT_LIMIT` with no such place (`"a".repeat(n)`) throw
 * `PieceTooLongError`, as the byte-level counters do. Special-token text counts as ordinary text.
 * @internal
 */
export class SentencePieceStreamCounter {
  readonly #encoding: SentencePieceEncoding;
  readonly #flushAt: number;
  #held = '';
  /** Characters of the text counted and let go before `#held`. */
  #base = 0;
  /** Candidate cuts in `#held` before this index have been looked at and are not cuts. */
  #searched = 0;
  #counted = 0;
  #ended = false;

  /** `flushAt`: smaller in tests, to cut more often. */
  constructor(encoding: SentencePieceEncoding, flushAt = FLUSH_AT) {
    this.#encoding = encoding;
    this.#flushAt = flushAt;
  }

  write(chunk: string): void {
    if (this.#ended) throw new InvalidArgumentError('write', 'was called after end(); create a new counter for more text.');
    if (typeof chunk !== 'string') throw new InvalidArgumentError('chunk', `must be a string, got ${describeValue(chunk)}.`);
    this.#held += chunk;
    if (this.#held.length >= this.#flushAt + CUT_LOOK_AHEAD) this.#flush();
  }

  get counted(): number {
    return this.#counted;
  }

  end(): number {
    if (!this.#ended) {
      this.#ended = true;
      this.#counted += this.#encoding.count(this.#held);
      this.#held = '';
    }
    return this.#counted;
  }

  /** Characters held now, not yet counted. */
  get held(): number {
    return this.#held.length;
  }

  /** Counts the held text up to its last cut that has `CUT_LOOK_AHEAD` characters after it. */
  #flush(): void {
    const text = this.#held;
    const last = text.length - CUT_LOOK_AHEAD;
    for (let at = last; at > this.#searched; at--) {
      if (SentencePieceEncoding.cutsBefore(this.#encoding, text, at)) {
        this.#counted += this.#encoding.count(text.slice(0, at));
        this.#held = text.slice(at);
        this.#base += at;
        this.#searched = 0;
        return;
      }
    }
    this.#searched = Math.max(this.#searched, last);
    if (text.length > UNCUT_LIMIT) throw new PieceTooLongError(UNCUT_LIMIT, { kind: 'text', character: this.#base });
  }
}
