import type { EncodingName } from '../index.js';
import { checkContext, estimateCost, type AppliedPrice, type ModelWarning } from '../pricing/index.js';
import { contextTokens, costTokens } from '../pricing/stand-in-counts.js';
import { formatUsd, groupDigits } from './format.js';
import { LIMIT_NAMES } from './limits.js';
import { formatTable } from './table.js';
import { selectTokenizer } from './tokenizer.js';
import { matchModelTokenizer } from '../encodings/model-tokenizer.js';

/**
 * `count --fit`: the whole selection as one prompt, model by model — its tokens with the model's
 * own tokenizer (exact or approximate), whether it fits the context with `--output` tokens kept for
 * the answer, by how much it is over, and what it costs at the standard price on the day.
 */

export interface FitModel {
  /** The id as asked for. */
  model: string;
  encoding: EncodingName;
  approximate: boolean;
}

/** The tokenizer of each model; the distinct encodings are what the files are counted with. */
export function fitModels(ids: readonly string[]): FitModel[] {
  return ids.map((model) => {
    const tokenizer = selectTokenizer({ model });
    return { model, encoding: tokenizer.encoding.name as EncodingName, approximate: tokenizer.approximate };
  });
}

export type FitAnswer = {
  model: string;
  /** The catalog id the model resolved to. */
  id: string;
  encoding: EncodingName;
  approximate: boolean;
  /** The prompt's tokens as checked against the context (for Claude, the stand-in's count × the band's upper ratio). */
  tokens: number;
  /** For Claude: what o200k_base counted, and the prompt tokens priced (× the band's median ratio). */
  standInTokens?: number;
  pricedTokens?: number;
  outputTokens: number;
  contextWindow: number;
  maxInputTokens: number;
  maxOutputTokens: number;
  /** Prompt (and reserved output) at the standard price on the day. */
  cost: number;
  price: AppliedPrice;
  warnings: ModelWarning[];
} & ({ fits: true; remaining: number } | { fits: false; limit: 'maxInputTokens' | 'maxOutputTokens' | 'contextWindow'; overBy: number });

/** Checks and prices the selection for each model, given its token total in each encoding. */
export function answerFit(models: readonly FitModel[], tokensOf: (encoding: EncodingName) => number, outputTokens: number, at: string): FitAnswer[] {
  return models.map(({ model, encoding, approximate }) => {
    // For Claude: the context check leaves the measured headroom, the cost takes the central estimate.
    const counted = tokensOf(encoding);
    const context = contextTokens(model, counted);
    const priced = costTokens(model, counted);
    const tokens = context.tokens;
    const check = checkContext({ model, input: tokens, maxOutputTokens: outputTokens, at });
    const cost = estimateCost({ model, inputTokens: priced.tokens, outputTokens, at });
    const common = {
      model,
      id: check.model,
      encoding,
      approximate,
      tokens,
      ...(context.band !== undefined && { standInTokens: counted, pricedTokens: priced.tokens }),
      outputTokens,
      contextWindow: check.contextWindow,
      maxInputTokens: check.maxInputTokens,
      maxOutputTokens: check.maxOutputTokens,
      cost: cost.total,
      price: cost.price,
      warnings: check.warnings,
    };
    return check.fits ? { ...common, fits: true, remaining: check.remaining } : { ...common, fits: false, limit: check.limit, overBy: check.overBy };
  });
}

function fitsCell(answer: FitAnswer): string {
  if (answer.fits) return `yes, ${groupDigits(answer.remaining)} to spare`;
  return `no: ${groupDigits(answer.overBy)} over ${LIMIT_NAMES[answer.limit]} (${groupDigits(answer[answer.limit])})`;
}

/** The answers as a table, with a line on what the figures mean. */
export function renderFit(answers: readonly FitAnswer[], outputTokens: number, at: string): string {
  const table = formatTable(
    [{ header: 'model' }, { header: 'tokens', align: 'right' }, { header: 'counted with' }, { header: 'context', align: 'right' }, { header: 'fits' }, { header: 'cost', align: 'decimal' }],
    answers.map((a) => [`${a.model}${a.approximate ? ' ~' : ''}`, groupDigits(a.tokens), a.encoding, groupDigits(a.contextWindow), fitsCell(a), formatUsd(a.cost)]),
  );
  const reserved = outputTokens === 0 ? 'no output reserved (--output N keeps room for the answer and prices it)' : `${groupDigits(outputTokens)} output tokens reserved and priced`;
  const notes = [`As one prompt, at standard prices on ${at}; ${reserved}.`];
  const standIns = [...new Set(answers.filter((a) => a.approximate).map((a) => a.encoding))];
  if (standIns.length > 0) notes.push(`~ approximate: the model's tokenizer is not public, so ${standIns.join(' and ')} stands in for it.`);
  if (answers.some((a) => a.approximate && matchModelTokenizer(a.model)?.band !== undefined)) {
    notes.push("  For Claude, which counts more: tokens are the stand-in's count × the measured upper ratio, cost × the median ratio (docs/claude-counts.md).");
  }
  return `${table}\n\n${notes.join('\n')}`;
}
