import { astralClass, bmpClasses, CLASS_MASK, MARK } from '../bpe/char-class.js';
import { PieceTooLongError, UNCUT_LIMIT } from './errors.js';

/**
 * NFC for text that arrives in chunks, for the streaming counters of an encoding that normalizes
 * (qwen2): what `write` returns, concatenated with what `end` returns, is the NFC form of the whole
 * text, so the counter behind it cuts and counts the text the encoding itself would see.
 *
 * Normalizing can join a character to the ones before it only when it is a combining mark
 * (canonical reordering and composition act on marks after a starter) or a Hangul vowel or final
 * consonant jamo (U+1161–U+1175, U+11A8–U+11C2, which compose with the syllable before them); the
 * other characters that compose with what comes before are marks too (Indic and Sinhala vowel signs,
 * U+3099, U+309A). So the text before any other character normalizes on its own: the stage hands
 * that on and holds the rest, which holds no such character. Each chunk is searched from its end for
 * that character once, so a stream costs time linear in its length.
 *
 * That the counter's later cuts of this NFC text leave each part NFC (normalizing it again changes
 * nothing) is checked by test/open-encodings/stream.test.ts on generated text.
 */
export class NfcStage {
  #held = '';
  /** Characters handed on so far, for the position in an error. */
  #handed = 0;

  /** Characters held back. */
  get held(): number {
    return this.#held.length;
  }

  /** The NFC form of what can be normalized now, of the text so far with `chunk` added. */
  write(chunk: string): string {
    const held = this.#held;
    const at = lastIndependentStart(chunk, held.length > 0 ? held.charCodeAt(held.length - 1) : 0);
    if (at === PAIR_ACROSS) {
      // The character that starts on its own is the pair whose first half ends what was held.
      const ready = held.slice(0, -1);
      this.#held = held.slice(-1) + chunk;
      this.#handed += ready.length;
      return ready.normalize('NFC');
    }
    if (at < 0) {
      this.#held += chunk;
      if (this.#held.length > UNCUT_LIMIT) throw new PieceTooLongError(UNCUT_LIMIT, { kind: 'text', character: this.#handed });
      return '';
    }
    const ready = this.#held + chunk.slice(0, at);
    this.#held = chunk.slice(at);
    this.#handed += ready.length;
    return ready.normalize('NFC');
  }

  /** The NFC form of all that is held. */
  end(): string {
    const rest = this.#held.normalize('NFC');
    this.#handed += this.#held.length;
    this.#held = '';
    return rest;
  }
}

/** `lastIndependentStart`'s answer when that character is a pair split between the held text and the chunk. */
const PAIR_ACROSS = -2;

/**
 * The index in `chunk` of the last character that nothing before it normalizes with (see
 * `NfcStage`), other than the first of a surrogate pair whose second half has not come yet; -1 when
 * there is none. Index 0 counts: what was held before the chunk is then normalized on its own.
 * `heldLast` is the last unit held before the chunk: when it is a pair's first half and the chunk
 * starts with the second, that pair is one character (PAIR_ACROSS if it starts on its own).
 */
function lastIndependentStart(chunk: string, heldLast: number): number {
  const classes = bmpClasses();
  for (let i = chunk.length - 1; i >= 0; i--) {
    const unit = chunk.charCodeAt(i);
    if ((unit & 0xfc00) === 0xdc00) {
      // The second half of a pair: the character starts one unit before (a lone one stands alone).
      if (i > 0 && (chunk.charCodeAt(i - 1) & 0xfc00) === 0xd800) {
        const codePoint = 0x10000 + ((chunk.charCodeAt(i - 1) - 0xd800) << 10) + (unit - 0xdc00);
        if ((astralClass(codePoint) & CLASS_MASK) !== MARK) return i - 1;
        i--;
        continue;
      }
      if (i === 0 && (heldLast & 0xfc00) === 0xd800) {
        const codePoint = 0x10000 + ((heldLast - 0xd800) << 10) + (unit - 0xdc00);
        return (astralClass(codePoint) & CLASS_MASK) !== MARK ? PAIR_ACROSS : -1;
      }
      return i;
    }
    if ((unit & 0xfc00) === 0xd800) continue; // its second half may be in the next chunk
    if ((unit >= 0x1161 && unit <= 0x1175) || (unit >= 0x11a8 && unit <= 0x11c2)) continue;
    if ((classes[unit]! & CLASS_MASK) !== MARK) return i;
  }
  return -1;
}
