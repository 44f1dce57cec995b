/**
 * The shapes of the price catalog. `P` is how a price is written: decimal text or a number in the
 * data (`'2.50'` means $2.50 per 1M tokens), exact decimals inside, plain numbers in `getModel`.
 */

/** How a request is billed. `batch`: the Batch API; `flex` and `priority`: OpenAI service tiers. */
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
  /** Prompt tokens written to a 5-minute cache (Anthropic); without it they cost `input`. */
  cacheWrite5m?: P;
  /** Prompt tokens written to a 1-hour cache (Anthropic); without it they cost `input`. */
  cacheWrite1h?: P;
  /** Uncached audio prompt tokens (Gemini); without it they cost `input`. */
  audioInput?: P;
}

/** Prices that replace the tier's own for the WHOLE request once the prompt exceeds `above` tokens. */
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

/**
 * Which tokenizer counts this model's text. `exact: false` means the provider's tokenizer is not
 * public, and tokmeter counts with `encoding` as an approximation.
 */
export interface ModelTokenizer {
  encoding: string;
  exact: boolean;
}

/** One model as the catalog and tokmeter's price files write it. */
export interface ModelSpec<P = string | number> {
  /** `openai`, `anthropic`, `google`, or a LiteLLM provider name for loaded models. */
  provider: string;
  tokenizer: ModelTokenizer;
  /** Prompt and output together must fit in this many tokens. */
  contextWindow: number;
  /** The most prompt tokens accepted; at most `contextWindow`. */
  maxInputTokens: number;
  maxOutputTokens: number;
  pricing: Pricing<P>;
  /** ISO date (`YYYY-MM-DD`) on which the prices were last checked against `source`. */
  asOf: string;
  /** Where the prices and limits come from. */
  source: string;
  /** Other ids billed identically: dated snapshots, `-latest` names. */
  aliases?: readonly string[];
}

/** What `getModel` returns. Prices are plain numbers in USD per 1M tokens. */
export interface ModelInfo extends ModelSpec<number> {
  /** The catalog id the requested id resolved to. */
  id: string;
  aliases: readonly string[];
  /** `built-in` for tokmeter's catalog, `loaded` for entries added by `loadPrices`. */
  origin: 'built-in' | 'loaded';
}
