import { base64ToBytes } from '../platform/host.js';
import { describeValue } from '../describe.js';
import { PRETOKENIZERS } from '../bpe/pretokenizers.js';
import { Encoding } from '../encoding.js';
import { InvalidArgumentError, TokmeterError } from '../errors.js';
import { readOptions } from '../options.js';
import { OPEN_RANK_FILES } from './open-rank-files.generated.js';
import { OPEN_ENCODING_NAMES, OPEN_ENCODING_SPECS, type OpenEncodingName } from './open-specs.js';
import { checkedRankTable } from './rank-form.js';
import { sentencePieceEncodingFromBase64 } from '../sentencepiece/load.js';
import type { SentencePieceEncoding } from '../sentencepiece/sentencepiece-encoding.js';

/**
 * The data of an optional encoding, as a module of the package `tokmeter-open` exports it by
 * default: `import llama3 from 'tokmeter-open/llama3'`.
 */
export interface EncodingData {
  /** The form of `base64`: tokmeter's rank form, version 1; for `gemma3` its SentencePiece BPE form (src/sentencepiece/). */
  readonly format: 'tkmr-1' | 'spm-bpe-1';
  /** The encoding it is the data of: `llama3`, `qwen2`, `deepseek_v3` or `gemma3`. */
  readonly name: string;
  /** SHA-256 of the decoded bytes, as the package states it (tokmeter checks its own copy of the hash). */
  readonly sha256: string;
  readonly base64: string;
}

/** `getEncoding` for an optional encoding whose data no `useEncodingData` call has given. */
export class EncodingDataNotInstalledError extends TokmeterError {
  override name = 'EncodingDataNotInstalledError';
  readonly encoding: string;

  constructor(encoding: OpenEncodingName | 'gemma3') {
    super(
      'ENCODING_DATA_MISSING',
      `the ${encoding} encoding (${encoding === 'gemma3' ? GEMMA3_MODELS : OPEN_ENCODING_SPECS[encoding].models}) needs its data, which ships in the separate package tokmeter-open. ` +
        `Install it (npm install tokmeter-open) and register the data once before counting:\n` +
        `  import { useEncodingData } from 'tokmeter';\n` +
        `  import ${identifier(encoding)} from 'tokmeter-open/${encoding}';\n` +
        `  useEncodingData(${identifier(encoding)});`,
    );
    this.encoding = encoding;
  }
}

/** Which models gemma3 counts, for messages (docs/gemini-tokenizer.md). */
const GEMMA3_MODELS = 'Gemini 2.0, 2.5 and 3 text, Gemma 3';

function identifier(name: OpenEncodingName | 'gemma3'): string {
  return name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
}

/** Registered encodings, built when their data is given. Filled only by `useEncodingData`. */
const registered = new Map<OpenEncodingName, Encoding>();
const registeredSentencePiece = new Map<'gemma3', SentencePieceEncoding>();

export function isOpenEncodingName(name: string): name is OpenEncodingName {
  return (OPEN_ENCODING_NAMES as readonly string[]).includes(name);
}

/**
 * Makes an optional encoding's data known to tokmeter, so that `getEncoding('llama3')` (and
 * `qwen2`, `deepseek_v3`) and the models that use it count exactly. `data` is the default export of
 * a module of the package `tokmeter-open`; it is checked before use (format, name, SHA-256 against
 * the hash this version of tokmeter expects, header and token count), which takes a few
 * milliseconds. Calling it again with the same data does nothing. Returns the encoding.
 *
 * @example
 * ```ts
 * import { getEncoding, useEncodingData } from 'tokmeter';
 * import llama3 from 'tokmeter-open/llama3';
 * useEncodingData(llama3);
 * getEncoding('llama3').count('hello world'); // 2
 * ```
 * @throws {InvalidArgumentError} for anything but such a module's data.
 * @throws {TokmeterError} `ENCODING_DATA_CORRUPT` when the bytes are not what this tokmeter expects
 * (another version of tokmeter-open, or damaged data).
 */
export function useEncodingData(data: EncodingData & { readonly name: 'gemma3' }): SentencePieceEncoding;
export function useEncodingData(data: EncodingData): Encoding;
export function useEncodingData(data: EncodingData): Encoding | SentencePieceEncoding {
  // A plain object of these four keys, each its own (a module namespace, `import * as`, is not one).
  const { format, name, sha256, base64 } = readOptions(data, ['format', 'name', 'sha256', 'base64'], 'useEncodingData', 'data');
  if (name === 'gemma3') {
    if (format !== 'spm-bpe-1' || typeof base64 !== 'string' || typeof sha256 !== 'string') {
      throw new InvalidArgumentError('data.format', `must be 'spm-bpe-1' with base64 and sha256 strings for gemma3, got format ${describeValue(format)}. Install a version of tokmeter-open made for this version of tokmeter.`);
    }
    let gemma3 = registeredSentencePiece.get(name);
    if (gemma3 === undefined) registeredSentencePiece.set(name, (gemma3 = sentencePieceEncodingFromBase64(name, base64)));
    return gemma3;
  }
  if (typeof name !== 'string' || !isOpenEncodingName(name)) {
    throw new InvalidArgumentError('data.name', `must be one of ${OPEN_ENCODING_NAMES.join(', ')}, gemma3, got ${describeValue(name)}. Pass the default export of a tokmeter-open module (import llama3 from 'tokmeter-open/llama3').`);
  }
  if (format !== 'tkmr-1' || typeof base64 !== 'string' || typeof sha256 !== 'string') {
    throw new InvalidArgumentError('data.format', `must be 'tkmr-1' with base64 and sha256 strings, got format ${describeValue(format)}. Install a version of tokmeter-open made for this version of tokmeter.`);
  }
  const known = registered.get(name);
  if (known !== undefined) return known;
  const ranks = checkedRankTable(
    OPEN_RANK_FILES[name],
    base64ToBytes(base64),
    `tokmeter-open/${name}`,
    'Install the version of tokmeter-open made for this version of tokmeter (their versions match), or reinstall it.',
  );
  const spec = OPEN_ENCODING_SPECS[name];
  const encoding = new Encoding(spec, ranks, PRETOKENIZERS[spec.pretokenizer]);
  registered.set(name, encoding);
  return encoding;
}

/** The optional encoding `name`, or the error saying how to install its data. */
export function openEncoding(name: OpenEncodingName): Encoding {
  const encoding = registered.get(name);
  if (encoding === undefined) throw new EncodingDataNotInstalledError(name);
  return encoding;
}

/** gemma3 (SentencePiece BPE), or the error saying how to install its data. */
export function sentencePieceEncoding(name: 'gemma3'): SentencePieceEncoding {
  const encoding = registeredSentencePiece.get(name);
  if (encoding === undefined) throw new EncodingDataNotInstalledError(name);
  return encoding;
}

/** Whether `useEncodingData` has given the data of `name`. */
export function hasEncodingData(name: OpenEncodingName | 'gemma3'): boolean {
  return name === 'gemma3' ? registeredSentencePiece.has(name) : registered.has(name);
}
