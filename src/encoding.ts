import type { RankTable } from './bpe/rank-table.js';
import { SpecialTokens } from './bpe/special-tokens.js';
import { encodeOrdinary } from './bpe/encode.js';
import type { Pretokenizer } from './bpe/pretokenizers.js';
import { checkLimit, checkTokenIds, specialTokenPolicy, type EncodeOptions } from './encode-options.js';
import { DisallowedSpecialTokenError, internalError, InvalidArgumentError, TokmeterError } from './errors.js';
import { describeValue } from './describe.js';
import type { BpeSpec } from './encodings/specs.js';

const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/**
 * A byte-pair encoding: text to token ids and back, exactly as tiktoken does it. Get one with
 * `getEncoding(name)` or `encodingForModel(model)`.
 */
export class Encoding {
  /** The encoding's name, e.g. `o200k_base`. */
  readonly name: string;
  /** Mergeable ranks plus special tokens (tiktoken's `n_vocab`); valid ids are below it. */
  readonly vocabularySize: number;
  /** The special tokens and their ids. */
  readonly specialTokens: ReadonlyMap<string, number>;
  /**
   * The Unicode normalization applied to ordinary text before it is split (Qwen2's `NFC`), or null.
   * Token offsets then refer to the normalized text, not to the text as given.
   */
  readonly normalization: 'NFC' | null;
  readonly #ranks: RankTable;
  readonly #split: Pretokenizer;
  readonly #specials: SpecialTokens;
  /** Qwen's tokenizer normalizes ordinary text to NFC before splitting it. */
  readonly #nfc: boolean;

  /**
   * @internal Use `getEncoding`. `pretokenizer` is the one `spec` names (src/bpe/pretokenizers.ts),
   * given rather than looked up so that a one-encoding bundle carries only its own. Checks the
   * data's invariants.
   */
  constructor(spec: BpeSpec, ranks: RankTable, pretokenizer: Pretokenizer) {
    if (pretokenizer.name !== spec.pretokenizer) throw internalError(`${spec.name} splits with ${spec.pretokenizer}, not ${pretokenizer.name}`);
    this.name = spec.name;
    this.#ranks = ranks;
    this.#split = pretokenizer;
    this.#nfc = spec.normalization === 'NFC';
    this.normalization = this.#nfc ? 'NFC' : null;
    this.#specials = new SpecialTokens(spec.specialTokens);
    this.specialTokens = this.#specials.idByText;
    this.vocabularySize = spec.vocabularySize;
    checkInvariants(spec, ranks, this.#specials);
  }

  /**
   * The token ids of `text`.
   *
   * @example getEncoding('o200k_base').encode('hello world') // [24912, 2375]
   */
  encode(text: string, options?: EncodeOptions): number[] {
    const out: number[] = [];
    this.#run(text, options, out, Infinity);
    return out;
  }

  /**
   * The number of tokens in `text`: the length `encode` would return, without building the array.
   *
   * @example getEncoding('o200k_base').count('hello world') // 2
   */
  count(text: string, options?: EncodeOptions): number {
    return this.#run(text, options, null, Infinity);
  }

  /**
   * Counts tokens but stops as soon as the count passes `limit`: returns the exact count when it is
   * at most `limit`, otherwise `limit + 1`. Cheap for guarding huge inputs against a context size.
   *
   * @example enc.countUpTo(hugeText, 128_000) > 128_000 // true when it does not fit
   */
  countUpTo(text: string, limit: number, options?: EncodeOptions): number {
    checkLimit(limit);
    return Math.min(this.#run(text, options, null, limit), limit + 1);
  }

  /**
   * The text of `tokens`. Special tokens decode to their text; bytes that are not valid UTF-8 on
   * their own (a token sequence cut inside a character) become U+FFFD, as in tiktoken. A leading
   * U+FEFF is kept.
   */
  decode(tokens: ArrayLike<number>): string {
    return utf8Decoder.decode(this.decodeBytes(tokens));
  }

  /**
   * The UTF-8 length in bytes of each token, in order: where each token starts and ends in the
   * text's bytes, without decoding. Throws like `decodeBytes` for an id the encoding lacks.
   *
   * @example getEncoding('o200k_base').tokenByteLengths([24912, 2375]) // Uint32Array [5, 6] ('hello', ' world')
   */
  tokenByteLengths(tokens: ArrayLike<number>): Uint32Array {
    checkTokenIds(tokens);
    const out = new Uint32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) out[i] = this.#tokenLength(tokens[i], i);
    return out;
  }

  /** The bytes of `tokens`, concatenated. */
  decodeBytes(tokens: ArrayLike<number>): Uint8Array {
    checkTokenIds(tokens);
    const ranks = this.#ranks;
    let size = 0;
    for (let i = 0; i < tokens.length; i++) size += this.#tokenLength(tokens[i], i);
    const out = new Uint8Array(size);
    let at = 0;
    for (let i = 0; i < tokens.length; i++) {
      const id = tokens[i]!;
      if (id < ranks.rankCount && ranks.offsets[id + 1]! > ranks.offsets[id]!) {
        out.set(ranks.tokenBytes(id), at);
        at += ranks.offsets[id + 1]! - ranks.offsets[id]!;
      } else {
        at += utf8Encoder.encodeInto(this.#specials.textById.get(id)!, out.subarray(at)).written;
      }
    }
    return out;
  }

  #tokenLength(id: unknown, index: number): number {
    const ranks = this.#ranks;
    if (typeof id === 'number' && Number.isInteger(id) && id >= 0) {
      if (id < ranks.rankCount && ranks.offsets[id + 1]! > ranks.offsets[id]!) return ranks.offsets[id + 1]! - ranks.offsets[id]!;
      const special = this.#specials.textById.get(id);
      if (special !== undefined) return utf8Encoder.encode(special).length; // DeepSeek's are not ASCII
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
    if (options === undefined) return this.#ordinary(text, 0, text.length, out, 0, limit);

    const specials = this.#specials;
    const policy = specialTokenPolicy(options, specials.idByText, this.name);
    if (policy.disallowed.size > 0) {
      const at = specials.find(text, 0, policy.disallowed);
      if (at >= 0) throw new DisallowedSpecialTokenError(specials.tokenAt(text, at), at);
    }
    if (policy.allowed.size === 0) return this.#ordinary(text, 0, text.length, out, 0, limit);

    let count = 0;
    let pos = 0;
    for (;;) {
      const at = specials.find(text, pos, policy.allowed);
      count = this.#ordinary(text, pos, at < 0 ? text.length : at, out, count, limit);
      if (at < 0 || count > limit) return count;
      const token = specials.tokenAt(text, at);
      if (out !== null) out.push(specials.idByText.get(token)!);
      count++;
      pos = at + token.length;
    }
  }

  /**
   * The ordinary text text[from..to) (no special tokens in it), tokenized onto `count`. An encoding
   * that normalizes (Qwen2: NFC) does it here, stretch by stretch between special tokens, as the
   * upstream tokenizer splits special tokens off the text as given before it normalizes the rest.
   */
  #ordinary(text: string, from: number, to: number, out: number[] | null, count: number, limit: number): number {
    if (!this.#nfc) return encodeOrdinary(this.#ranks, this.#split, text, from, to, out, count, limit);
    const normal = text.slice(from, to).normalize('NFC');
    return encodeOrdinary(this.#ranks, this.#split, normal, 0, normal.length, out, count, limit);
  }
}

/** What must hold of an encoding's data; checked once when it is loaded. */
function checkInvariants(spec: BpeSpec, ranks: RankTable, specials: SpecialTokens): void {
  const fail = (problem: string): never => {
    throw new TokmeterError('ENCODING_DATA_CORRUPT', `the ${spec.name} data breaks an invariant: ${problem}. Reinstall tokmeter.`);
  };
  const single = new Uint8Array(1);
  for (let byte = 0; byte < 256; byte++) {
    single[0] = byte;
    if (ranks.rankOf(single, 0, 1) < 0) fail(`byte ${byte} has no token`);
  }
  // Ranks are contiguous except where a special token takes the id (p50k's <|endoftext|>).
  for (const rank of ranks.gaps) if (!specials.textById.has(rank)) fail(`rank ${rank} is missing`);
  const offsets = ranks.offsets;
  for (const id of specials.textById.keys()) {
    if (id < ranks.rankCount && offsets[id + 1] !== offsets[id]) fail(`id ${id} is both a rank and a special token`);
  }
  let size = ranks.rankCount;
  for (const id of specials.textById.keys()) size = Math.max(size, id + 1);
  if (size !== spec.vocabularySize) fail(`the vocabulary has ${size} ids, expected ${spec.vocabularySize}`);
}
