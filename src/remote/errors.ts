import { TokmeterError, type TokmeterErrorCode } from '../errors.js';
import type { RemoteProvider } from './types.js';

/**
 * Why a remote count failed: no API key given, an HTTP status other than 2xx, an answer without a
 * count, no answer in time, cancelled by the caller, or no answer at all.
 */
export type RemoteCountFailure = 'missing-key' | 'http' | 'malformed' | 'timeout' | 'aborted' | 'network';

const CODES: Record<RemoteCountFailure, TokmeterErrorCode> = {
  'missing-key': 'REMOTE_COUNT_MISSING_KEY',
  http: 'REMOTE_COUNT_HTTP',
  malformed: 'REMOTE_COUNT_MALFORMED',
  timeout: 'REMOTE_COUNT_TIMEOUT',
  aborted: 'REMOTE_COUNT_ABORTED',
  network: 'REMOTE_COUNT_NETWORK',
};

const KEY_NAMES: Record<RemoteProvider, string> = { anthropic: 'ANTHROPIC_API_KEY', gemini: 'GEMINI_API_KEY', openai: 'OPENAI_API_KEY' };

/** How to fix an HTTP failure, by status. */
function httpFix(provider: RemoteProvider, status: number): string {
  if (status === 401 || status === 403) return `Check options.apiKey: it must be a valid ${provider} API key (${KEY_NAMES[provider]}) allowed to use this model.`;
  if (status === 404) return 'Check the model id (the provider must know it) and options.baseUrl.';
  if (status === 429) return 'The count endpoint has its own rate limit; wait and try again.';
  if (status >= 500) return 'The provider failed; try again later.';
  return 'The provider refused the request as sent: fix what its message names (with format: "provider", the body is sent as you gave it).';
}

/**
 * A provider's count endpoint did not give a count. `reason` tells the cases apart (and `code`:
 * `REMOTE_COUNT_MISSING_KEY`, `_HTTP`, `_MALFORMED`, `_TIMEOUT`, `_ABORTED`, `_NETWORK`); an HTTP
 * failure carries the `status` and the provider's own error message. The API key is never part of
 * the message.
 */
export class RemoteCountError extends TokmeterError {
  override name = 'RemoteCountError' as const;
  readonly provider: RemoteProvider;
  readonly reason: RemoteCountFailure;
  /** The HTTP status, when the provider answered. */
  readonly status: number | undefined;
  /** The provider's error message, when its answer had one. */
  readonly providerMessage: string | undefined;

  constructor(provider: RemoteProvider, reason: RemoteCountFailure, detail: string, options: { status?: number; providerMessage?: string; cause?: unknown } = {}) {
    const fix = {
      // No "process.env" in the text: the library's browser bundle must not carry it (test/runtimes/bundle-size.test.ts).
      'missing-key': `Pass the key as countTokensRemote(request, { apiKey }): your ${KEY_NAMES[provider]}, read from wherever you keep it (tokmeter reads no environment).`,
      http: httpFix(provider, options.status ?? 0),
      malformed: 'Check options.baseUrl: it must lead to the provider\'s API (or a proxy that answers like it).',
      timeout: 'Try again, or allow more time (options.timeoutMs).',
      aborted: 'The caller cancelled it.',
      network: 'Check the network connection and options.baseUrl, then try again.',
    }[reason];
    super(CODES[reason], `${provider} token count: ${detail}. ${fix}`, { cause: options.cause });
    this.provider = provider;
    this.reason = reason;
    this.status = options.status;
    this.providerMessage = options.providerMessage;
  }
}
