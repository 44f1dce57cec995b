import { nextPieceCl100k } from '../bpe/split-cl100k.js';
import { nextPieceGpt2 } from '../bpe/split-gpt2.js';
import { nextPieceO200k } from '../bpe/split-o200k.js';
import type { Encoding } from '../encoding.js';
import { internalError, InvalidArgumentError } from '../errors.js';
import { isOpenEncodingName } from '../encodings/open-data.js';
import { OPEN_ENCODING_SPECS } from '../encodings/open-specs.js';
import { ENCODING_SPECS, type EncodingName } from '../encodings/specs.js';
import { vocabularySeams, type VocabularySeams } from './vocabulary-seams.js';

/** Which of the three split patterns an encoding uses, as the cut rules need to know it. */
export type PatternFamily = 'gpt2' | 'cl100k' | 'o200k';

/** What `CutScanner` needs to know about an encoding: its split pattern and its vocabulary's seams. */
export interface CutRules {
  readonly family: PatternFamily;
  /**
   * Numbers are cut into pieces of one to three digits from the start of their run (cl100k, o200k);
   * under gpt2 a run of digits is one piece.
   */
  readonly digitsInThrees: boolean;
  /** Combining marks are punctuation to the pattern (gpt2, cl100k); o200k takes them into words. */
  readonly marksArePunctuation: boolean;
  /** The vocabulary's seams, read on first use. */
  seams(): VocabularySeams;
}

const FAMILIES = new Map<unknown, PatternFamily>([
  [nextPieceGpt2, 'gpt2'],
  [nextPieceCl100k, 'cl100k'],
  [nextPieceO200k, 'o200k'],
]);

/** The cut rules for `encoding`. */
export function cutRulesFor(encoding: Encoding): CutRules {
  const name = encoding.name;
  // llama3 splits with cl100k's pattern (its own vocabulary gives its seams); qwen2 and deepseek_v3
  // have patterns (and Qwen an NFC step) that no rule here describes yet.
  const spec = Object.hasOwn(ENCODING_SPECS, name) ? ENCODING_SPECS[name as EncodingName] : isOpenEncodingName(name) ? OPEN_ENCODING_SPECS[name] : undefined;
  const family = FAMILIES.get(spec?.split.nextPiece);
  if (family === undefined && isOpenEncodingName(name)) {
    throw new InvalidArgumentError(
      'encoding',
      `is ${name}, which the streaming counters (createTokenCounter, countFile, countFiles, createTextSplitter) do not take yet. Count the whole text with getEncoding('${name}').count(text) instead.`,
    );
  }
  if (family === undefined) throw internalError(`no cut rules for the split pattern of ${name}`);
  let seams: VocabularySeams | undefined;
  return {
    family,
    digitsInThrees: family !== 'gpt2',
    marksArePunctuation: family !== 'o200k',
    seams: () => (seams ??= vocabularySeams(encoding)),
  };
}
