// tokmeter's public API. Every name is listed here explicitly; nothing else is public.
// The same file is the root entry of Node's build and of the web build (browsers, workers, Deno);
// the two differ only in src/platform/, which each build fills in (see tsup.config.ts).

// Tokenizer
export { Encoding } from './encoding.js';
export { getEncoding, encodingForModel, encodingNameForModel } from './encodings/registry.js';
export { ENCODING_NAMES } from './encodings/specs.js';
// Optional encodings of open-weight models, their data in the package tokmeter-open
export { OPEN_ENCODING_NAMES } from './encodings/open-specs.js';
export { useEncodingData, EncodingDataNotInstalledError } from './encodings/open-data.js';
export { modelTokenizer } from './encodings/model-tokenizer.js';
export { countTokens } from './count.js';
export { isWithinTokenLimit } from './limit.js';
export { splitByTokens } from './split.js';
export { createTokenCounter } from './stream/token-counter.js';
export { createTextSplitter } from './stream/text-splitter.js';
export { PieceTooLongError, UNCUT_LIMIT } from './stream/errors.js';
// Node's file system and worker threads; in the web build, functions that say they need Node.
export { countFile, countFiles } from './platform/files.js';

// Errors
export { TokmeterError, InvalidArgumentError, UnknownEncodingError, UnknownModelError, DisallowedSpecialTokenError, SpecialTokenConflictError } from './errors.js';
export type { TokmeterErrorCode } from './errors.js';

// Chat requests
export {
  countChatTokens,
  countResponsesTokens,
  fitMessages,
  renderFunctionNamespace,
  renderHarmonyPrompt,
  encodeChat,
  CHAT_FORMAT_TOKENS,
  countImageTokens,
  imageSizeFromDataUrl,
  IMAGE_MODELS,
  MESSAGE_FORMATS,
  ChatValidationError,
  ImageSizeUnknownError,
  UnsupportedContentError,
  MediaMeasureUnknownError,
} from './chat/index.js';

// The provider's own count, asked explicitly over the network (never called by anything else)
export { countTokensRemote, RemoteCountError } from './remote/index.js';

// Pricing and limits
export {
  getModel,
  listModels,
  resetPrices,
  estimateCost,
  flagshipModels,
  FLAGSHIP_FAMILIES,
  costFromUsage,
  checkContext,
  assertFits,
  estimateMonthlySpend,
  compareModels,
  DAYS_PER_MONTH,
  loadPrices,
  PRICES_FORMAT,
  updatePrices,
  LITELLM_PRICES_URL,
  PriceFetchError,
  UnsupportedTierError,
  ContextOverflowError,
  PriceTableError,
  NoPriceOnDateError,
} from './pricing/index.js';

// Self-hosting memory estimates
export {
  estimateMemory,
  formatMemoryEstimate,
  formatBytes,
  MODEL_PRESETS,
  findModelPreset,
  countParameters,
  GPUS,
  PRECISIONS,
  OPTIMIZERS,
  TRAINING_METHODS,
  LORA_TARGETS,
  MEMORY_COMPONENTS,
} from './memory/index.js';

export type { EncodingName } from './encodings/specs.js';
export type { OpenEncodingName } from './encodings/open-specs.js';
export type { AnyEncodingName } from './encodings/any-encoding-name.js';
export type { EncodingData } from './encodings/open-data.js';
export type { SentencePieceEncoding } from './sentencepiece/sentencepiece-encoding.js';
export type { EncodingOptions } from './encodings/extra-special-tokens.js';
export type { ModelTokenizerMatch, ModelFamily, ModelEncodingName } from './encodings/model-tokenizer.js';
export type { TokenizerBand } from './encodings/claude-band.js';
export type { EncodeOptions } from './encode-options.js';
export type { CountOptions, MessagesCountOptions } from './count.js';
export type { SplitOptions, TextChunk } from './split.js';
export type { TextSplitter } from './stream/text-splitter.js';
export type { TokenCounter, TokenCounterOptions, FileCount } from './stream/index.js';
export type { UncutPlace } from './stream/errors.js';
export type { CountFilesOptions } from './parallel/index.js';
export type {
  ChatCountOptions,
  ChatTokenCount,
  ResponsesRequest,
  ResponsesTokenCount,
  FitOptions,
  FitResult,
  RemovedMessage,
  NamespaceOptions,
  HarmonyOptions,
  EncodeChatOptions,
  ChatFormatEncoding,
  ToolLayoutName,
  ImageCount,
  ImageOptions,
  ImageDetail,
  ImageModelRecord,
  TileMethod,
  PatchMethod,
  MessageFormat,
  ChatRequest,
  ChatMessage,
  ChatRole,
  ContentPart,
  TextPart,
  ImagePart,
  RefusalPart,
  AudioPart,
  FilePart,
  ToolCall,
  FunctionToolCall,
  CustomToolCall,
  ChatTool,
  FunctionTool,
  CustomTool,
  FunctionDefinition,
  FunctionCallChoice,
  ToolChoice,
  ImageSize,
  JsonSchema,
  GeminiMediaResolution,
  GeminiMediaCount,
  GeminiMediaKind,
  MediaSource,
} from './chat/index.js';
export type { CountTokensRemoteOptions, RemoteTokenCount, RemoteProvider, RemoteFetch, RemoteCountFailure } from './remote/index.js';
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
  PriceDate,
  AppliedPrice,
  ModelStatus,
  ModelWarning,
  GetModelOptions,
  Flagship,
  EstimateCostOptions,
  CostEstimate,
  CostBreakdown,
  TokenCounts,
  CostFromUsageOptions,
  UsageCost,
  ProviderUsage,
  UsageFormat,
  OpenAIChatUsage,
  OpenAIResponsesUsage,
  AnthropicUsage,
  GeminiUsageMetadata,
  GeminiModalityCount,
  CheckContextOptions,
  ContextCheck,
  ContextFits,
  ContextOverflow,
  ContextLimit,
  SpendScenario,
  MonthlySpendOptions,
  MonthlySpend,
  ModelComparison,
  LoadPricesOptions,
  LoadPricesResult,
  RejectedEntry,
  PricesFile,
  UpdatePricesOptions,
  UpdatePricesResult,
  FetchLike,
  PriceFetchFailure,
} from './pricing/index.js';
export type {
  MemoryOptions,
  MemoryEstimate,
  MemoryBreakdown,
  MemoryComponent,
  MemoryUnit,
  ModelConfig,
  ModelConfigInput,
  ModelPreset,
  Gpu,
  GpuInput,
  GpuFit,
  Placement,
  Precision,
  Optimizer,
  TrainingMethod,
  LoraOptions,
  LoraTarget,
  OverheadOptions,
} from './memory/index.js';
