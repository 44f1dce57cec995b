/** Each provider's count endpoint: where it is, how the key is sent, and where the count and errors are in its answer. */
import type { RemoteProvider } from './types.js';

export interface Endpoint {
  readonly defaultBase: string;
  url(base: string, model: string): string;
  headers(apiKey: string, anthropicVersion: string): Record<string, string>;
  /** The count in a 2xx answer, or undefined when it has none. */
  count(answer: Record<string, unknown>): number | undefined;
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

export const ENDPOINTS: Readonly<Record<RemoteProvider, Endpoint>> = {
  anthropic: {
    defaultBase: 'https://api.anthropic.com',
    url: (base) => `${base}/v1/messages/count_tokens`,
    headers: (apiKey, anthropicVersion) => ({ 'content-type': 'application/json', 'x-api-key': apiKey, 'anthropic-version': anthropicVersion }),
    count: (answer) => (isCount(answer['input_tokens']) ? answer['input_tokens'] : undefined),
  },
  gemini: {
    defaultBase: 'https://generativelanguage.googleapis.com',
    url: (base, model) => `${base}/v1beta/models/${encodeURIComponent(model)}:countTokens`,
    headers: (apiKey) => ({ 'content-type': 'application/json', 'x-goog-api-key': apiKey }),
    // Google's JSON leaves out fields whose value is zero, so an answer without totalTokens counts 0
    // unless it holds something else.
    count: (answer) => (isCount(answer['totalTokens']) ? answer['totalTokens'] : Object.keys(answer).length === 0 ? 0 : undefined),
  },
  openai: {
    defaultBase: 'https://api.openai.com',
    url: (base) => `${base}/v1/responses/input_tokens`,
    headers: (apiKey) => ({ 'content-type': 'application/json', authorization: `Bearer ${apiKey}` }),
    count: (answer) => (isCount(answer['input_tokens']) ? answer['input_tokens'] : undefined),
  },
};

/**
 * The provider's error message in an error answer: `{ error: { message } }` in all three APIs
 * (Anthropic adds `type`, Gemini `status`, OpenAI `code`), prefixed with that kind when present.
 */
export function providerMessage(text: string): string | undefined {
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    return undefined;
  }
  const error = (answer as { error?: unknown } | null)?.error;
  if (error === null || typeof error !== 'object') return typeof error === 'string' ? error : undefined;
  const { message, type, status, code } = error as Record<string, unknown>;
  if (typeof message !== 'string') return undefined;
  const kind = [type, status, code].find((k): k is string => typeof k === 'string');
  return kind === undefined ? message : `${kind}: ${message}`;
}
