import { Encoding } from '../encoding.js';
import { InvalidArgumentError } from '../errors.js';
import type { SentencePieceEncoding } from '../sentencepiece/sentencepiece-encoding.js';

/**
 * The encoding `createTextSplitter` (or a `countFiles` worker) was given, if it can take it: the
 * byte-level BPE encodings, whose cut rules (cut-rules.ts) cut splitter segments and file ranges.
 * gemma3 (SentencePiece, which Gemini 2.0/2.5/3 ids select once its data is registered) streams
 * through `createTokenCounter`, `countFile` and `countFiles` (whole files, on the calling thread;
 * sentencepiece-counter.ts) but not through the splitter yet, so it is refused here with the way
 * out, before any text is read.
 */
export function streamableEncoding(encoding: Encoding | SentencePieceEncoding, fn: string): Encoding {
  if (encoding instanceof Encoding) return encoding;
  throw new InvalidArgumentError(
    'options',
    `select ${encoding.name} (SentencePiece: Gemini 2.0, 2.5 and 3 ids count with it once its data is registered), which ${fn} does not take yet: ` +
      `split the whole text with splitByTokens instead.`,
  );
}
