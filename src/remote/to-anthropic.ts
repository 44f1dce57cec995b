/** A Chat Completions request as the body of Anthropic's `POST /v1/messages/count_tokens`. */
import { UnsupportedContentError } from '../chat/errors.js';
import { isSystemLike, type PreparedRequest } from '../chat/prepare.js';
import type { ContentPart } from '../chat/types.js';
import { argumentsObject, base64Of, choiceOf, legacyCallId, textOnly } from './chat-parts.js';

const PROVIDER = 'Anthropic';
type Block = Record<string, unknown>;

export function toAnthropicBody(request: PreparedRequest, model: string): Record<string, unknown> {
  const system: string[] = [];
  const messages: { role: 'user' | 'assistant'; content: string | Block[] }[] = [];
  const legacyCalls = new Map<string, string>(); // function name → id of its latest legacy call
  request.messages.forEach((message, i) => {
    const field = request.fieldOf(i);
    if (isSystemLike(message)) {
      system.push(textOnly(message, field, `${PROVIDER}'s system prompt`));
    } else if (message.role === 'user') {
      messages.push({ role: 'user', content: typeof message.content === 'string' ? message.content : userBlocks(message.content ?? [], field) });
    } else if (message.role === 'assistant') {
      const content: Block[] = [];
      const text = textOnly(message, field, `${PROVIDER} (in an assistant turn)`);
      if (text !== '') content.push({ type: 'text', text });
      message.tool_calls?.forEach((call, c) => {
        const at = `${field}.tool_calls[${c}]`;
        if (call.type !== 'function') throw new UnsupportedContentError(at, `is a custom tool call, which ${PROVIDER} has no equivalent for.`);
        content.push({ type: 'tool_use', id: call.id ?? `call_${i}_${c}`, name: call.function.name, input: argumentsObject(call.function.arguments, `${at}.function.arguments`, PROVIDER) });
      });
      if (message.function_call) {
        legacyCalls.set(message.function_call.name, legacyCallId(i));
        content.push({ type: 'tool_use', id: legacyCallId(i), name: message.function_call.name, input: argumentsObject(message.function_call.arguments, `${field}.function_call.arguments`, PROVIDER) });
      }
      if (content.length > 0) messages.push({ role: 'assistant', content });
    } else {
      // tool (and the legacy function role): a tool_result block in a user turn.
      const id = message.role === 'tool' ? message.tool_call_id : legacyCalls.get(message.name ?? '');
      if (id === undefined) throw new UnsupportedContentError(field, `is a ${message.role} result that names no call (${message.role === 'tool' ? 'tool_call_id' : 'no earlier function_call of that name'}); ${PROVIDER} needs the id of the tool_use it answers.`);
      messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: textOnly(message, field, `${PROVIDER} (in a tool result)`) }] });
    }
  });
  const body: Record<string, unknown> = { model, messages };
  if (system.length > 0) body['system'] = system.join('\n\n');
  if (request.functions.length > 0) {
    body['tools'] = request.functions.map((f) => ({
      name: f.name,
      ...(f.description !== undefined && { description: f.description }),
      input_schema: f.parameters ?? { type: 'object', properties: {} },
    }));
    const choice = choiceOf(request.toolChoice, request.functionCall, PROVIDER);
    if (choice !== undefined) {
      body['tool_choice'] =
        choice.mode === 'function' ? { type: 'tool', name: choice.name } : { type: choice.mode === 'required' ? 'any' : choice.mode === 'allowed' ? 'auto' : choice.mode };
    }
  }
  return body;
}

function userBlocks(parts: readonly ContentPart[], field: string): Block[] {
  return parts.map((part, p): Block => {
    const at = `${field}.content[${p}]`;
    switch (part.type) {
      case 'text':
        return { type: 'text', text: part.text };
      case 'refusal':
        return { type: 'text', text: part.refusal };
      case 'image_url': {
        const { mediaType, data } = base64Of(part.image_url.url, `${at}.image_url.url`, PROVIDER);
        return { type: 'image', source: { type: 'base64', media_type: mediaType, data } };
      }
      case 'file': {
        if (part.file.file_data === undefined) throw new UnsupportedContentError(`${at}.file`, `has no file_data; ${PROVIDER}'s count endpoint takes documents inline (a file_id is OpenAI's).`);
        const { mediaType, data } = base64Of(part.file.file_data, `${at}.file.file_data`, PROVIDER);
        if (mediaType !== 'application/pdf') throw new UnsupportedContentError(`${at}.file.file_data`, `is ${mediaType || 'untyped'}; ${PROVIDER} takes PDF documents (application/pdf).`);
        return { type: 'document', source: { type: 'base64', media_type: mediaType, data } };
      }
      default:
        throw new UnsupportedContentError(at, `is an ${part.type} part, which ${PROVIDER} does not take.`);
    }
  });
}
