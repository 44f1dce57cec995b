/**
 * A Chat Completions request for a Gemini model, counted as Google's GenAI SDK counts it locally
 * (src/sentencepiece/gemini-contents.ts): each message becomes the Gemini content the request would
 * be sent as, and only its texts are counted with gemma3, each on its own — no roles, no turn
 * framing, no tool choice. Used when a Gemini 2.0/2.5/3 id resolves to gemma3 (its data registered).
 *
 * The mapping is the one src/remote/to-gemini.ts sends to Gemini's countTokens: system and developer
 * messages are the system instruction (their text parts joined by a newline), user parts are parts,
 * an assistant message is its text (parts joined) then a `functionCall` per tool call (its arguments
 * parsed), a tool or function result is a `functionResponse` named after its call, whose response is
 * the JSON object the result holds, else `{ content: text }`, and each function definition is a
 * function declaration with `parameters`. Message `name` fields and `tool_choice` have no text the
 * SDK counts.
 *
 * Exact (what the SDK's local tokenizer counts) for text, tool calls and tools. Approximate where
 * the Gemini form is tokmeter's choice: a result that is not a JSON object (wrapped as
 * `{ content }`), a result whose call is unknown (no name), arguments that are not a JSON object
 * (counted as text). Images, audio, video and PDFs in user messages, which the local tokenizer does
 * not count, are counted by Google's published rule for each (gemini-media.ts) and always make the
 * count approximate: image tokens go in `images`, the others in their message's entry, and `media`
 * says how each part was counted.
 */
import { countGeminiTokens, type GeminiPart } from '../sentencepiece/gemini-contents.js';
import { UnsupportedContentError } from './errors.js';
import type { GeminiMediaCount } from './gemini-media-rules.js';
import { countGeminiMedia, mediaGenerationFor, type GeminiChatTokenCount, type GeminiMediaPart } from './gemini-media.js';
import type { GeminiMediaGeneration } from './gemini-media-rules.js';
import { isSystemLike, toolCallNames, type PreparedRequest } from './prepare.js';
import type { ChatTokenizer } from './tokenizer.js';
import type { ChatMessage } from './types.js';

/** A message as Gemini parts (its texts), its media parts, and whether its form is tokmeter's choice rather than a fixed rule. */
interface GeminiMessage {
  readonly parts: GeminiPart[];
  readonly media: readonly GeminiMediaCount[];
  readonly approximate: boolean;
}

export function countGeminiChat(request: PreparedRequest, tokenizer: ChatTokenizer): GeminiChatTokenCount {
  const names = toolCallNames(request.messages);
  let approximate = false;
  let images = 0;
  const media: GeminiMediaCount[] = [];
  // The media rules differ by generation; resolved once, at the first media part.
  let generation: GeminiMediaGeneration | undefined;
  const generationAt = (field: string): GeminiMediaGeneration => (generation ??= mediaGenerationFor(request.model, field));
  const messages = request.messages.map((message, i) => {
    const converted = geminiMessage(message, request.fieldOf(i), names, generationAt);
    approximate ||= converted.approximate || converted.media.length > 0;
    media.push(...converted.media);
    let tokens = converted.parts.length === 0 ? 0 : countGeminiTokens(tokenizer, { parts: converted.parts });
    for (const part of converted.media) {
      if (part.kind === 'image') images += part.tokens;
      else tokens += part.tokens;
    }
    return tokens;
  });
  const declarations = request.functions.map((f) => ({
    name: f.name,
    ...(f.description !== undefined && { description: f.description }),
    ...(f.parameters !== undefined && { parameters: f.parameters }),
  }));
  // The declarations' texts alone: with a content that has no parts.
  const tools = declarations.length === 0 ? 0 : countGeminiTokens(tokenizer, { parts: [] }, { tools: [{ functionDeclarations: declarations }] });
  return {
    total: messages.reduce((a, b) => a + b, 0) + tools + images,
    messages,
    tools,
    toolChoice: 0,
    images,
    replyPriming: 0,
    preamble: 0,
    imageDetails: [],
    model: request.model,
    encoding: tokenizer.encoding,
    approximate,
    format: 'gemini',
    media,
  };
}

function geminiMessage(
  message: ChatMessage,
  field: string,
  names: ReadonlyMap<string, string>,
  generationAt: (field: string) => GeminiMediaGeneration,
): GeminiMessage {
  if (isSystemLike(message) || message.role === 'assistant') {
    const parts: GeminiPart[] = [];
    const text = joinedText(message, field);
    if (text !== '') parts.push({ text });
    let approximate = false;
    const call = (name: string, json: string): void => {
      const args = jsonObject(json);
      if (args === undefined) approximate = true;
      parts.push(args === undefined ? { functionCall: { name }, text: json } : { functionCall: { name, args } });
    };
    for (const toolCall of message.tool_calls ?? []) {
      if (toolCall.type === 'function') call(toolCall.function.name, toolCall.function.arguments);
      else call(toolCall.custom.name, toolCall.custom.input);
    }
    if (message.function_call) call(message.function_call.name, message.function_call.arguments);
    return { parts, media: [], approximate };
  }
  if (message.role === 'user') return { ...userParts(message, field, generationAt), approximate: false };
  // A tool or function result.
  const name = message.role === 'tool' ? names.get(message.tool_call_id ?? '') : message.name;
  const text = joinedText(message, field);
  const response = jsonObject(text);
  return {
    parts: [{ functionResponse: { ...(name !== undefined && { name }), response: response ?? { content: text } } }],
    media: [],
    approximate: name === undefined || response === undefined,
  };
}

/** A user message's texts as Gemini parts, and its media parts counted by their rules. */
function userParts(message: ChatMessage, field: string, generationAt: (field: string) => GeminiMediaGeneration): Pick<GeminiMessage, 'parts' | 'media'> {
  const content = message.content;
  if (content === undefined || content === null) return { parts: [], media: [] };
  if (typeof content === 'string') return { parts: content === '' ? [] : [{ text: content }], media: [] };
  const parts: GeminiPart[] = [];
  const media: GeminiMediaCount[] = [];
  content.forEach((part, p) => {
    if (part.type === 'text') parts.push({ text: part.text });
    else if (part.type === 'refusal') parts.push({ text: part.refusal });
    else {
      const at = `${field}.content[${p}]`;
      media.push(countGeminiMedia(part satisfies GeminiMediaPart, at, generationAt(at)));
    }
  });
  return { parts, media };
}

/** The text of a system, assistant or result message: its text parts joined by a newline, then its refusal. */
function joinedText(message: ChatMessage, field: string): string {
  const texts: string[] = [];
  const content = message.content;
  if (typeof content === 'string') texts.push(content);
  else if (content !== undefined && content !== null) {
    content.forEach((part, p) => {
      if (part.type === 'text') texts.push(part.text);
      else if (part.type === 'refusal') texts.push(part.refusal);
      else throw mediaError(`${field}.content[${p}]`, part.type, message.role);
    });
  }
  if (typeof message.refusal === 'string' && message.refusal !== '') texts.push(message.refusal);
  return texts.filter((t) => t !== '').join('\n');
}

/** Media outside a user message (a Responses system or assistant item can hold an image). */
function mediaError(field: string, type: string, role: string): UnsupportedContentError {
  return new UnsupportedContentError(field, `is a ${type} part in a ${role} message; tokmeter counts Gemini media in user messages only. Move it to a user message, or ask the API with countTokensRemote.`);
}

/** The JSON object `text` holds, or undefined. */
function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // not JSON
  }
  return undefined;
}
