import { describeValue } from '../describe.js';
import { checkLimit, checkTokenIds, specialTokenPolicy, type EncodeOptions } from '../encode-options.js';
import { DisallowedSpecialTokenError, InvalidArgumentError } from '../errors.js';
import { AddedTokens, matchedId, matchedLength } from './added-tokens.js';
import { PieceBigrams } from './bigrams.js';
import { PieceMemo } from '../bpe/piece-memo.js';
import type { SentencePieceForm } from './data-form.js';
import { HeapMerger } from './merge.js';
import { PieceVocabulary, SPACE_MARK_BYTES } from './vocabulary.js';
import { WordBuffer } from './word-buffer.js';

const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const utf8Encoder = new TextEncoder();
const SPACE_MARK = 0x2581;
/** How far an added token reaches: the text around a cut that `cutsBefore` reads, in UTF-16 units. */
export const CUT_LOOK_AHEAD = 64;
const spaceMarked = (cp: number): number => (cp === 0x20 ? SPACE_MARK : cp);
const loneSurrogate = (cp: number): number => (cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp);
/** The code point that ends at `at` (a lone surrogate as U+FFFD, as the encoder reads it). */
function codePointBefore(text: string, at: number): number {
  const unit = text.charCodeAt(at - 1);
  if (unit >= 0xdc00 && unit <= 0xdfff && at >= 2) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return 0x10000 + ((high - 0xd800) << 10) + (unit - 0xdc00);
  }
  return loneSurrogate(unit);
}
/** FNV-1a over UTF-16 units: the words' hash for the memo. */
const HASH_START = 0x811c9dc5 | 0;
const HASH_PRIME = 0x01000193;

/**
 * A SentencePiece BPE encoding with byte fallback (Gemma 3's `gemma3`, which Google's GenAI SDKs
 * count Gemini text with): text to token ids and back, as the upstream tokenizer.json does it. The
 * same public surface and option handling as `Encoding`; get one with `getEncoding('gemma3')`
 * after `useEncodingData(gemma3)`.
 *
 * How text is encoded (README.md beside this file says why each step is exact):
 * 1. Added tokens are cut out of the raw text first, leftmost-longest: the USER_DEFINED pieces
 *    always (runs of newlines, tabs and `▁`, HTML tags, …), special tokens when `allowedSpecial`
 *    names them. Special-token text not allowed is ordinary text, as SentencePiece treats it.
 * 2. The rest is normalised (a space becomes `▁`) and cut into words between every two
 *    characters that no piece holds side by side (bigrams.ts): no merge can join them.
 * 3. Each word is merged with a priority queue (merge.ts); a character that is no piece becomes
 *    its UTF-8 bytes' byte pieces.
 * No BOS is added: counts are of the text alone, as Google's SDKs count it.
 */
export class SentencePieceEncoding {
  /** The encoding's name, e.g. `gemma3`. */
  readonly name: string;
  /** Pieces plus special tokens past them; valid ids are below it. */
  readonly vocabularySize: number;
  /** The special tokens and their ids. */
  readonly specialTokens: ReadonlyMap<string, number>;
  /** No Unicode normalization: Gemma's tokenizer only marks spaces, one character for one. */
  readonly normalization: 'NFC' | null = null;
  readonly #vocabulary: PieceVocabulary;
  readonly #added: AddedTokens;
  readonly #merger: HeapMerger;
  readonly #bigrams: PieceBigrams;
  readonly #word = new WordBuffer();
  readonly #memo = new PieceMemo();
  /** Scratch for a word's tokens on their way into the memo. */
  readonly #ids: number[] = [];
  #tokens = new Int32Array(64);
  readonly #specialText = new Map<number, string>();

  /** @internal Use `getEncoding` after `useEncodingData`. Checks the data's invariants. */
  constructor(name: string, form: SentencePieceForm, source: string) {
    this.name = name;
    this.#vocabulary = new PieceVocabulary(form, source);
    const vocabulary = this.#vocabulary;
    const text = (id: number): string => utf8Decoder.decode(vocabulary.arena.subarray(vocabulary.offsets[id], vocabulary.offsets[id + 1]));
    this.#added = new AddedTokens(
      Array.from(form.userDefined, (id) => ({ id, text: text(id) })),
      form.specialTokens,
      source,
    );
    this.#merger = new HeapMerger(vocabulary);
    this.#bigrams = new PieceBigrams(form.bigrams);
    let size = vocabulary.pieceCount;
    for (const [special, id] of form.specialTokens) {
      this.#specialText.set(id, special);
      size = Math.max(size, id + 1);
    }
    this.specialTokens = form.specialTokens;
    this.vocabularySize = size;
  }

  /**
   * The token ids of `text`.
   *
   * @example gemma3.encode('What is your name?') // [3689, 563, 822, 1463, 236881]
   */
  encode(text: string, options?: EncodeOptions): number[] {
    const out: number[] = [];
    this.#run(text, options, out, Infinity);
    return out;
  }

  /** The number of tokens in `text`: the length `encode` would return, without building the array. */
  count(text: string, options?: EncodeOptions): number {
    return this.#run(text, options, null, Infinity);
  }

  /**
   * Counts tokens but stops as soon as the count passes `limit`: returns the exact count when it is
   * at most `limit`, otherwise `limit + 1`. Stops within a word of the limit (README.md says where
   * words end).
   */
  countUpTo(text: string, limit: number, options?: EncodeOptions): number {
    checkLimit(limit);
    return Math.min(this.#run(text, options, null, limit), limit + 1);
  }

  /**
   * The text of `tokens`. `▁` in a piece decodes to a space, a byte piece to its byte; bytes that
   * are not valid UTF-8 on their own become U+FFFD. Special tokens decode to their text.
   */
  decode(tokens: ArrayLike<number>): string {
    return utf8Decoder.decode(this.decodeBytes(tokens));
  }

  /** The UTF-8 length in bytes of each token as it decodes, in order. Throws like `decodeBytes` for an id the encoding lacks. */
  tokenByteLengths(tokens: ArrayLike<number>): Uint32Array {
    checkTokenIds(tokens);
    const out = new Uint32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) out[i] = this.#tokenLength(tokens[i], i);
    return out;
  }

  /** The bytes of `tokens`, concatenated. */
  /**
   * Whether `text` can be cut before index `at` without changing its tokens, special-token text read
   * as text (the streaming counter's reading): the code points on either side form a pair no piece
   * holds (README.md, "Why the cuts are exact"), and no added token that could start in the
   * `CUT_LOOK_AHEAD` units before `at` reaches past it — so the added tokens matched left of `at`
   * and the words there are the same whether or not the text goes on. (Gemma 3's pairs include those
   * inside its USER_DEFINED pieces, so the first test already excludes cuts inside an added token;
   * the second keeps the rule right for data where that is not so.) The text must hold
   * `CUT_LOOK_AHEAD` units after `at` (or end there). Never true inside a surrogate pair.
   * A static method, so that an encoding's methods stay Encoding's.
   * @internal
   */
  static cutsBefore(encoding: SentencePieceEncoding, text: string, at: number): boolean {
    if (at <= 0 || at >= text.length) return false;
    const high = text.charCodeAt(at - 1);
    const low = text.charCodeAt(at);
    if (high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) return false; // inside a surrogate pair
    const before = codePointBefore(text, at);
    const after = text.codePointAt(at)!;
    if (encoding.#bigrams.occurs(spaceMarked(before), spaceMarked(loneSurrogate(after)))) return false;
    const added = encoding.#added;
    for (let j = Math.max(0, at - CUT_LOOK_AHEAD); j < at; j++) {
      if (!added.mayStartWith(text.charCodeAt(j))) continue;
      const match = added.matchAt(text, j, text.length, null);
      if (match >= 0 && j + matchedLength(match) > at) return false;
    }
    return true;
  }

  decodeBytes(tokens: ArrayLike<number>): Uint8Array {
    checkTokenIds(tokens);
    let size = 0;
    for (let i = 0; i < tokens.length; i++) size += this.#tokenLength(tokens[i], i);
    const out = new Uint8Array(size);
    const { arena, offsets, pieceCount, byteBase } = this.#vocabulary;
    let at = 0;
    for (let i = 0; i < tokens.length; i++) {
      const id = tokens[i]!;
      if (id >= byteBase && id < byteBase + 256) {
        out[at++] = id - byteBase;
      } else if (id < pieceCount) {
        for (let b = offsets[id]!, end = offsets[id + 1]!; b < end; b++) {
          if (arena[b] === SPACE_MARK_BYTES[0] && arena[b + 1] === SPACE_MARK_BYTES[1] && arena[b + 2] === SPACE_MARK_BYTES[2] && b + 2 < end) {
            out[at++] = 0x20;
            b += 2;
          } else {
            out[at++] = arena[b]!;
          }
        }
      } else {
        at += utf8Encoder.encodeInto(this.#specialText.get(id)!, out.subarray(at)).written;
      }
    }
    return out;
  }

  #tokenLength(id: unknown, index: number): number {
    if (typeof id === 'number' && Number.isInteger(id) && id >= 0) {
      if (id < this.#vocabulary.pieceCount) return this.#vocabulary.decodedLengths[id]!;
      const special = this.#specialText.get(id);
      if (special !== undefined) return utf8Encoder.encode(special).length;
    }
    throw new InvalidArgumentError(
      `tokens[${index}]`,
      `is ${describeValue(id)}, which is not a token id of ${this.name}. Ids are integers from 0 to ${this.vocabularySize - 1}; pass ids that this encoding produced.`,
    );
  }

  #run(text: string, options: EncodeOptions | undefined, out: number[] | null, limit: number): number {
    if (typeof text !== 'string') {
      throw new InvalidArgumentError('text', `must be a string, got ${describeValue(text)}.`);
    }
    let allowed: ReadonlySet<string> | null = null;
    if (options !== undefined) {
      const policy = specialTokenPolicy(options, this.specialTokens, this.name);
      let first = -1;
      let token = '';
      for (const disallowed of policy.disallowed) {
        const at = text.indexOf(disallowed);
        if (at >= 0 && (first < 0 || at < first || (at === first && disallowed.length > token.length))) {
          first = at;
          token = disallowed;
        }
      }
      if (first >= 0) throw new DisallowedSpecialTokenError(token, first);
      if (policy.allowed.size > 0) allowed = policy.allowed;
    }
    return this.#encodeText(text, allowed, out, limit);
  }

  /** Steps 1 and 2 of the class comment, in one pass over the text; each word is encoded as it ends. */
  #encodeText(text: string, allowed: ReadonlySet<string> | null, out: number[] | null, limit: number): number {
    const added = this.#added;
    const bigrams = this.#bigrams;
    let count = 0;
    let wordStart = 0;
    let previous = -1; // the word's last code point, -1 at a word's start
    let hash = HASH_START; // of the word's UTF-16 units, for the memo
    const length = text.length;
    for (let i = 0; i < length; ) {
      const unit = text.charCodeAt(i);
      if (added.mayStartWith(unit)) {
        const match = added.matchAt(text, i, length, allowed);
        if (match >= 0) {
          if (i > wordStart) {
            count += this.#encodeWord(text, wordStart, i, hash, out);
            if (count > limit) return count;
          }
          if (out !== null) out.push(matchedId(match));
          if (++count > limit) return count;
          i += matchedLength(match);
          wordStart = i;
          previous = -1;
          hash = HASH_START;
          continue;
        }
      }
      let cp = unit === 0x20 ? SPACE_MARK : unit;
      let units = 1;
      if (unit >= 0xd800 && unit <= 0xdfff) {
        const low = unit <= 0xdbff && i + 1 < length ? text.charCodeAt(i + 1) : 0;
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
          units = 2;
        } else {
          cp = 0xfffd;
        }
      }
      if (previous >= 0 && !bigrams.occurs(previous, cp)) {
        count += this.#encodeWord(text, wordStart, i, hash, out);
        if (count > limit) return count;
        wordStart = i;
        hash = HASH_START;
      }
      previous = cp;
      hash = Math.imul(hash ^ unit, HASH_PRIME);
      if (units === 2) hash = Math.imul(hash ^ text.charCodeAt(i + 1), HASH_PRIME);
      i += units;
    }
    if (length > wordStart) count += this.#encodeWord(text, wordStart, length, hash, out);
    return count;
  }

  /**
   * The tokens of the word `text[start..end)` (`hash`: of its units), pushed onto `out` unless it is
   * null; returns how many.
   *
   * Words are remembered with their tokens in a PieceMemo (the byte-level encoder's memo, which
   * bounds its own size and admits long or never-repeated words only on a second sighting): a word
   * is merged once however often it recurs, and words recur in any text, fresh or not.
   */
  #encodeWord(text: string, start: number, end: number, hash: number, out: number[] | null): number {
    const memo = this.#memo;
    const length = end - start;
    const at = length <= PieceMemo.MAX_LENGTH ? memo.find(text, start, length, hash) : -1;
    if (at >= 0) {
      if (out !== null) memo.pushTokens(at, out);
      return memo.answer(at);
    }
    const word = this.#word;
    word.clear();
    for (let i = start; i < end; ) {
      const unit = text.charCodeAt(i);
      let cp = unit;
      i++;
      if (unit >= 0xd800 && unit <= 0xdfff) {
        const low = unit <= 0xdbff && i < end ? text.charCodeAt(i) : 0;
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
          i++;
        } else {
          cp = 0xfffd;
        }
      }
      word.append(cp);
    }
    if (length > PieceMemo.MAX_LENGTH) return this.#merger.mergeWithHeap(word.bytes, word.charStarts, word.codePoints, word.chars, word.byteLength, out);
    const ids = this.#ids;
    ids.length = 0;
    const count = this.#merger.mergeWithHeap(word.bytes, word.charStarts, word.codePoints, word.chars, word.byteLength, ids);
    if (this.#tokens.length < count) this.#tokens = new Int32Array(Math.max(count, 2 * this.#tokens.length));
    this.#tokens.set(ids);
    memo.add(text, start, length, hash, this.#tokens, count);
    if (out !== null) for (let i = 0; i < count; i++) out.push(ids[i]!);
    return count;
  }
}

