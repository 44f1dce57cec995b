import { hasEncodingData, isOpenEncodingName, useEncodingData, type EncodingData } from '../encodings/open-data.js';
import { matchModelTokenizer } from '../encodings/model-tokenizer.js';
import type { OpenEncodingName } from '../encodings/open-specs.js';
import { geminiLocalTokenizer } from '../sentencepiece/gemini-models.js';
import { InputError } from './errors.js';

/** An encoding whose data the package tokmeter-open brings: the open-weight ones and gemma3 (Gemini). */
export type OptionalEncodingName = OpenEncodingName | 'gemma3';

/** Imports a module of the package tokmeter-open by encoding name. */
export type OpenDataImporter = (name: OptionalEncodingName) => Promise<{ default: EncodingData }>;

/** tokmeter-open as installed beside tokmeter (a dependency of the same project, or both global). */
const installed: OpenDataImporter = (name) => import(`tokmeter-open/${name}`) as Promise<{ default: EncodingData }>;

/**
 * The optional encodings a command's options name: `--encoding llama3`, or a `--model`, `--models`
 * or `--compare` id that counts with one (`groq/llama-3.3-70b-versatile` → llama3; a Gemini
 * 2.0/2.5/3 id → gemma3, which makes its count exact where tokmeter-open is installed).
 */
export function openEncodingsNamed(values: Readonly<Record<string, unknown>>): OptionalEncodingName[] {
  const names = new Set<OptionalEncodingName>();
  const text = (key: string): string[] => (typeof values[key] === 'string' ? (values[key] as string).split(',').map((s) => s.trim()) : []);
  for (const encoding of text('encoding')) if (isOpenEncodingName(encoding) || encoding === 'gemma3') names.add(encoding);
  for (const model of [...text('model'), ...text('models'), ...text('compare')]) {
    const encoding = model === '' ? undefined : matchModelTokenizer(model)?.encoding;
    if (encoding !== undefined && isOpenEncodingName(encoding)) names.add(encoding);
    else if (model !== '' && geminiLocalTokenizer(model)?.tokenizer === 'gemma3') names.add('gemma3');
  }
  return [...names];
}

/**
 * The command line's `useEncodingData`: gives the library the data of each encoding in `names`
 * from tokmeter-open, where it is installed; an `InputError` saying how to install it where not.
 */
export async function loadOpenEncodingData(names: readonly OptionalEncodingName[], importer: OpenDataImporter = installed): Promise<void> {
  for (const name of names) {
    if (hasEncodingData(name)) continue;
    let module: { default: EncodingData };
    try {
      module = await importer(name);
    } catch (error) {
      throw openDataNotInstalled(name, error);
    }
    useEncodingData(module.default);
  }
}

/**
 * `loadOpenEncodingData` before a command runs: what is installed is loaded, what is not is left
 * out quietly, since the command may not count with it at all (`memory --model llama-3.1-8b`,
 * `cost --input N` for a Llama model). A command that does count with it meets the library's
 * EncodingDataNotInstalledError, which `openDataNotInstalled` words for the command line.
 */
export async function offerOpenEncodingData(names: readonly OptionalEncodingName[], importer: OpenDataImporter = installed): Promise<void> {
  for (const name of names) {
    try {
      await loadOpenEncodingData([name], importer);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
    }
  }
}

/** The command line's words for an encoding whose data tokmeter-open would bring, when it is not installed. */
export function openDataNotInstalled(name: string, cause: unknown): InputError {
  return new InputError(
    `counting with ${name} needs its data, from the package tokmeter-open, which is not installed beside tokmeter. ` +
      'Install it where tokmeter is: npm install tokmeter-open (npm install -g tokmeter-open for a global tokmeter).',
    { cause },
  );
}
