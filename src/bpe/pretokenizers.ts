/**
 * The fast path's pre-tokenizers, one per split pattern: the scanners that cut a text into the
 * pieces the pattern matches, and what the encode loops read inline (encode-units.ts, encode-wide.ts).
 * Each scanner is fast paths for the common pieces in front of the pattern as data
 * (src/encodings/split-rules.ts) interpreted (split-rules-scan.ts; deepseek_v3's sequence of Split
 * steps by split-rules-sequence.ts), which decides every other piece; test/split-rules.test.ts
 * holds the fast paths to the interpreter and the interpreter to the pattern. An encoding's
 * spec names its pre-tokenizer (`pretokenizer` in src/encodings/specs.ts, beside the pattern itself
 * as text, which the reference encoder runs as a regex); `new Encoding` is given the one named and
 * checks that it is. A per-encoding entry (src/encoding-entries/) imports its own constant, so that
 * a bundler leaves the others' scanners out; `PRETOKENIZERS` is for the root entry's registry.
 *
 * Kernel pattern ids are numbers here, not `KERNEL_PATTERN.gpt2`: a bundler keeps any object built
 * with a property read, and with it every scanner, in a one-encoding app.
 * test/encodings-data.test.ts checks them against KERNEL_PATTERN.
 */
import type { PretokenizerName } from '../encodings/specs.js';
import type { KernelPattern } from './byte-kernel.js';
import { nextPieceCl100k, wideWordCl100k } from './split-cl100k.js';
import { nextPieceDeepSeekV3, wideWordDeepSeekV3 } from './split-deepseek-v3.js';
import { nextPieceGpt2, wideWordGpt2 } from './split-gpt2.js';
import { nextPieceO200k, wideWordO200k } from './split-o200k.js';
import { nextPieceQwen2 } from './split-qwen2.js';

/** A split pattern's scanner: the end of the piece that starts at `start`, never beyond `end`. */
export type SplitFunction = (classes: Uint8Array, text: string, start: number, end: number) => number;

/** A split pattern as the encode loop runs it. */
export interface Pretokenizer {
  /** The name an encoding's spec gives it (`pretokenizer`, src/encodings/specs.ts). */
  readonly name: PretokenizerName;
  readonly nextPiece: SplitFunction;
  /**
   * The shape of the commonest piece, an ASCII word, which the loops read inline without calling
   * the scanners: `'letters'` is ` ?[A-Za-z]+` ended by any other ASCII character (gpt2, cl100k);
   * `'cased'` is ` ?[A-Z]*[a-z]+` or ` ?[A-Z]+` ended by an ASCII character other than an apostrophe
   * (o200k, whose words take a contraction after them). The unit loop takes only ` ?[A-Z]?[a-z]+`
   * of the cased shape inline.
   */
  readonly asciiWords: 'letters' | 'cased';
  /**
   * A word, perhaps after a one-character lead, cut from a copy of the units (wide mode) where a
   * character outside ASCII may decide its end: its end, or -1 when the scanner must decide.
   */
  readonly wideWord?: WideWordFunction;
  /**
   * The pattern's id in the WebAssembly byte loop (kernel/byte-loop.ts), which reads windows of
   * mostly ASCII text where the runtime allows; without one (or without WebAssembly), every window
   * is read in wide mode.
   */
  readonly kernelPattern?: KernelPattern;
}

/** The end of the word at `units[s]` (see Pretokenizer's wideWord), never at or past `end`, or -1. */
export type WideWordFunction = (classes: Uint8Array, units: Uint16Array, s: number, end: number) => number;

export const GPT2_PRETOKENIZER: Pretokenizer = { name: 'gpt2', nextPiece: nextPieceGpt2, asciiWords: 'letters', wideWord: wideWordGpt2, kernelPattern: 0 };
export const CL100K_PRETOKENIZER: Pretokenizer = { name: 'cl100k', nextPiece: nextPieceCl100k, asciiWords: 'letters', wideWord: wideWordCl100k, kernelPattern: 1 };
export const O200K_PRETOKENIZER: Pretokenizer = { name: 'o200k', nextPiece: nextPieceO200k, asciiWords: 'cased', wideWord: wideWordO200k, kernelPattern: 2 };
// No WebAssembly kernel pattern for these two: their long texts are read in wide mode (encode.ts).
export const QWEN2_PRETOKENIZER: Pretokenizer = { name: 'qwen2', nextPiece: nextPieceQwen2, asciiWords: 'letters', wideWord: wideWordCl100k };
export const DEEPSEEK_V3_PRETOKENIZER: Pretokenizer = { name: 'deepseek_v3', nextPiece: nextPieceDeepSeekV3, asciiWords: 'letters', wideWord: wideWordDeepSeekV3 };

/** Every pre-tokenizer by the name a spec gives it. */
export const PRETOKENIZERS: Readonly<Record<PretokenizerName, Pretokenizer>> = {
  gpt2: GPT2_PRETOKENIZER,
  cl100k: CL100K_PRETOKENIZER,
  o200k: O200K_PRETOKENIZER,
  qwen2: QWEN2_PRETOKENIZER,
  deepseek_v3: DEEPSEEK_V3_PRETOKENIZER,
};
