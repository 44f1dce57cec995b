/**
 * Chat request counting: Chat Completions and Responses requests, images, tools, the harmony
 * format of gpt-oss, and fitting a conversation into a budget.
 */
export { countChatTokens } from './count-chat.js';
export type { ChatTokenCount } from './count-result.js';
export type { ChatCountOptions } from './options.js';
export { countResponsesTokens } from './responses.js';
export type { ResponsesRequest, ResponsesTokenCount } from './responses.js';
export { fitMessages } from './fit.js';
export type { FitOptions, FitResult, RemovedMessage } from './fit.js';
export { renderFunctionNamespace } from './function-namespace.js';
export type { NamespaceOptions } from './function-namespace.js';
export { renderHarmonyPrompt } from './harmony.js';
export { encodeChat } from './encode-chat.js';
export type { EncodeChatOptions } from './encode-chat.js';
export { CHAT_FORMAT_TOKENS } from './chat-format-tokens.js';
export type { ChatFormatEncoding } from './chat-format-tokens.js';
export type { ToolLayoutName } from './tool-layouts.js';
export type { HarmonyOptions } from './options.js';
export { countImageTokens, imageSizeFromDataUrl } from './images/count-image.js';
export type { ImageCount, ImageOptions } from './images/count-image.js';
export type { ImageDetail } from './images/image-cost.js';
export { IMAGE_MODELS } from './images/image-models.js';
export type { ImageModelRecord, PatchMethod, TileMethod } from './images/image-models.js';
export { MESSAGE_FORMATS } from './message-format.js';
export type { MessageFormat } from './message-format.js';
export { ChatValidationError, ImageSizeUnknownError, UnsupportedContentError } from './errors.js';
export { MediaMeasureUnknownError } from './media-measure-error.js';
export type { GeminiMediaCount, GeminiMediaKind, MediaSource } from './gemini-media-rules.js';
export type {
  AudioPart,
  ChatMessage,
  ChatRequest,
  ChatRole,
  ChatTool,
  ContentPart,
  CustomTool,
  CustomToolCall,
  FilePart,
  FunctionCallChoice,
  FunctionDefinition,
  FunctionTool,
  FunctionToolCall,
  GeminiMediaResolution,
  ImagePart,
  ImageSize,
  JsonSchema,
  RefusalPart,
  TextPart,
  ToolCall,
  ToolChoice,
} from './types.js';
