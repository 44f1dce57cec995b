import { TokmeterError } from '../errors.js';
import { sha256Hex } from '../platform/host.js';

/**
 * The parts of a SentencePiece BPE form (SPMB version 1, written by scripts/convert-gemma3.mjs,
 * which describes the layout), as views into its bytes. Nothing here is checked beyond the layout:
 * `PieceVocabulary` and `AddedTokens` check what they rely on.
 */
export interface SentencePieceForm {
  readonly pieceCount: number;
  /** Each piece's UTF-8 length, in id order. */
  readonly lengths: Uint8Array;
  /** The pieces' UTF-8 text, in id order. */
  readonly arena: Uint8Array;
  /** The id of the byte piece `<0x00>`; `<0xFF>` is 255 further. */
  readonly byteBase: number;
  /** The ids of the USER_DEFINED pieces, ascending. */
  readonly userDefined: Int32Array;
  /** The merge class of each piece that a merge makes, -1 for the others. */
  readonly mergeClass: Int32Array;
  /** The special tokens' texts and ids. */
  readonly specialTokens: ReadonlyMap<string, number>;
  /** The pairs of code points that occur side by side in some piece: a0, b0, a1, b1, … */
  readonly bigrams: Int32Array;
}

/** What tokmeter expects of a form: its hash and size (src/sentencepiece/gemma3-data.generated.ts). */
export interface ExpectedForm {
  readonly sha256: string;
  readonly bytes: number;
  readonly pieces: number;
}

const MAGIC = 0x424d5053; // "SPMB"
const HEADER_WORDS = 13;

/** An error for damaged or mismatched data, naming where it came from and how to fix it. */
export function corruptData(source: string, problem: string): TokmeterError {
  return new TokmeterError(
    'ENCODING_DATA_CORRUPT',
    `${source} is damaged or not the data this version of tokmeter reads: ${problem}. Install the version of tokmeter-open made for this version of tokmeter (their versions match), or reinstall it.`,
  );
}

/**
 * The form in `bytes` (null when its base64 did not decode), checked against `expected` by SHA-256
 * first: a form that passes is byte for byte the one the conversion script wrote, so the layout
 * checks after it only guard against a script that wrote something wrong.
 */
export function readSentencePieceForm(bytes: Uint8Array | null, expected: ExpectedForm, source: string): SentencePieceForm {
  if (bytes === null) throw corruptData(source, 'its data is not base64');
  const digest = sha256Hex(bytes);
  if (digest !== expected.sha256) throw corruptData(source, `its data has SHA-256 ${digest}, tokmeter expects ${expected.sha256}`);
  if (bytes.length !== expected.bytes || bytes.length < HEADER_WORDS * 4) throw corruptData(source, `it is ${bytes.length} bytes long, tokmeter expects ${expected.bytes}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const word = (i: number): number => view.getUint32(4 * i, true);
  if (word(0) !== MAGIC || word(1) !== 1) throw corruptData(source, 'it is not a version 1 SentencePiece BPE form');
  const pieceCount = word(2);
  const arenaBytes = word(3);
  const byteBase = word(4);
  const userDefinedCount = word(5);
  const userDefinedBytes = word(6);
  const classEntries = word(7);
  const classBytes = word(8);
  const specialCount = word(9);
  const specialBytes = word(10);
  const bigramCount = word(11);
  const bigramBytes = word(12);
  if (pieceCount !== expected.pieces) throw corruptData(source, `it holds ${pieceCount} pieces, tokmeter expects ${expected.pieces}`);
  const sizes = [pieceCount, arenaBytes, userDefinedBytes, classBytes, specialBytes, bigramBytes];
  const starts: number[] = [];
  let at = HEADER_WORDS * 4;
  for (const size of sizes) {
    starts.push(at);
    at += size;
  }
  if (at !== bytes.length) throw corruptData(source, `its header adds up to ${at} bytes, it has ${bytes.length}`);
  const section = (i: number): Uint8Array => bytes.subarray(starts[i]!, starts[i]! + sizes[i]!);

  const userDefined = new Int32Array(userDefinedCount);
  const users = new VarintReader(section(2), source);
  for (let i = 0, id = 0; i < userDefinedCount; i++) userDefined[i] = id += users.next();
  users.end();

  const mergeClass = new Int32Array(pieceCount).fill(-1);
  const classes = new VarintReader(section(3), source);
  for (let i = 0, id = 0, cls = 0; i < classEntries; i++) {
    const value = classes.next();
    const zigzag = Math.floor(value / 2);
    if (i > 0 && value % 2 === 1) cls++;
    id += zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
    if (id < 0 || id >= pieceCount) throw corruptData(source, `a merge class names piece ${id}`);
    mergeClass[id] = cls;
  }
  classes.end();

  const specials = section(4);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const specialTokens = new Map<string, number>();
  for (let i = 0, p = 0; i < specialCount; i++) {
    if (p + 5 > specials.length) throw corruptData(source, 'its special tokens are cut short');
    const id = specials[p]! | (specials[p + 1]! << 8) | (specials[p + 2]! << 16) | (specials[p + 3]! << 24);
    const length = specials[p + 4]!;
    specialTokens.set(decoder.decode(specials.subarray(p + 5, p + 5 + length)), id >>> 0);
    p += 5 + length;
  }

  const bigrams = new Int32Array(2 * bigramCount);
  const pairs = new VarintReader(section(5), source);
  for (let i = 0, a = 0, b = 0; i < bigramCount; i++) {
    const stepA = pairs.next();
    a += stepA;
    b = stepA === 0 && i > 0 ? b + pairs.next() : pairs.next();
    bigrams[2 * i] = a;
    bigrams[2 * i + 1] = b;
  }
  pairs.end();
  return { pieceCount, lengths: section(0), arena: section(1), byteBase, userDefined, mergeClass, specialTokens, bigrams };
}

/** LEB128 varints read in order from a section, which they must fill exactly. */
class VarintReader {
  #at = 0;
  readonly #bytes: Uint8Array;
  readonly #source: string;

  constructor(bytes: Uint8Array, source: string) {
    this.#bytes = bytes;
    this.#source = source;
  }

  next(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.#at >= this.#bytes.length) throw corruptData(this.#source, 'a varint runs past its section');
      const byte = this.#bytes[this.#at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  }

  end(): void {
    if (this.#at !== this.#bytes.length) throw corruptData(this.#source, 'a section holds more than its header says');
  }
}
