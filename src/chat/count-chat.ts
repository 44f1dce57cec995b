/**
 * `countChatTokens`: what the OpenAI API reports as `usage.prompt_tokens` for a Chat Completions
 * request, with a breakdown an app can show. Rules (shared/docs/counting-rules.md):
 *
 *   total = replyPriming                                   3: <|start|>assistant<|message|>
 *         + Σ messages[i]                                  per message: tokensPerMessage + role + content
 *                                                          (+ name + tokensPerName, calls, −2 for results)
 *         + tools                                          encode(namespace) + 9, −4 when a system message exists
 *         + toolChoice                                     "none" +1, a named function +4/+7 + name
 *         + images                                         tile or patch method per model
 *
 * gpt-oss models (o200k_harmony) are counted by rendering the harmony format instead (harmony.ts).
 */
import { UnsupportedContentError } from './errors.js';
import { renderNamespace } from './function-namespace.js';
import { countHarmony, type HarmonyOptions } from './harmony.js';
import { countImage, type ImageCount, type ImageOptions } from './images/count-image.js';
import { messageFormatFor, type MessageFormat } from './message-format.js';
import { readChatCountOptions } from './options.js';
import { ChatRequestSchema, parseOrThrow, readRequest } from './schema.js';
import { tokenizerForModel, type ChatTokenizer } from './tokenizer.js';
import type { ChatMessage, ChatRequest, FunctionDefinition } from './types.js';

export interface ChatCountOptions extends ImageOptions {
  /**
   * Render descriptions of nested object properties in the hidden function namespace. Every
   * API-observed count leaves them out; newer models are reported to render them.
   * @default false
   */
  readonly nestedDescriptions?: boolean;
  /** Settings for gpt-oss models, which render the harmony format. */
  readonly harmony?: HarmonyOptions;
}

/** The count of one request. The numeric parts add up to `total`. */
export interface ChatTokenCount {
  /** What the API bills as `prompt_tokens`. */
  readonly total: number;
  /** Per input message: framing, role, name, text, tool calls. Image tokens are in `images`. */
  readonly messages: readonly number[];
  /** Function/tool definitions as the hidden namespace the server adds. */
  readonly tools: number;
  /** `tool_choice` / `function_call` forcing a function (or "none"). */
  readonly toolChoice: number;
  /** All image parts. */
  readonly images: number;
  /** Tokens that prime the reply (`<|start|>assistant…`). */
  readonly replyPriming: number;
  /** Text the format adds before the messages (the harmony system message for gpt-oss; 0 otherwise). */
  readonly preamble: number;
  /** How each image was counted, in order. */
  readonly imageDetails: readonly ImageCount[];
  readonly model: string;
  readonly encoding: string;
  /**
   * True when the model's tokenizer and chat framing are not public (Claude, Gemini, GPT-5.6 and
   * later): the count uses `encoding` and OpenAI's chat framing as stand-ins. Leave headroom, or
   * ask the provider's count endpoint when exactness matters.
   */
  readonly approximate: boolean;
  readonly format: 'chat' | 'harmony';
}

/** Tokens for the function block: namespace + 9 (and −4 when it merges into a system message). */
export const FUNCTIONS_BLOCK_OVERHEAD = 9;
export const FUNCTIONS_SYSTEM_MERGE = -4;
/** `role: "function"` (and tool result) messages carry 2 fewer framing tokens than other messages. */
export const FUNCTION_RESULT_ADJUSTMENT = -2;
/** An assistant `function_call` (or each tool call): name + arguments + 3. */
export const FUNCTION_CALL_OVERHEAD = 3;

/** Internal: a request after validation, with the function definitions gathered. */
export interface PreparedRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly functions: readonly FunctionDefinition[];
  readonly toolChoice: ChatRequest['tool_choice'];
  readonly functionCall: ChatRequest['function_call'];
  /** Field path of message `i` for errors and image details (`messages[i]`, or `input[j]` for Responses). */
  readonly fieldOf: (index: number) => string;
}

function isSystemLike(message: ChatMessage): boolean {
  return message.role === 'system' || message.role === 'developer';
}

/** Names of the functions each tool call id refers to, so a tool result can be counted with its name. */
function toolCallNames(messages: readonly ChatMessage[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of messages) {
    for (const call of message.tool_calls ?? []) {
      if (call.id !== undefined) names.set(call.id, call.type === 'function' ? call.function.name : call.custom.name);
    }
  }
  return names;
}

interface MessageTally {
  text: number;
  images: ImageCount[];
}

function countMessage(
  message: ChatMessage,
  field: string,
  padSystem: boolean,
  callNames: Map<string, string>,
  request: PreparedRequest,
  tokenizer: ChatTokenizer,
  format: MessageFormat,
  options: ChatCountOptions,
): MessageTally {
  const images: ImageCount[] = [];
  let text = format.tokensPerMessage + tokenizer.count(message.role);

  const content = message.content;
  if (typeof content === 'string') {
    text += tokenizer.count(padSystem ? `${content}\n` : content);
  } else if (Array.isArray(content)) {
    const lastText = content.map((part) => part.type).lastIndexOf('text');
    content.forEach((part, p) => {
      const partField = `${field}.content[${p}]`;
      switch (part.type) {
        case 'text':
          text += tokenizer.count(padSystem && p === lastText ? `${part.text}\n` : part.text);
          break;
        case 'refusal':
          text += tokenizer.count(part.refusal);
          break;
        case 'image_url':
          images.push(countImage(request.model, part.image_url.url, part.image_url.detail ?? 'auto', partField, options));
          break;
        case 'input_audio':
          throw new UnsupportedContentError(partField, 'is audio; audio tokens depend on the decoded audio and cannot be counted offline. Remove it or count it separately.');
        case 'file':
          throw new UnsupportedContentError(partField, 'is a file; file inputs are converted on the server and cannot be counted offline. Send its text as a text part instead.');
      }
    });
  }
  if (typeof message.refusal === 'string') text += tokenizer.count(message.refusal);

  let name = message.name;
  if (message.role === 'tool' && name === undefined && message.tool_call_id !== undefined) {
    name = callNames.get(message.tool_call_id);
  }
  if (name !== undefined) text += tokenizer.count(name) + format.tokensPerName;
  if (message.role === 'function' || message.role === 'tool') text += FUNCTION_RESULT_ADJUSTMENT;

  if (message.function_call != null) {
    text += tokenizer.count(message.function_call.name) + tokenizer.count(message.function_call.arguments) + FUNCTION_CALL_OVERHEAD;
  }
  message.tool_calls?.forEach((call, c) => {
    if (call.type !== 'function') {
      throw new UnsupportedContentError(`${field}.tool_calls[${c}]`, 'is a custom tool call; how the server renders custom tools is not published, so it cannot be counted.');
    }
    text += tokenizer.count(call.function.name) + tokenizer.count(call.function.arguments) + FUNCTION_CALL_OVERHEAD;
  });
  return { text, images };
}

function countToolChoice(request: PreparedRequest, tokenizer: ChatTokenizer): number {
  let tokens = 0;
  const fc = request.functionCall;
  if (fc === 'none') tokens += 1;
  else if (typeof fc === 'object') tokens += 4 + tokenizer.count(fc.name);
  const tc = request.toolChoice;
  if (tc === 'none') tokens += 1;
  else if (typeof tc === 'object' && tc.type === 'function') tokens += 7 + tokenizer.count(tc.function.name);
  return tokens;
}

/** Count a validated request in the chat format (every OpenAI chat model except gpt-oss). */
export function countPrepared(request: PreparedRequest, tokenizer: ChatTokenizer, options: ChatCountOptions): ChatTokenCount {
  if (tokenizer.encoding === 'o200k_harmony') return countHarmony(request, tokenizer, options.harmony ?? {});

  const format = messageFormatFor(request.model);
  const hasFunctions = request.functions.length > 0;
  const hasSystem = request.messages.some(isSystemLike);
  const firstSystem = request.messages.findIndex(isSystemLike);
  const callNames = toolCallNames(request.messages);

  const messages: number[] = [];
  const imageDetails: ImageCount[] = [];
  request.messages.forEach((message, i) => {
    const tally = countMessage(message, request.fieldOf(i), hasFunctions && i === firstSystem, callNames, request, tokenizer, format, options);
    messages.push(tally.text);
    imageDetails.push(...tally.images);
  });

  let tools = 0;
  if (hasFunctions) {
    const namespace = renderNamespace(request.functions, { nestedDescriptions: options.nestedDescriptions ?? false });
    tools = tokenizer.count(namespace) + FUNCTIONS_BLOCK_OVERHEAD + (hasSystem ? FUNCTIONS_SYSTEM_MERGE : 0);
  }
  const toolChoice = countToolChoice(request, tokenizer);
  const images = imageDetails.reduce((sum, image) => sum + image.tokens, 0);
  const replyPriming = format.replyPriming;
  const total = messages.reduce((a, b) => a + b, 0) + tools + toolChoice + images + replyPriming;
  return {
    total,
    messages,
    tools,
    toolChoice,
    images,
    replyPriming,
    preamble: 0,
    imageDetails,
    model: request.model,
    encoding: tokenizer.encoding,
    approximate: tokenizer.approximate,
    format: 'chat',
  };
}

/** Validate a Chat Completions request and gather its function definitions. */
export function prepareChatRequest(request: unknown): PreparedRequest {
  const parsed = parseOrThrow(ChatRequestSchema(), readRequest(request, 'a Chat Completions request { model, messages }')) as unknown as ChatRequest;
  const functions: FunctionDefinition[] = [...(parsed.functions ?? [])];
  parsed.tools?.forEach((tool, t) => {
    if (tool.type !== 'function') {
      throw new UnsupportedContentError(`tools[${t}]`, 'is a custom tool; how the server renders custom tools is not published, so it cannot be counted.');
    }
    functions.push(tool.function);
  });
  return {
    model: parsed.model,
    messages: parsed.messages,
    functions,
    toolChoice: parsed.tool_choice,
    functionCall: parsed.function_call,
    fieldOf: (i) => `messages[${i}]`,
  };
}

/**
 * Count a Chat Completions request exactly as the OpenAI API bills it (`usage.prompt_tokens`).
 *
 * A malformed request is a `ChatValidationError` naming the field (`messages[2].content`), and so
 * is a `"__proto__"` key, a cycle, or objects nested more than 100 levels deep (a tool schema can
 * nest about 45 properties); an option the function does not take is an `InvalidArgumentError`
 * naming it (`options.nestedDescription`, with the closest option).
 *
 * @example
 * countChatTokens({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] }).total // 8
 */
export function countChatTokens<R extends ChatRequest>(request: R, options?: ChatCountOptions): ChatTokenCount {
  const checked = readChatCountOptions(options, 'countChatTokens');
  const prepared = prepareChatRequest(request);
  return countPrepared(prepared, tokenizerForModel(prepared.model), checked);
}
