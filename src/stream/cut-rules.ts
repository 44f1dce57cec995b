import type { Encoding } from '../encoding.js';
import { internalError, InvalidArgumentError } from '../errors.js';
import { isOpenEncodingName } from '../encodings/open-data.js';
import { OPEN_ENCODING_SPECS } from '../encodings/open-specs.js';
import { ENCODING_SPECS, type EncodingName, type PretokenizerName } from '../encodings/specs.js';
import { vocabularySeams, type VocabularySeams } from './vocabulary-seams.js';

/** Which of the three split patterns an encoding uses, as the cut rules need to know it. */
export type PatternFamily = 'gpt2' | 'cl100k' | 'o200k' | 'deepseek';

/** What `CutScanner` needs to know about an encoding: its split pattern and its vocabulary's seams. */
export interface CutRules {
  readonly family: PatternFamily;
  /**
   * Numbers are cut into pieces of one to three digits from the start of their run (cl100k, o200k);
   * under gpt2 a run of digits is one piece.
   */
  readonly digitsInThrees: boolean;
  /** Combining marks are punctuation to the pattern (gpt2, cl100k); o200k and deepseek take them into words. */
  readonly marksArePunctuation: boolean;
  /** The vocabulary's seams, read on first use. */
  seams(): VocabularySeams;
}

const FAMILIES: Readonly<Record<PretokenizerName, PatternFamily | undefined>> = { gpt2: 'gpt2', cl100k: 'cl100k', o200k: 'o200k', deepseek_v3: 'deepseek', qwen2: undefined };

/**
 * The cut rules for `encoding`. With `normalized`, for text already in the encoding's normal form
 * (the token counter's NFC stage): qwen2, whose pattern is cl100k's with single digits, takes
 * cl100k's rules there (its pieces only split cl100k's further, at digits), but not in raw text,
 * where a cut before a combining mark would change what NFC makes of both sides.
 */
export function cutRulesFor(encoding: Encoding, { normalized = false }: { readonly normalized?: boolean } = {}): CutRules {
  const name = encoding.name;
  // llama3 splits with cl100k's pattern (its own vocabulary gives its seams); deepseek_v3 has rules
  // of its own in CutScanner.
  const spec = Object.hasOwn(ENCODING_SPECS, name) ? ENCODING_SPECS[name as EncodingName] : isOpenEncodingName(name) ? OPEN_ENCODING_SPECS[name] : undefined;
  const family = name === 'qwen2' ? (normalized ? 'cl100k' : undefined) : (spec === undefined ? undefined : FAMILIES[spec.pretokenizer]);
  if (family === undefined && isOpenEncodingName(name)) {
    throw new InvalidArgumentError(
      'encoding',
      `is ${name}: createTokenCounter and countFile take it, but not countFiles on a file it would cut nor createTextSplitter. Count the whole text with getEncoding('${name}').count(text) instead.`,
    );
  }
  if (family === undefined) throw internalError(`no cut rules for the split pattern of ${name}`);
  let seams: VocabularySeams | undefined;
  return {
    family,
    digitsInThrees: family !== 'gpt2',
    marksArePunctuation: family === 'gpt2' || family === 'cl100k',
    seams: () => (seams ??= vocabularySeams(encoding)),
  };
}
