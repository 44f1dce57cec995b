import { Encoding } from '../encoding.js';
import { InvalidArgumentError } from '../errors.js';
import type { SentencePieceEncoding } from '../sentencepiece/sentencepiece-encoding.js';

/**
 * The encoding a streaming counter (`createTokenCounter`, `countFile`, `countFiles`,
 * `createTextSplitter`) was given, if it can stream it: the byte-level BPE encodings. gemma3
 * (SentencePiece, which Gemini 2.0/2.5/3 ids select once its data is registered) has no cut rules
 * in src/stream yet, so it is refused here with the way out, before any text is read.
 */
export function streamableEncoding(encoding: Encoding | SentencePieceEncoding, fn: string): Encoding {
  if (encoding instanceof Encoding) return encoding;
  throw new InvalidArgumentError(
    'options',
    `select ${encoding.name} (SentencePiece: Gemini 2.0, 2.5 and 3 ids count with it once its data is registered), which ${fn} does not take yet: ` +
      `the streaming counters cut only byte-level BPE text. Count the whole text with countTokens(text, { model }) or getEncoding('${encoding.name}').count(text), ` +
      `or split it whole with splitByTokens.`,
  );
}
