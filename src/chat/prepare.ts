/**
 * The step both prompt formats start from: a Chat Completions request validated, with its
 * function definitions gathered from `tools` and `functions`. The chat format (count-chat.ts),
 * harmony (harmony.ts), fitting (fit.ts) and the Responses mapping (responses.ts) all read a
 * `PreparedRequest`, so none of them imports another to get one.
 */
import { UnsupportedContentError } from './errors.js';
import { ChatRequestSchema, parseOrThrow, readRequest } from './schema.js';
import type { ChatMessage, ChatRequest, FunctionDefinition } from './types.js';

/** A request after validation, with the function definitions gathered. */
export interface PreparedRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly functions: readonly FunctionDefinition[];
  readonly toolChoice: ChatRequest['tool_choice'];
  readonly functionCall: ChatRequest['function_call'];
  /** Field path of message `i` for errors and image details (`messages[i]`, or `input[j]` for Responses). */
  readonly fieldOf: (index: number) => string;
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

/** The function name each tool call id refers to, so a tool result can be written with its name. */
export function toolCallNames(messages: readonly ChatMessage[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of messages) {
    for (const call of message.tool_calls ?? []) {
      if (call.id !== undefined) names.set(call.id, call.type === 'function' ? call.function.name : call.custom.name);
    }
  }
  return names;
}

/** System and developer messages: the ones tools are merged into and fitting never removes. */
export function isSystemLike(message: ChatMessage): boolean {
  return message.role === 'system' || message.role === 'developer';
}
