/**
 * The shapes of the price catalog. `P` is how a price is written: decimal text or a number in the
 * data (`'2.50'` means $2.50 per 1M tokens), exact decimals inside, plain numbers in `getModel`.
 */

/** How a request is billed. `batch`: the Batch API; `flex` and `priority`: the providers' service tiers. */
export type ServiceTier = 'standard' | 'batch' | 'flex' | 'priority';

export const SERVICE_TIERS: readonly ServiceTier[] = ['standard', 'batch', 'flex', 'priority'];

/** USD per 1M tokens for each billed kind of token. An absent price means the discount is not offered. */
export interface Rates<P> {
  /** Uncached prompt tokens. */
  input: P;
  /** Output tokens, reasoning or thinking included. */
  output: P;
  /** Prompt tokens read from the cache; without it they cost `input`. */
  cachedInput?: P;
  /**
   * Prompt tokens written to the provider's default cache: Anthropic's 5-minute cache, OpenAI's
   * 30-minute cache (GPT-5.6 and later). Without it they cost `input`.
   */
  cacheWrite5m?: P;
  /**
   * Prompt tokens written to the provider's extended cache: Anthropic's 1-hour cache, OpenAI's
   * 12-hour cache (GPT-6.1 Terra). Without it they cost `input`.
   */
  cacheWrite1h?: P;
  /** Uncached audio prompt tokens (Gemini); without it they cost `input`. */
  audioInput?: P;
}

/**
 * Prices that replace the tier's own for the WHOLE request once the prompt exceeds `above` tokens
 * (OpenAI's >272K long context, Gemini 3.1 Pro's >200K, Claude Haiku 5.5's >100K prompt size).
 * The prompt counts cache reads and writes too; a prompt of exactly `above` stays below.
 */
export interface LongContextRates<P> extends Rates<P> {
  above: number;
}

export interface TierRates<P> extends Rates<P> {
  /** Ascending by `above`; the highest one the prompt exceeds applies. */
  longContext?: readonly LongContextRates<P>[];
}

export interface Pricing<P> {
  standard: TierRates<P>;
  batch?: TierRates<P>;
  flex?: TierRates<P>;
  priority?: TierRates<P>;
}

/** `list`: the price a provider publishes; `promotion`: a reduced price for a stated period. */
export type PriceKind = 'list' | 'promotion';

/**
 * One dated row of a model's prices. A row bills from `effectiveFrom` (or from the start of the
 * record when a model's first row has none) through `effectiveUntil` (inclusive; open when absent).
 * On a given day the row in effect with the latest `effectiveFrom` applies, so a promotion laid over
 * a list price hands back to it when it ends. Days are UTC calendar days.
 */
export interface PriceRow<P> {
  /** First day (ISO `YYYY-MM-DD`) the row bills. Only a model's first row may leave it out. */
  effectiveFrom?: string;
  /** Last day the row bills, inclusive (a promotion's end). */
  effectiveUntil?: string;
  /** @default 'list' */
  kind?: PriceKind;
  pricing: Pricing<P>;
  /** ISO date on which the row was last checked against `source`. */
  asOf: string;
  /** Where the prices come from. */
  source: string;
}

/**
 * Which tokenizer counts this model's text. `exact: false` means the provider's tokenizer is not
 * public, and tokmeter counts with `encoding` as an approximation.
 */
export interface ModelTokenizer {
  encoding: string;
  exact: boolean;
}

/** Where a model stands with its provider on a given day. */
export type ModelStatus = 'active' | 'deprecated' | 'shut-down';

/** The limits, tokenizer and lifecycle of a model, as the catalog and tokmeter's price files write them. */
export interface ModelFacts {
  /** `openai`, `anthropic`, `google`, or a LiteLLM provider name for loaded models. */
  provider: string;
  tokenizer: ModelTokenizer;
  /** Prompt and output together must fit in this many tokens. */
  contextWindow: number;
  /** The most prompt tokens accepted; at most `contextWindow`. */
  maxInputTokens: number;
  maxOutputTokens: number;
  /** Other ids billed identically: dated snapshots, `-latest` names. */
  aliases?: readonly string[];
  /** ISO date the provider announced the model's deprecation (a shutdown date is set). */
  deprecatedOn?: string;
  /** ISO date of the shutdown: requests after this day fail. */
  shutdownOn?: string;
  /** Where the lifecycle dates come from. */
  lifecycleSource?: string;
}

/**
 * One model as the catalog and tokmeter's price files write it. Prices are written either as dated
 * `prices` rows, or as one undated row written flat as `pricing`, `asOf` and `source` (the shorthand
 * of older price files) — one of the two, checked when the table is loaded.
 */
export interface ModelSpec<P = string | number> extends ModelFacts {
  /** Dated price rows, oldest first. */
  prices?: readonly PriceRow<P>[];
  /** Shorthand for a single undated row: its prices. */
  pricing?: Pricing<P>;
  /** Shorthand for a single undated row: the day it was checked. */
  asOf?: string;
  /** Shorthand for a single undated row: where its prices come from. */
  source?: string;
}

/** A lifecycle notice on a model at the day asked about. */
export interface ModelWarning {
  code: 'MODEL_DEPRECATED' | 'MODEL_SHUT_DOWN';
  message: string;
}

/** The price row that applies on the day asked about, as results report it. */
export interface AppliedPrice {
  /** The day priced (ISO). */
  at: string;
  /** The row's first day, or null when it has been in effect since the start of the record. */
  effectiveFrom: string | null;
  /** The row's last day, or null when open. */
  effectiveUntil: string | null;
  kind: PriceKind;
  asOf: string;
  source: string;
}

/**
 * What `getModel` returns. `pricing`, `asOf` and `source` are those of the row in effect on the day
 * asked about (today by default); `prices` holds every row. Prices are plain numbers in USD per 1M tokens.
 */
export interface ModelInfo extends ModelFacts {
  /** The catalog id the requested id resolved to. */
  id: string;
  aliases: readonly string[];
  /** `built-in` for tokmeter's catalog, `loaded` for entries added by `loadPrices`. */
  origin: 'built-in' | 'loaded';
  pricing: Pricing<number>;
  asOf: string;
  source: string;
  /** The row `pricing` comes from. */
  price: AppliedPrice;
  /** Every dated row, oldest first. */
  prices: readonly PriceRow<number>[];
  /** Whether the model is active, deprecated or shut down on the day asked about. */
  status: ModelStatus;
  warnings: readonly ModelWarning[];
}
