/**
 * One POST to a count endpoint with the caller's fetch, a timeout and the caller's signal, every
 * failure a `RemoteCountError`. Only fetch, AbortController and timers: no runtime's own API.
 */
import { RemoteCountError } from './errors.js';
import { providerMessage } from './providers.js';
import type { RemoteFetch, RemoteProvider } from './types.js';

export interface PostOptions {
  readonly provider: RemoteProvider;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly fetch: RemoteFetch;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
}

/** The answer's body parsed as a JSON object, after a 2xx status. */
export async function postJson(o: PostOptions): Promise<Record<string, unknown>> {
  // One controller for both ways to stop, our timer and the caller's signal; the first decides the reason.
  const controller = new AbortController();
  let stopped: 'timeout' | 'aborted' | undefined;
  const stop = (why: 'timeout' | 'aborted') => {
    stopped ??= why;
    controller.abort();
  };
  const timer = setTimeout(() => stop('timeout'), o.timeoutMs);
  const onAbort = () => stop('aborted');
  if (o.signal?.aborted) stop('aborted');
  o.signal?.addEventListener('abort', onAbort, { once: true });
  // Rejects when either stops the request, so a fetch that ignores its signal cannot hang the call.
  const stoppedEarly = new Promise<never>((_resolve, reject) => {
    const fail = () => reject(controller.signal.reason); // the catch below turns it into a RemoteCountError by `stopped`
    if (controller.signal.aborted) fail();
    else controller.signal.addEventListener('abort', fail, { once: true });
  });
  stoppedEarly.catch(() => {}); // handled where it is raced; a finished request never awaits it
  let status = 0;
  let text: string;
  try {
    if (controller.signal.aborted) await stoppedEarly; // cancelled before it started: send nothing
    // Called as a plain function: a browser's fetch throws "Illegal invocation" when `this` is another object.
    const send = o.fetch;
    const response = await Promise.race([send(o.url, { method: 'POST', headers: o.headers, body: o.body, signal: controller.signal }), stoppedEarly]);
    status = response.status;
    text = await Promise.race([response.text(), stoppedEarly]);
    if (!response.ok) {
      const message = providerMessage(text);
      throw new RemoteCountError(o.provider, 'http', `${o.url} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${message === undefined ? '' : ` (${message})`}`, {
        status: response.status,
        ...(message !== undefined && { providerMessage: message }),
      });
    }
  } catch (error) {
    if (error instanceof RemoteCountError) throw error;
    if (stopped === 'timeout') throw new RemoteCountError(o.provider, 'timeout', `no complete answer from ${o.url} within ${o.timeoutMs} ms`, { cause: error });
    if (stopped === 'aborted') throw new RemoteCountError(o.provider, 'aborted', 'the request was cancelled', { cause: o.signal?.reason ?? error });
    throw new RemoteCountError(o.provider, 'network', `no answer from ${o.url}: ${describeNetworkError(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onAbort);
  }
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch (error) {
    throw new RemoteCountError(o.provider, 'malformed', `${o.url} answered HTTP ${status} with a body that is not JSON (${JSON.stringify(text.slice(0, 80))})`, { status, cause: error });
  }
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) {
    throw new RemoteCountError(o.provider, 'malformed', `${o.url} answered HTTP ${status} with JSON that is not an object`, { status });
  }
  return answer as Record<string, unknown>;
}

/** Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is in its cause. */
function describeNetworkError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : undefined;
  return detail === undefined ? message : `${message} (${detail})`;
}
