import { CUT_LOOK_AHEAD, SentencePieceEncoding } from '../sentencepiece/sentencepiece-encoding.js';
import { PieceTooLongError, UNCUT_LIMIT } from './errors.js';

/** Text held before a cut is looked for: counting in pieces this large costs nothing extra. */
const FLUSH_AT = 1 << 16;

/**
 * `SafeCutText` for gemma3 (SentencePiece BPE): text that arrives in chunks, handed on in segments
 * that end where the text can be cut without changing its tokens (`SentencePieceEncoding.cutsBefore`:
 * a pair of characters no piece holds, outside any added token; in English every space after a
 * letter is one). Each segment encoded on its own gives the whole text's tokens there, so counts add
 * up (`createTokenCounter`) and token boundaries are the whole text's (`createTextSplitter`).
 * It holds about 64K characters, and throws `PieceTooLongError` rather than hold more than
 * `UNCUT_LIMIT` with no cut (`"a".repeat(n)`: `aa` is in pieces).
 */
export class SentencePieceCutText {
  readonly #encoding: SentencePieceEncoding;
  readonly #flushAt: number;
  #held = '';
  /** Characters handed on before `#held`. */
  #base = 0;
  /** Candidate cuts in `#held` at or before this index have been looked at and are not cuts. */
  #searched = 0;
  #mostHeld = 0;

  /** `flushAt`: how much text is held before a cut is looked for (smaller in tests, to cut more often). */
  constructor(encoding: SentencePieceEncoding, flushAt = FLUSH_AT) {
    this.#encoding = encoding;
    this.#flushAt = flushAt;
  }

  /** Adds the next chunk (cut anywhere, even inside a surrogate pair); hands `take` a segment when enough is held. */
  write(chunk: string, take: (segment: string) => void): void {
    this.#held += chunk;
    this.#mostHeld = Math.max(this.#mostHeld, this.#held.length);
    if (this.#held.length >= this.#flushAt + CUT_LOOK_AHEAD) this.#flush(take);
  }

  /** Hands `take` all that is held. */
  end(take: (segment: string) => void): void {
    const rest = this.#held;
    this.#held = '';
    take(rest);
  }

  /** Characters held now, not yet handed on. */
  get held(): number {
    return this.#held.length;
  }

  /** The most characters held at once. */
  get mostHeld(): number {
    return this.#mostHeld;
  }

  /** Hands on the held text up to its last cut that has `CUT_LOOK_AHEAD` characters after it. */
  #flush(take: (segment: string) => void): void {
    const text = this.#held;
    const last = text.length - CUT_LOOK_AHEAD;
    for (let at = last; at > this.#searched; at--) {
      if (SentencePieceEncoding.cutsBefore(this.#encoding, text, at)) {
        this.#held = text.slice(at);
        this.#base += at;
        this.#searched = 0;
        take(text.slice(0, at));
        return;
      }
    }
    this.#searched = Math.max(this.#searched, last);
    if (text.length > UNCUT_LIMIT) throw new PieceTooLongError(UNCUT_LIMIT, { kind: 'text', character: this.#base });
  }
}
