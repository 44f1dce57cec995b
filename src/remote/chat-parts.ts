/**
 * What the three converters share: reading a Chat Completions message's text, images and tool
 * call arguments in the shapes provider bodies need, refusing what a provider cannot take.
 */
import { UnsupportedContentError } from '../chat/errors.js';
import { parseDataUrl } from '../chat/images/data-url.js';
import type { ChatMessage, ContentPart, FunctionCallChoice, ToolChoice } from '../chat/types.js';

/** The parts of a message's content: a string is one text part, null or absent none. */
export function partsOf(message: ChatMessage): readonly ContentPart[] {
  const content = message.content;
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return content;
}

/** The text of a message: its text and refusal parts joined, and a refusal field. Images and other parts are refused under `field`. */
export function textOnly(message: ChatMessage, field: string, provider: string): string {
  const texts: string[] = [];
  partsOf(message).forEach((part, p) => {
    if (part.type === 'text') texts.push(part.text);
    else if (part.type === 'refusal') texts.push(part.refusal);
    else throw new UnsupportedContentError(`${field}.content[${p}]`, `is a ${part.type} part in a ${message.role} message; ${provider} takes only text there.`);
  });
  if (typeof message.refusal === 'string' && message.refusal !== '') texts.push(message.refusal);
  return texts.join('\n');
}

/** A base64 `data:` URL's media type and payload, or an `UnsupportedContentError` naming `field`. */
export function base64Of(url: string, field: string, provider: string): { mediaType: string; data: string } {
  const parsed = parseDataUrl(url);
  if (!parsed.ok) {
    const remote = /^https?:/i.test(url);
    throw new UnsupportedContentError(
      field,
      remote
        ? `is a remote URL; ${provider}'s count endpoint takes only inline data here. Send it as a base64 data: URL, or pass the provider's own body with format: "provider".`
        : `${parsed.reason}.`,
    );
  }
  return { mediaType: parsed.mediaType, data: parsed.payload };
}

/** A tool call's `arguments` as the JSON object Anthropic and Gemini take. */
export function argumentsObject(json: string, field: string, provider: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new UnsupportedContentError(field, `is not JSON; ${provider} takes a tool call's arguments as a JSON object.`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UnsupportedContentError(field, `is JSON but not an object; ${provider} takes a tool call's arguments as a JSON object.`);
  }
  return value as Record<string, unknown>;
}

/** The id of a legacy `function_call` on message `index`, made up (the legacy API had none) so its result can refer to it. */
export const legacyCallId = (index: number): string => `call_function_${index}`;

/**
 * The tool choice as one shape: `tool_choice` (or the legacy `function_call`), with a forced
 * function by name. `allowed_tools` is passed on for OpenAI only.
 */
export type Choice = { mode: 'auto' | 'none' | 'required' } | { mode: 'function'; name: string } | { mode: 'allowed'; value: Extract<ToolChoice, { type: 'allowed_tools' }> };

export function choiceOf(toolChoice: ToolChoice | undefined, functionCall: FunctionCallChoice | undefined, provider: string): Choice | undefined {
  const choice = toolChoice ?? functionCall;
  if (choice === undefined) return undefined;
  if (typeof choice === 'string') return { mode: choice };
  if ('name' in choice && typeof choice.name === 'string') return { mode: 'function', name: choice.name };
  if (!('type' in choice)) return undefined;
  if (choice.type === 'function') return { mode: 'function', name: choice.function.name };
  if (choice.type === 'allowed_tools') {
    if (provider !== 'openai') throw new UnsupportedContentError('tool_choice', `is allowed_tools, which ${provider} has no equivalent for; leave it out or pass the provider's own body with format: "provider".`);
    return { mode: 'allowed', value: choice };
  }
  throw new UnsupportedContentError('tool_choice', `forces a custom tool, which ${provider} has no equivalent for.`);
}
