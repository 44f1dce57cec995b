import { base64ToBytes } from '../platform/host.js';
import { readSentencePieceForm, type ExpectedForm } from './data-form.js';
import { GEMMA3_DATA } from './gemma3-data.generated.js';
import { SentencePieceEncoding } from './sentencepiece-encoding.js';

/** The SentencePiece BPE encodings tokmeter reads, and what it expects of each one's data. */
export const SENTENCEPIECE_FORMS = { gemma3: GEMMA3_DATA } as const satisfies Readonly<Record<string, ExpectedForm>>;
export type SentencePieceEncodingName = keyof typeof SENTENCEPIECE_FORMS;

/**
 * The encoding `name` from its data's `base64` (the `base64` of a tokmeter-open module with format
 * `spm-bpe-1`), checked by SHA-256 against the hash this version of tokmeter expects, then by its
 * layout and the invariants the encoder relies on. `source` names the data in errors.
 */
export function sentencePieceEncodingFromBase64(name: SentencePieceEncodingName, base64: string, source = `tokmeter-open/${name}`): SentencePieceEncoding {
  const form = readSentencePieceForm(base64ToBytes(base64), SENTENCEPIECE_FORMS[name], source);
  return new SentencePieceEncoding(name, form, source);
}
