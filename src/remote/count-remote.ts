/**
 * `countTokensRemote`: the provider's own count of a request, from its free count endpoint, with
 * the caller's key. Nothing in tokmeter calls it; it runs only when called.
 */
import { prepareChatRequest } from '../chat/prepare.js';
import { readRequest } from '../chat/schema.js';
import { ChatValidationError } from '../chat/errors.js';
import { matchModelTokenizer, type ModelFamily } from '../encodings/model-tokenizer.js';
import { InvalidArgumentError } from '../errors.js';
import { RemoteCountError } from './errors.js';
import { readRemoteOptions, type RemoteOptions } from './options.js';
import { postJson } from './post.js';
import { ENDPOINTS } from './providers.js';
import { toAnthropicBody } from './to-anthropic.js';
import { toGeminiBody } from './to-gemini.js';
import { toOpenAIBody } from './to-openai.js';
import type { CountTokensRemoteOptions, RemoteProvider, RemoteTokenCount } from './types.js';

const PROVIDER_OF: Partial<Record<ModelFamily, RemoteProvider>> = { anthropic: 'anthropic', google: 'gemini', openai: 'openai' };

/** Top-level fields of the providers' own bodies that a chat request has no place for: a sign the wrong format was given. */
const PROVIDER_FIELDS = ['system', 'contents', 'generateContentRequest', 'systemInstruction', 'input', 'instructions'];

/**
 * Asks the provider's free count endpoint how many input tokens a request costs: Anthropic's
 * `POST /v1/messages/count_tokens`, Gemini's `POST /v1beta/models/{model}:countTokens` or OpenAI's
 * `POST /v1/responses/input_tokens`, with your API key and the platform's `fetch` (or yours). It
 * works wherever `fetch` does: Node, Deno, Bun, browsers and workers (a browser needs the provider
 * to allow it, or a proxy: see `baseUrl`). tokmeter never calls it on its own.
 *
 * The request is tokmeter's provider-neutral chat request (`{ model, messages, tools, tool_choice }`,
 * the Chat Completions shape `countChatTokens` takes), converted to the provider's body: system and
 * developer messages become Anthropic's `system` or Gemini's `systemInstruction`, tool calls and
 * results the provider's blocks, images base64 `data:` URLs (remote image URLs are refused for
 * Anthropic and Gemini, whose count endpoints want them inline). Or, with `format: 'provider'`, the
 * provider's own body, sent as it is.
 *
 * @throws {RemoteCountError} when no count came back: no key (`REMOTE_COUNT_MISSING_KEY`), an HTTP
 *   error with the provider's message (`_HTTP`), an answer without a count (`_MALFORMED`), too slow
 *   (`_TIMEOUT`), cancelled (`_ABORTED`), or no answer (`_NETWORK`).
 * @throws {ChatValidationError} for a malformed chat request, {UnsupportedContentError} for content the
 *   provider's body has no place for, {InvalidArgumentError} for a bad option.
 * @example
 * ```ts
 * const { inputTokens } = await countTokensRemote(
 *   { model: 'claude-sonnet-5', messages: [{ role: 'user', content: 'Hello, Claude' }] },
 *   { apiKey: process.env.ANTHROPIC_API_KEY },
 * );
 * ```
 */
export async function countTokensRemote(request: unknown, options?: CountTokensRemoteOptions): Promise<RemoteTokenCount> {
  const o = readRemoteOptions(options);
  const { provider, model, body } = o.format === 'chat' ? fromChat(request, o) : fromProviderBody(request, o);
  if (o.apiKey === undefined) throw new RemoteCountError(provider, 'missing-key', 'no API key was given');
  const endpoint = ENDPOINTS[provider];
  const base = (o.baseUrl ?? endpoint.defaultBase).replace(/\/+$/, '');
  const url = endpoint.url(base, model);
  const raw = await postJson({
    provider,
    url,
    headers: endpoint.headers(o.apiKey, o.anthropicVersion),
    body: JSON.stringify(body),
    fetch: o.fetch,
    timeoutMs: o.timeoutMs,
    signal: o.signal,
  });
  const inputTokens = endpoint.count(raw);
  if (inputTokens === undefined) {
    const field = provider === 'gemini' ? 'totalTokens' : 'input_tokens';
    throw new RemoteCountError(provider, 'malformed', `${url} answered without a count (no whole number in ${field}; got ${JSON.stringify(raw).slice(0, 120)})`);
  }
  return { provider, model, inputTokens, raw };
}

/** A model id as the provider's API names it: without a router's prefix (`anthropic/`, `gemini/`, `models/`). */
const bareModel = (model: string): string => model.slice(model.lastIndexOf('/') + 1);

function providerFor(model: string, o: RemoteOptions, field: string): RemoteProvider {
  if (o.provider !== undefined) return o.provider;
  const family = matchModelTokenizer(model)?.family;
  const provider = family === undefined ? undefined : PROVIDER_OF[family];
  if (provider === undefined) {
    throw new InvalidArgumentError('options.provider', `is needed: tokmeter cannot tell whose endpoint counts ${JSON.stringify(model)} (${field}). Pass provider: "anthropic", "gemini" or "openai".`);
  }
  return provider;
}

function fromChat(request: unknown, o: RemoteOptions): { provider: RemoteProvider; model: string; body: Record<string, unknown> } {
  const copy = readRequest(request, 'a chat request { model, messages }');
  const foreign = PROVIDER_FIELDS.find((key) => Object.hasOwn(copy, key));
  if (foreign !== undefined) {
    throw new ChatValidationError(foreign, 'is a field of a provider\'s own body, not of a chat request, and would be left out. To send the provider\'s body as it is, pass { format: "provider" }.');
  }
  const prepared = prepareChatRequest(o.model === undefined ? copy : { ...copy, model: o.model });
  const provider = providerFor(prepared.model, o, o.model === undefined ? 'model' : 'options.model');
  const model = bareModel(prepared.model);
  const body = provider === 'anthropic' ? toAnthropicBody(prepared, model) : provider === 'gemini' ? toGeminiBody(prepared, model) : toOpenAIBody(prepared, model);
  return { provider, model, body };
}

function fromProviderBody(request: unknown, o: RemoteOptions): { provider: RemoteProvider; model: string; body: Record<string, unknown> } {
  const body = { ...(readRequest(request, 'the provider\'s count body, an object') as Record<string, unknown>) };
  const nested = (body['generateContentRequest'] as { model?: unknown } | undefined)?.model;
  const named = o.model ?? (typeof body['model'] === 'string' ? body['model'] : typeof nested === 'string' ? nested : undefined);
  if (named === undefined || named === '') {
    throw new ChatValidationError('model', 'is missing: name the model in the body ({ model }) or, for a Gemini body, in options.model.');
  }
  const provider = providerFor(bareModel(named), o, o.model === undefined ? 'model' : 'options.model');
  const model = bareModel(named);
  // Anthropic and OpenAI read the model from the body; Gemini from the URL.
  if (provider !== 'gemini') body['model'] = model;
  return { provider, model, body };
}
