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
 * (counted as text). Images, audio and files are refused: Gemini's local tokenizer does not count
 * media, and tokmeter has no Gemini rule for them.
 */
import { countGeminiTokens, type GeminiPart } from '../sentencepiece/gemini-contents.js';
import type { ChatTokenCount } from './count-result.js';
import { UnsupportedContentError } from './errors.js';
import { isSystemLike, toolCallNames, type PreparedRequest } from './prepare.js';
import type { ChatTokenizer } from './tokenizer.js';
import type { ChatMessage } from './types.js';

/** A message as Gemini parts, and whether its form is tokmeter's choice rather than a fixed rule. */
interface GeminiMessage {
  readonly parts: GeminiPart[];
  readonly approximate: boolean;
}

export function countGeminiChat(request: PreparedRequest, tokenizer: ChatTokenizer): ChatTokenCount {
  const names = toolCallNames(request.messages);
  let approximate = false;
  const messages = request.messages.map((message, i) => {
    const converted = geminiMessage(message, request.fieldOf(i), names);
    approximate ||= converted.approximate;
    return converted.parts.length === 0 ? 0 : countGeminiTokens(tokenizer, { parts: converted.parts });
  });
  const declarations = request.functions.map((f) => ({
    name: f.name,
    ...(f.description !== undefined && { description: f.description }),
    ...(f.parameters !== undefined && { parameters: f.parameters }),
  }));
  // The declarations' texts alone: with a content that has no parts.
  const tools = declarations.length === 0 ? 0 : countGeminiTokens(tokenizer, { parts: [] }, { tools: [{ functionDeclarations: declarations }] });
  return {
    total: messages.reduce((a, b) => a + b, 0) + tools,
    messages,
    tools,
    toolChoice: 0,
    images: 0,
    replyPriming: 0,
    preamble: 0,
    imageDetails: [],
    model: request.model,
    encoding: tokenizer.encoding,
    approximate,
    format: 'gemini',
  };
}

function geminiMessage(message: ChatMessage, field: string, names: ReadonlyMap<string, string>): GeminiMessage {
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
    return { parts, approximate };
  }
  if (message.role === 'user') return { parts: userParts(message, field), approximate: false };
  // A tool or function result.
  const name = message.role === 'tool' ? names.get(message.tool_call_id ?? '') : message.name;
  const text = joinedText(message, field);
  const response = jsonObject(text);
  return {
    parts: [{ functionResponse: { ...(name !== undefined && { name }), response: response ?? { content: text } } }],
    approximate: name === undefined || response === undefined,
  };
}

function userParts(message: ChatMessage, field: string): GeminiPart[] {
  const content = message.content;
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  return content.map((part, p): GeminiPart => {
    if (part.type === 'text') return { text: part.text };
    if (part.type === 'refusal') return { text: part.refusal };
    throw mediaError(`${field}.content[${p}]`, part.type);
  });
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
      else throw mediaError(`${field}.content[${p}]`, part.type);
    });
  }
  if (typeof message.refusal === 'string' && message.refusal !== '') texts.push(message.refusal);
  return texts.filter((t) => t !== '').join('\n');
}

function mediaError(field: string, type: string): UnsupportedContentError {
  return new UnsupportedContentError(
    field,
    `is a ${type} part. Gemini's local tokenizer (gemma3, as Google's GenAI SDK uses it) counts only text, and tokmeter has no Gemini rule for media, so a count with it would not be exact. ` +
      'Count the text parts alone, or ask the API with countTokensRemote.',
  );
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
