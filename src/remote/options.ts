/** `countTokensRemote`'s options, read by the library's strict-options rule and checked one by one. */
import { describeValue } from '../describe.js';
import { InvalidArgumentError, TokmeterError } from '../errors.js';
import { readOptions } from '../options.js';
import type { CountTokensRemoteOptions, RemoteFetch, RemoteProvider } from './types.js';

const KNOWN = ['apiKey', 'provider', 'format', 'model', 'baseUrl', 'fetch', 'signal', 'timeoutMs', 'anthropicVersion'] as const;
const PROVIDERS: readonly RemoteProvider[] = ['anthropic', 'gemini', 'openai'];
const FN = 'countTokensRemote';

/** The options with their defaults, checked. `apiKey` stays undefined when none was given (refused once the provider is known). */
export interface RemoteOptions {
  readonly apiKey: string | undefined;
  readonly provider: RemoteProvider | undefined;
  readonly format: 'chat' | 'provider';
  readonly model: string | undefined;
  readonly baseUrl: string | undefined;
  readonly fetch: RemoteFetch;
  readonly signal: AbortSignal | undefined;
  readonly timeoutMs: number;
  readonly anthropicVersion: string;
}

const bad = (key: string, what: string, value: unknown) => new InvalidArgumentError(`options.${key}`, `must be ${what}, got ${describeValue(value)}.`);

function optionalString(value: unknown, key: string, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw bad(key, what, value);
  return value;
}

function oneOf<T extends string>(value: unknown, key: string, values: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !values.includes(value as T)) throw bad(key, `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`, value);
  return value as T;
}

function httpUrl(value: unknown): string | undefined {
  const url = optionalString(value, 'baseUrl', 'an absolute http(s) URL such as https://proxy.example.com');
  if (url === undefined) return undefined;
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // refused below
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw bad('baseUrl', 'an absolute http(s) URL such as https://proxy.example.com', value);
  return url;
}

export function readRemoteOptions(options: CountTokensRemoteOptions | undefined): RemoteOptions {
  const o = readOptions(options, KNOWN, FN);
  const apiKey = o.apiKey === '' ? undefined : optionalString(o.apiKey, 'apiKey', 'the provider\'s API key, a string');
  if (o.fetch !== undefined && typeof o.fetch !== 'function') throw bad('fetch', 'a function like fetch', o.fetch);
  if (o.fetch === undefined && typeof globalThis.fetch !== 'function') {
    throw new TokmeterError('INVALID_ARGUMENT', `this runtime has no global fetch. Pass one as ${FN}(request, { fetch }).`);
  }
  // The global one bound to the global object, as browsers require of it.
  const fetch = (o.fetch ?? globalThis.fetch.bind(globalThis)) as RemoteFetch;
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal)) throw bad('signal', 'an AbortSignal', o.signal);
  const timeoutMs = o.timeoutMs ?? 30_000;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0) throw bad('timeoutMs', 'a positive number of milliseconds', o.timeoutMs);
  return {
    apiKey,
    provider: oneOf(o.provider, 'provider', PROVIDERS),
    format: oneOf(o.format, 'format', ['chat', 'provider'] as const) ?? 'chat',
    model: optionalString(o.model, 'model', 'a model id, a non-empty string'),
    baseUrl: httpUrl(o.baseUrl),
    fetch,
    signal: o.signal as AbortSignal | undefined,
    timeoutMs,
    anthropicVersion: optionalString(o.anthropicVersion, 'anthropicVersion', 'an anthropic-version header value such as "2023-06-01"') ?? '2023-06-01',
  };
}
