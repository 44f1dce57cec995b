import { TokmeterError } from '../errors.js';
import type { ServiceTier } from './types.js';

/** The model has no price for the requested service tier (`flex` on gpt-4o, `priority` on Claude). */
export class UnsupportedTierError extends TokmeterError {
  override name = 'UnsupportedTierError' as const;
  readonly field = 'tier';
  readonly model: string;
  readonly tier: ServiceTier;
  readonly offered: readonly ServiceTier[];

  constructor(model: string, tier: ServiceTier, offered: readonly ServiceTier[]) {
    super(
      'UNSUPPORTED_TIER',
      `tier ${JSON.stringify(tier)} is not offered for ${model}; it offers ${offered.join(', ')}. ` +
        `Pass one of those, or load prices for it with loadPrices().`,
    );
    this.model = model;
    this.tier = tier;
    this.offered = offered;
  }
}

/** Which limit a prompt broke: the prompt cap, the output cap, or the window they share. */
export type ContextLimit = 'maxInputTokens' | 'maxOutputTokens' | 'contextWindow';

/** Thrown by `assertFits` when a prompt (plus the output reserved for it) does not fit the model. */
export class ContextOverflowError extends TokmeterError {
  override name = 'ContextOverflowError' as const;
  readonly model: string;
  readonly limit: ContextLimit;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly contextWindow: number;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly overBy: number;

  constructor(details: {
    model: string;
    limit: ContextLimit;
    inputTokens: number;
    outputTokens: number;
    contextWindow: number;
    maxInputTokens: number;
    maxOutputTokens: number;
    overBy: number;
  }) {
    const { model, limit, inputTokens, outputTokens, overBy } = details;
    const what =
      limit === 'maxInputTokens'
        ? `the prompt is ${inputTokens} tokens, ${overBy} over ${model}'s input limit of ${details.maxInputTokens}`
        : limit === 'maxOutputTokens'
          ? `maxOutputTokens ${outputTokens} is ${overBy} over ${model}'s output limit of ${details.maxOutputTokens}`
          : `the prompt (${inputTokens} tokens) plus maxOutputTokens (${outputTokens}) is ${overBy} over ${model}'s ` +
            `context window of ${details.contextWindow}`;
    super(
      'CONTEXT_OVERFLOW',
      `${what}. Shorten the prompt by at least ${overBy} tokens` +
        (limit === 'maxInputTokens' ? '' : ', lower maxOutputTokens') +
        ', or choose a model with a larger window.',
    );
    this.model = model;
    this.limit = limit;
    this.inputTokens = inputTokens;
    this.outputTokens = outputTokens;
    this.contextWindow = details.contextWindow;
    this.maxInputTokens = details.maxInputTokens;
    this.maxOutputTokens = details.maxOutputTokens;
    this.overBy = overBy;
  }
}

/** A price table given to `loadPrices` is malformed or breaks a sanity rule. */
export class PriceTableError extends TokmeterError {
  override name = 'PriceTableError' as const;
  /** The model entry at fault, or undefined when the table as a whole is wrong. */
  readonly model: string | undefined;
  /** The field at fault, as a dotted path inside the entry (`pricing.standard.input`). */
  readonly field: string | undefined;
  /** What is wrong with the field, without the model and field names. */
  readonly problem: string;

  constructor(model: string | undefined, field: string | undefined, problem: string, options?: { cause?: unknown }) {
    const where = model === undefined ? 'the price table' : `model ${JSON.stringify(model)}${field ? ` field ${field}` : ''}`;
    super('INVALID_PRICE_TABLE', `${where}: ${problem}`, options);
    this.model = model;
    this.field = field;
    this.problem = problem;
  }
}

/** The model has no price row in effect on the day asked about (before its first row, or in a gap). */
export class NoPriceOnDateError extends TokmeterError {
  override name = 'NoPriceOnDateError' as const;
  readonly field = 'at';
  readonly model: string;
  readonly at: string;
  /** The first day any row of the model bills, or null when its first row is undated. */
  readonly firstPriced: string | null;

  constructor(model: string, at: string, firstPriced: string | null) {
    super(
      'NO_PRICE_ON_DATE',
      `${model} has no price in effect on ${at}` +
        (firstPriced !== null && at < firstPriced ? `; its first price takes effect on ${firstPriced}` : '') +
        '. Pass an `at` date (--at YYYY-MM-DD) within its price rows (getModel() lists them), or load a price row for that day with loadPrices().',
    );
    this.model = model;
    this.at = at;
    this.firstPriced = firstPriced;
  }
}
