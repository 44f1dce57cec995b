import { describeValue } from '../describe.js';
import { InvalidArgumentError, UnknownModelError } from '../errors.js';
import { suggestNames } from '../suggest.js';
import { geminiLocalTokenizer } from '../sentencepiece/gemini-models.js';
import type { AnyEncodingName } from './any-encoding-name.js';
import { claudeBand, type TokenizerBand } from './claude-band.js';
import { baseModelId, lookupModelEncoding, MODEL_ENCODINGS, MODEL_PREFIX_ENCODINGS } from './models.js';
import { hasEncodingData } from './open-data.js';
import { openModelRule, type OpenModelFamily } from './open-models.js';
import type { EncodingName } from './specs.js';

/**
 * The one rule that gives any model id a tokenizer, used by `countTokens`, chat counting, context
 * checks and the CLI:
 *
 * 1. OpenAI models whose encoding OpenAI publishes (tiktoken's tables: gpt-4o … gpt-5.5, o1/o3/o4,
 *    gpt-4, gpt-3.5, gpt-oss …) count exactly with it.
 * 2. Gemini ids that Google's GenAI SDK counts locally with Gemma 3's SentencePiece model (2.0, 2.5,
 *    3-pro-preview, 3-flash-preview and their snapshots; gemini-models.ts) count exactly with
 *    `gemma3` — their text, which is all the SDK counts — once `useEncodingData(gemma3)` has given
 *    its data. Without it they fall to step 3's stand-in, and `note` says how to count exactly:
 *    Gemini counts keep working without tokmeter-open.
 * 3. Every other id of a family tokmeter knows — `gpt-*`, `chatgpt-*`, `o<digit>*` (OpenAI),
 *    `claude-*` (Anthropic), `gemini-*` (Google), after any provider prefix — counts with the
 *    family's stand-in, o200k_base, and is marked approximate. That covers GPT-5.6 and GPT-6, whose
 *    encoding OpenAI has not published (a third party, simonw/ttok 1.0, reports o200k_base), and
 *    Claude, whose tokenizer is not public, and the Gemini ids of step 2's note.
 * 4. Open-weight models whose tokenizer is published — Llama 3.x (`llama3`), Qwen 2/2.5/3
 *    (`qwen2`), DeepSeek V3/R1 (`deepseek_v3`), by the id patterns of open-models.ts — count
 *    exactly with it. Its data is in the optional package tokmeter-open: until `useEncodingData`
 *    has given it, counting throws `EncodingDataNotInstalledError` saying how, rather than give
 *    another tokenizer's count.
 * 5. Anything else is an `UnknownModelError`: tokmeter will not guess a tokenizer for it.
 */

export type ModelFamily = 'openai' | 'anthropic' | 'google' | OpenModelFamily;

export interface ModelTokenizerMatch {
  /** The encoding that counts this model's text. */
  encoding: ModelEncodingName;
  /** True when `encoding` stands in for a tokenizer that is not public: leave headroom. */
  approximate: boolean;
  family: ModelFamily;
  /** Claude ids: how far Claude's counts lie from the stand-in's, as measured (docs/claude-counts.md). */
  band?: TokenizerBand;
  /**
   * Gemini ids: what the count covers, or how to make it exact — "install tokmeter-open and call
   * useEncodingData(gemma3)" while o200k_base stands in for gemma3, or that gemma4 (Gemini 3.1 and
   * later) is not available. Present only when there is something to say.
   */
  note?: string;
}

/** The encodings a model can resolve to (the alias gpt2 is no model's). */
export type ModelEncodingName = Exclude<AnyEncodingName, 'gpt2'>;

/** The families of step 2, by the bare id's start. Their stand-in is o200k_base. */
const FAMILIES: readonly { family: ModelFamily; pattern: RegExp }[] = [
  { family: 'openai', pattern: /^(?:gpt-|chatgpt-|o\d)/ },
  { family: 'anthropic', pattern: /^claude-/ },
  { family: 'google', pattern: /^gemini-/ },
];

const STAND_IN: EncodingName = 'o200k_base';

/** OpenAI ids of a generation newer than the last whose encoding is published (GPT-5.5). */
function isUnpublishedGeneration(id: string): boolean {
  const match = /^gpt-(\d+)(?:\.(\d+))?(?![\d])/.exec(id);
  if (match === null) return false;
  const major = Number(match[1]);
  const minor = Number(match[2] ?? 0);
  return major > 5 || (major === 5 && minor >= 6);
}

/** The tokenizer for a model id, or undefined when no rule places it. */
export function matchModelTokenizer(model: string): ModelTokenizerMatch | undefined {
  const id = baseModelId(model);
  if (!isUnpublishedGeneration(id)) {
    const exact = lookupModelEncoding(id);
    if (exact !== undefined) return { encoding: exact, approximate: false, family: 'openai' };
  }
  const open = openModelRule(id);
  if (open !== undefined) return { encoding: open.encoding, approximate: false, family: open.family };
  const family = FAMILIES.find((f) => f.pattern.test(id))?.family;
  if (family === undefined) return undefined;
  if (family === 'google') return geminiMatch(id);
  const band = family === 'anthropic' ? claudeBand(id) : undefined;
  return { encoding: STAND_IN, approximate: true, family, ...(band !== undefined && { band }) };
}

/** Steps 2 and 3 for a `gemini-*` id: gemma3 when the SDK counts it so and its data is registered, else the stand-in with a note. */
function geminiMatch(id: string): ModelTokenizerMatch {
  const local = geminiLocalTokenizer(id)?.tokenizer;
  if (local === 'gemma3' && hasEncodingData('gemma3')) {
    return { encoding: 'gemma3', approximate: false, family: 'google', note: GEMMA3_EXACT };
  }
  const note = local === 'gemma3' ? GEMMA3_MISSING : local === 'gemma4' ? GEMMA4_MISSING : undefined;
  return { encoding: STAND_IN, approximate: true, family: 'google', ...(note !== undefined && { note }) };
}

const GEMMA3_EXACT = "Text counts are exact: gemma3 is the tokenizer Google's GenAI SDK counts this model's text with locally. Images, audio, video and PDFs are not text: countChatTokens estimates them by Google's published rules (docs/gemini-media.md), approximate.";
const GEMMA3_MISSING =
  "o200k_base stands in. Google's GenAI SDK counts this model's text with gemma3: install tokmeter-open and call useEncodingData(gemma3) " +
  "(import gemma3 from 'tokmeter-open/gemma3') for exact Gemini text counts.";
const GEMMA4_MISSING = "o200k_base stands in. Google's GenAI SDK counts this model's text with gemma4, which tokmeter does not have yet.";

/**
 * The tokenizer tokmeter counts a model's text with, and whether that count is exact: OpenAI models
 * with a published encoding count exactly; other `gpt-*`, `o<digit>*`, `chatgpt-*`, `claude-*` and
 * `gemini-*` ids count with o200k_base as a stand-in (`approximate: true`), except Gemini 2.0, 2.5 and 3
 * ids once gemma3's data is registered, which count their text exactly with `gemma3` (`note` says which);
 * for `claude-*` ids,
 * `band` says by how much Claude's own counts differ, as measured (docs/claude-counts.md). Provider prefixes
 * (`anthropic/claude-opus-5`) and fine-tune ids are accepted.
 *
 * @throws {UnknownModelError} for an id of no known family, with the closest known names.
 * @example
 * ```ts
 * modelTokenizer('gpt-4o');        // { encoding: 'o200k_base', approximate: false, family: 'openai' }
 * modelTokenizer('claude-opus-5'); // { encoding: 'o200k_base', approximate: true, family: 'anthropic', band: { factor: 1.43, … } }
 * ```
 */
export function modelTokenizer(model: string): ModelTokenizerMatch {
  if (typeof model !== 'string') throw new InvalidArgumentError('model', `must be a model id (a string), got ${describeValue(model)}.`);
  const match = matchModelTokenizer(model);
  if (match !== undefined) return match;
  throw unknownModel(model);
}

/** The error for an id no rule places, or (`approximate`) one without a published encoding, with the closest table names. */
export function unknownModel(model: string, approximate?: ModelTokenizerMatch): UnknownModelError {
  const known = [...Object.keys(MODEL_ENCODINGS), ...Object.keys(MODEL_PREFIX_ENCODINGS).map((prefix) => prefix.replace(/-$/, ''))];
  const hint =
    approximate === undefined
      ? 'tokmeter knows OpenAI models by name prefix (gpt-4o…, gpt-4.1…, gpt-5…, o1…, o3…, o4…, gpt-4…, gpt-3.5…, gpt-oss…) ' +
        'and counts other gpt-*, claude-* and gemini-* ids approximately; Llama 3.x, Qwen2/2.5/3 and DeepSeek V3/R1 ids count exactly with the data of tokmeter-open. ' +
        'For another model, pass { encoding } instead, e.g. { encoding: "o200k_base" }.'
      : `No encoding is published for it, so tokmeter counts it approximately with ${approximate.encoding} ` +
        `(countTokens(text, { model }) does; modelTokenizer(model) says so). To choose explicitly pass { encoding: "${approximate.encoding}" }.`;
  return new UnknownModelError(model, suggestNames(model, known), hint);
}
