import { ENCODING_NAMES, getEncoding, UnknownModelError, type Encoding, type EncodingName, type SentencePieceEncoding } from '../index.js';
import { matchModelTokenizer } from '../encodings/model-tokenizer.js';
import { geminiLocalTokenizer } from '../sentencepiece/gemini-models.js';
import { findModel, resolveModel } from '../pricing/registry.js';
import { InputError } from './errors.js';

/** The encoding a command counts with, and whether it only approximates the model's tokenizer. */
export interface Tokenizer {
  encoding: Encoding | SentencePieceEncoding;
  /** The model asked for, if any. */
  model: string | undefined;
  /** True when the model's own tokenizer is not public and `encoding` stands in for it. */
  approximate: boolean;
}

/** The default model of `countTokens`, and so of `tokmeter count`. */
export const DEFAULT_MODEL = 'gpt-4o';

/**
 * `--encoding` names an encoding; `--model` a model, placed by the library's one model → tokenizer
 * rule (`modelTokenizer`: exact for OpenAI's published encodings, approximate for other gpt-*,
 * claude-* and gemini-* ids). A model of no known family may still be in the price catalog (loaded
 * with `prices update` or a price file), whose entry names its tokenizer. Neither is an input
 * error with the suggestions of both.
 */
export function selectTokenizer(options: { model?: string | undefined; encoding?: string | undefined }): Tokenizer {
  if (options.encoding !== undefined) {
    return { encoding: getEncoding(options.encoding as EncodingName), model: undefined, approximate: false };
  }
  const model = options.model ?? DEFAULT_MODEL;
  const match = matchModelTokenizer(model);
  if (match !== undefined) return { encoding: getEncoding(match.encoding), model, approximate: match.approximate };
  const entry = findModel(model);
  if (entry !== undefined) {
    const { tokenizer } = entry.info;
    return { encoding: getEncoding(tokenizer.encoding as EncodingName), model, approximate: !tokenizer.exact };
  }
  let suggestions: readonly string[] = [];
  try {
    resolveModel(model);
  } catch (error) {
    if (!(error instanceof UnknownModelError)) throw error;
    suggestions = error.suggestions.slice(0, 4);
  }
  throw new InputError(
    `unknown model ${JSON.stringify(model.length > 200 ? `${model.slice(0, 200)}…` : model)}.` +
      (suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => JSON.stringify(s)).join(', ')}?` : '') +
      ' tokmeter counts OpenAI models exactly and other gpt-*, claude-* and gemini-* ids approximately; tokmeter models lists the priced models;' +
      ` to count with an encoding directly, pass --encoding o200k_base (or ${ENCODING_NAMES.filter((name) => name !== 'o200k_base').join(', ')}).`,
  );
}

/** The stderr note for a count that uses a stand-in encoding. */
export function approximationNote(tokenizer: Tokenizer): string {
  const note = `${tokenizer.model ?? 'this model'} has no public tokenizer; counts use ${tokenizer.encoding.name} and are approximate.`;
  const band = tokenizer.model === undefined ? undefined : matchModelTokenizer(tokenizer.model)?.band;
  const gemini = tokenizer.model === undefined ? undefined : geminiLocalTokenizer(tokenizer.model)?.tokenizer;
  if (gemini === 'gemma3') {
    return `${note} Google's GenAI SDK counts its text with gemma3, whose data is in the package tokmeter-open: install it where tokmeter is (npm install tokmeter-open) for exact Gemini text counts.`;
  }
  if (gemini === 'gemma4') return `${note} Google's GenAI SDK counts its text with gemma4, which tokmeter does not have.`;
  if (band === undefined) return note;
  return `${note} Measured against Claude's own counts, ${tokenizer.encoding.name} is low: × ${band.factor} is the central estimate (cost uses it), × ${band.high} the upper bound (fit uses it); see docs/claude-counts.md.`;
}

/**
 * The tokenizer the price catalog gives a model, for commands that need a priced model anyway
 * (`cost`, `fit`); a Gemini model that the library's rule gives gemma3 (its data loaded from
 * tokmeter-open) counts with it, exactly, as `count` does. Throws `UnknownModelError` for a model
 * the catalog does not price.
 */
export function catalogTokenizer(model: string): Tokenizer & { id: string } {
  const entry = resolveModel(model);
  if (matchModelTokenizer(entry.id)?.encoding === 'gemma3') return { encoding: getEncoding('gemma3'), model, id: entry.id, approximate: false };
  const { tokenizer } = entry.info;
  return { encoding: getEncoding(tokenizer.encoding as EncodingName), model, id: entry.id, approximate: !tokenizer.exact };
}
