/**
 * Pricing and limits: the model catalog as dated data, the cost of a request from counts or from a
 * usage object, context checks, monthly spend, and user-supplied price tables.
 */
export { getModel, listModels, resetPrices } from './registry.js';
export { estimateCost } from './cost.js';
export { flagshipModels, FLAGSHIP_FAMILIES } from './flagships.js';
export { costFromUsage } from './usage.js';
export { checkContext, assertFits } from './context.js';
export { estimateMonthlySpend, compareModels, DAYS_PER_MONTH } from './spend.js';
export { loadPrices, PRICES_FORMAT } from './load.js';
export { updatePrices, LITELLM_PRICES_URL, PriceFetchError } from './update.js';
export { UnsupportedTierError, ContextOverflowError, PriceTableError, NoPriceOnDateError } from './errors.js';

export type {
  ServiceTier,
  Rates,
  LongContextRates,
  TierRates,
  Pricing,
  ModelTokenizer,
  ModelSpec,
  ModelFacts,
  ModelInfo,
  PriceRow,
  PriceKind,
  AppliedPrice,
  ModelStatus,
  ModelWarning,
} from './types.js';
export type { PriceDate } from './dates.js';
export type { GetModelOptions } from './registry.js';
export type { Flagship } from './flagships.js';
export type { EstimateCostOptions, CostEstimate, CostBreakdown, TokenCounts } from './cost.js';
export type {
  CostFromUsageOptions,
  UsageCost,
  ProviderUsage,
  UsageFormat,
  OpenAIChatUsage,
  OpenAIResponsesUsage,
  AnthropicUsage,
  GeminiUsageMetadata,
  GeminiModalityCount,
} from './usage.js';
export type { CheckContextOptions } from './context.js';
export type { ContextCheck, ContextFits, ContextOverflow } from './limits.js';
export type { ContextLimit } from './errors.js';
export type { SpendScenario, MonthlySpendOptions, MonthlySpend, ModelComparison } from './spend.js';
export type { LoadPricesOptions, LoadPricesResult, RejectedEntry, PricesFile } from './load.js';
export type { UpdatePricesOptions, UpdatePricesResult, FetchLike, PriceFetchFailure } from './update.js';
