/**
 * A Chat Completions request as the body of Gemini's `POST /v1beta/models/{model}:countTokens`:
 * a `generateContentRequest`, the form that counts the system instruction and tools too (plain
 * `contents` counts the messages alone).
 */
import { UnsupportedContentError } from '../chat/errors.js';
import { isSystemLike, toolCallNames, type PreparedRequest } from '../chat/prepare.js';
import type { ChatMessage, GeminiMediaResolution } from '../chat/types.js';
import { argumentsObject, base64Of, choiceOf, partsOf, textOnly } from './chat-parts.js';

const PROVIDER = 'Gemini';
type Part = Record<string, unknown>;

export function toGeminiBody(request: PreparedRequest, model: string): Record<string, unknown> {
  const system: string[] = [];
  const contents: { role: 'user' | 'model'; parts: Part[] }[] = [];
  const names = toolCallNames(request.messages);
  request.messages.forEach((message, i) => {
    const field = request.fieldOf(i);
    if (isSystemLike(message)) {
      system.push(textOnly(message, field, `${PROVIDER}'s system instruction`));
    } else if (message.role === 'user') {
      contents.push({ role: 'user', parts: userParts(message, field) });
    } else if (message.role === 'assistant') {
      const parts: Part[] = [];
      const text = textOnly(message, field, `${PROVIDER} (in a model turn)`);
      if (text !== '') parts.push({ text });
      message.tool_calls?.forEach((call, c) => {
        const at = `${field}.tool_calls[${c}]`;
        if (call.type !== 'function') throw new UnsupportedContentError(at, `is a custom tool call, which ${PROVIDER} has no equivalent for.`);
        parts.push({ functionCall: { name: call.function.name, args: argumentsObject(call.function.arguments, `${at}.function.arguments`, PROVIDER) } });
      });
      if (message.function_call) {
        parts.push({ functionCall: { name: message.function_call.name, args: argumentsObject(message.function_call.arguments, `${field}.function_call.arguments`, PROVIDER) } });
      }
      if (parts.length > 0) contents.push({ role: 'model', parts });
    } else {
      const name = message.role === 'tool' ? names.get(message.tool_call_id ?? '') : message.name;
      if (name === undefined) throw new UnsupportedContentError(field, `is a ${message.role} result whose function is unknown (no earlier tool call has its tool_call_id); ${PROVIDER} needs the function's name.`);
      contents.push({ role: 'user', parts: [{ functionResponse: { name, response: responseObject(textOnly(message, field, `${PROVIDER} (in a function response)`)) } }] });
    }
  });
  const generateContentRequest: Record<string, unknown> = { model: `models/${model}`, contents };
  if (system.length > 0) generateContentRequest['systemInstruction'] = { parts: system.map((text) => ({ text })) };
  if (request.functions.length > 0) {
    generateContentRequest['tools'] = [{
      functionDeclarations: request.functions.map((f) => ({
        name: f.name,
        ...(f.description !== undefined && { description: f.description }),
        ...(f.parameters !== undefined && { parametersJsonSchema: f.parameters }),
      })),
    }];
    const choice = choiceOf(request.toolChoice, request.functionCall, PROVIDER);
    if (choice !== undefined) {
      generateContentRequest['toolConfig'] = {
        functionCallingConfig: choice.mode === 'function' ? { mode: 'ANY', allowedFunctionNames: [choice.name] } : { mode: choice.mode === 'required' ? 'ANY' : choice.mode === 'none' ? 'NONE' : 'AUTO' },
      };
    }
  }
  return { generateContentRequest };
}

/** A function's result as the object Gemini takes: the JSON object it holds, else `{ content: text }`. */
function responseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // not JSON: the text itself is the result
  }
  return { content: text };
}

function userParts(message: ChatMessage, field: string): Part[] {
  return partsOf(message).map((part, p): Part => {
    const at = `${field}.content[${p}]`;
    switch (part.type) {
      case 'text':
        return { text: part.text };
      case 'refusal':
        return { text: part.refusal };
      case 'image_url': {
        const { mediaType, data } = base64Of(part.image_url.url, `${at}.image_url.url`, PROVIDER);
        return withResolution({ inlineData: { mimeType: mediaType, data } }, part.image_url.media_resolution);
      }
      case 'input_audio':
        return { inlineData: { mimeType: `audio/${part.input_audio.format}`, data: part.input_audio.data } };
      case 'file': {
        if (part.file.file_data === undefined) throw new UnsupportedContentError(`${at}.file`, `has no file_data; ${PROVIDER}'s count endpoint takes files inline here (a file_id is OpenAI's).`);
        const { mediaType, data } = base64Of(part.file.file_data, `${at}.file.file_data`, PROVIDER);
        return withResolution({ inlineData: { mimeType: mediaType, data } }, part.file.media_resolution);
      }
    }
  });
}

/**
 * A Gemini 3 part's `media_resolution` as the API's per-part field (`mediaResolution: { level }`),
 * so that the remote count is of the budget the local one (gemini-media.ts) counts.
 */
function withResolution(part: Part, resolution: GeminiMediaResolution | undefined): Part {
  return resolution === undefined ? part : { ...part, mediaResolution: { level: `MEDIA_RESOLUTION_${resolution.toUpperCase()}` } };
}
