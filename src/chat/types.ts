/**
 * The request shapes tokmeter counts. They mirror the OpenAI wire format structurally (without
 * depending on the `openai` package), so the SDK's own types — `ChatCompletionCreateParams`,
 * `ChatCompletionMessageParam`, `ResponseCreateParams` — are accepted as they are; a type test
 * keeps that promise. Runtime checks live in `schema.ts`.
 */

/** A JSON Schema object, as given in `parameters`. */
export type JsonSchema = { [key: string]: unknown };

export interface TextPart {
  type: 'text';
  text: string;
}

/**
 * Gemini 3 only: the token budget of one image, video or PDF part, as the API's per-part
 * `media_resolution` (`ultra_high` for images only). Left out, the model's default applies.
 */
export type GeminiMediaResolution = 'low' | 'medium' | 'high' | 'ultra_high';

export interface ImagePart {
  type: 'image_url';
  image_url: {
    /** `data:image/…;base64,…` or an `https://` URL. */
    url: string;
    /** OpenAI models only. @default 'auto' */
    detail?: 'auto' | 'low' | 'high';
    /** Gemini 3 models only (see `GeminiMediaResolution`). */
    media_resolution?: GeminiMediaResolution;
  };
}

export interface RefusalPart {
  type: 'refusal';
  refusal: string;
}

/**
 * Counted for Gemini 2.0/2.5/3 models only, approximately, by its length; other models throw
 * `UnsupportedContentError`.
 */
export interface AudioPart {
  type: 'input_audio';
  input_audio: {
    data: string;
    format: string;
    /** Gemini: the length in seconds, which its count is made from (tokmeter does not decode audio). */
    duration_seconds?: number;
  };
}

/**
 * Counted for Gemini 2.0/2.5/3 models only, approximately, when `file_data` is a data URL of an
 * image, audio, video or PDF; other models throw `UnsupportedContentError`.
 */
export interface FilePart {
  type: 'file';
  file: {
    file_data?: string;
    file_id?: string;
    filename?: string;
    /** Gemini, audio and video files: the length in seconds. */
    duration_seconds?: number;
    /** Gemini, PDF files: the number of pages. */
    pages?: number;
    /** Gemini 3, image, video and PDF files (see `GeminiMediaResolution`). */
    media_resolution?: GeminiMediaResolution;
  };
}

export type ContentPart = TextPart | ImagePart | RefusalPart | AudioPart | FilePart;

export interface FunctionToolCall {
  id?: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface CustomToolCall {
  id?: string;
  type: 'custom';
  custom: { name: string; input: string };
}

export type ToolCall = FunctionToolCall | CustomToolCall;

export type ChatRole = 'system' | 'developer' | 'user' | 'assistant' | 'tool' | 'function';

/** One chat message. A single shape (not a union) so every SDK message type is assignable to it. */
export interface ChatMessage {
  role: ChatRole;
  content?: string | readonly ContentPart[] | null;
  name?: string;
  /** Assistant messages: the calls the model made. */
  tool_calls?: readonly ToolCall[];
  /** Assistant messages, legacy functions API. */
  function_call?: { name: string; arguments: string } | null;
  /** Tool messages: which call this answers. */
  tool_call_id?: string;
  refusal?: string | null;
}

/** A function the model may call (legacy `functions`, or the inside of a tool). */
export interface FunctionDefinition {
  name: string;
  description?: string;
  parameters?: JsonSchema;
  strict?: boolean | null;
}

export interface FunctionTool {
  type: 'function';
  function: FunctionDefinition;
}

/** Accepted by the types; counting one throws `UnsupportedContentError` (its rendering is unpublished). */
export interface CustomTool {
  type: 'custom';
  custom: { name: string; description?: string; format?: unknown };
}

export type ChatTool = FunctionTool | CustomTool;

export type ToolChoice =
  | 'none'
  | 'auto'
  | 'required'
  | { type: 'function'; function: { name: string } }
  | { type: 'custom'; custom: { name: string } }
  | { type: 'allowed_tools'; allowed_tools: { mode: 'auto' | 'required'; tools: readonly { [key: string]: unknown }[] } };

export type FunctionCallChoice = 'none' | 'auto' | { name: string };

/**
 * A Chat Completions request. Other fields (temperature, stream, …) do not change the prompt; they are
 * allowed and ignored.
 */
export interface ChatRequest {
  model: string;
  messages: readonly ChatMessage[];
  tools?: readonly ChatTool[];
  tool_choice?: ToolChoice;
  functions?: readonly FunctionDefinition[];
  function_call?: FunctionCallChoice;
}

/** Width and height of an image in pixels. */
export interface ImageSize {
  width: number;
  height: number;
}
