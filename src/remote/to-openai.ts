/** A Chat Completions request as the body of OpenAI's `POST /v1/responses/input_tokens` (the Responses create body). */
import { UnsupportedContentError } from '../chat/errors.js';
import type { PreparedRequest } from '../chat/prepare.js';
import type { ChatMessage } from '../chat/types.js';
import { choiceOf, legacyCallId, partsOf, textOnly } from './chat-parts.js';

const PROVIDER = 'OpenAI\'s Responses API';
type Item = Record<string, unknown>;

export function toOpenAIBody(request: PreparedRequest, model: string): Record<string, unknown> {
  const input: Item[] = [];
  const legacyCalls = new Map<string, string>();
  request.messages.forEach((message, i) => {
    const field = request.fieldOf(i);
    if (message.role === 'tool' || message.role === 'function') {
      const id = message.role === 'tool' ? message.tool_call_id : legacyCalls.get(message.name ?? '');
      if (id === undefined) throw new UnsupportedContentError(field, `is a ${message.role} result that names no call; ${PROVIDER} needs the call_id it answers.`);
      input.push({ type: 'function_call_output', call_id: id, output: textOnly(message, field, PROVIDER) });
    } else if (message.role === 'assistant') {
      const text = textOnly(message, field, `${PROVIDER} (in an assistant message)`);
      if (text !== '') input.push({ role: 'assistant', content: text });
      message.tool_calls?.forEach((call, c) => {
        if (call.type !== 'function') {
          input.push({ type: 'custom_tool_call', call_id: call.id ?? `call_${i}_${c}`, name: call.custom.name, input: call.custom.input });
        } else {
          input.push({ type: 'function_call', call_id: call.id ?? `call_${i}_${c}`, name: call.function.name, arguments: call.function.arguments });
        }
      });
      if (message.function_call) {
        legacyCalls.set(message.function_call.name, legacyCallId(i));
        input.push({ type: 'function_call', call_id: legacyCallId(i), name: message.function_call.name, arguments: message.function_call.arguments });
      }
    } else {
      input.push({ role: message.role, content: typeof message.content === 'string' ? message.content : inputParts(message, field) });
    }
  });
  const body: Record<string, unknown> = { model, input };
  if (request.functions.length > 0) {
    body['tools'] = request.functions.map((f) => ({
      type: 'function',
      name: f.name,
      ...(f.description !== undefined && { description: f.description }),
      ...(f.parameters !== undefined && { parameters: f.parameters }),
      ...(f.strict !== undefined && f.strict !== null && { strict: f.strict }),
    }));
  }
  const choice = choiceOf(request.toolChoice, request.functionCall, 'openai');
  if (choice !== undefined && request.functions.length > 0) {
    if (choice.mode === 'function') body['tool_choice'] = { type: 'function', name: choice.name };
    else if (choice.mode === 'allowed') {
      body['tool_choice'] = {
        type: 'allowed_tools',
        mode: choice.value.allowed_tools.mode,
        tools: choice.value.allowed_tools.tools.map((tool) => {
          const fn = tool['function'] as { name?: unknown } | undefined;
          return tool['type'] === 'function' && typeof fn?.name === 'string' ? { type: 'function', name: fn.name } : tool;
        }),
      };
    } else body['tool_choice'] = choice.mode;
  }
  return body;
}

function inputParts(message: ChatMessage, field: string): Item[] {
  return partsOf(message).map((part, p): Item => {
    const at = `${field}.content[${p}]`;
    switch (part.type) {
      case 'text':
        return { type: 'input_text', text: part.text };
      case 'refusal':
        return { type: 'input_text', text: part.refusal };
      case 'image_url':
        return { type: 'input_image', image_url: part.image_url.url, detail: part.image_url.detail ?? 'auto' };
      case 'file':
        return { type: 'input_file', ...part.file };
      case 'input_audio':
        throw new UnsupportedContentError(at, `is an input_audio part, which ${PROVIDER} does not take.`);
    }
  });
}
