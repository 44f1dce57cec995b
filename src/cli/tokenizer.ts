import { encodingNameForModel, getEncoding, UnknownModelError, type Encoding, type EncodingName } from '../index.js';
import { getModel } from '../pricing/index.js';
import { InputError } from './errors.js';

/** The encoding a command counts with, and whether it only approximates the model's tokenizer. */
export interface Tokenizer {
  encoding: Encoding;
  /** The model asked for, if any. */
  model: string | undefined;
  /** True when the model's own tokenizer is not public and `encoding` stands in for it. */
  approximate: boolean;
}

/** The default model of `countTokens`, and so of `tokmeter count`. */
export const DEFAULT_MODEL = 'gpt-4o';

/**
 * `--encoding` names an encoding; `--model` a model, which the tokenizer places by name prefix
 * (OpenAI models, exact) or, failing that, the price catalog places by its `tokenizer` entry
 * (Anthropic and Gemini models, approximate). Both failing is an input error with the suggestions
 * of both lists.
 */
export function selectTokenizer(options: { model?: string | undefined; encoding?: string | undefined }): Tokenizer {
  if (options.encoding !== undefined) {
    return { encoding: getEncoding(options.encoding as EncodingName), model: undefined, approximate: false };
  }
  const model = options.model ?? DEFAULT_MODEL;
  let tokenizerError: UnknownModelError;
  try {
    return { encoding: getEncoding(encodingNameForModel(model)), model, approximate: false };
  } catch (error) {
    if (!(error instanceof UnknownModelError)) throw error;
    tokenizerError = error;
  }
  try {
    const { tokenizer } = getModel(model);
    return { encoding: getEncoding(tokenizer.encoding as EncodingName), model, approximate: !tokenizer.exact };
  } catch (error) {
    if (!(error instanceof UnknownModelError)) throw error;
    const suggestions = [...new Set([...tokenizerError.suggestions, ...error.suggestions])].slice(0, 4);
    throw new InputError(
      `unknown model ${JSON.stringify(model)}.` +
        (suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => JSON.stringify(s)).join(', ')}?` : '') +
        ' tokmeter models lists the priced models; to count with an encoding directly, pass --encoding o200k_base (or cl100k_base, p50k_base, r50k_base, o200k_harmony).',
    );
  }
}

/** The stderr note for a count that uses a stand-in encoding. */
export function approximationNote(tokenizer: Tokenizer): string {
  return `${tokenizer.model ?? 'this model'} has no public tokenizer; counts use ${tokenizer.encoding.name} and are approximate.`;
}

/** The tokenizer the price catalog gives a model, for commands that need a priced model anyway. */
export function catalogTokenizer(model: string): Tokenizer & { id: string } {
  const info = getModel(model);
  return {
    encoding: getEncoding(info.tokenizer.encoding as EncodingName),
    model,
    id: info.id,
    approximate: !info.tokenizer.exact,
  };
}
