/** The public shapes of `countTokensRemote`. */

/** A provider whose free count endpoint `countTokensRemote` can ask. */
export type RemoteProvider = 'anthropic' | 'gemini' | 'openai';

/** What `countTokensRemote` needs of `fetch`: the global one fits, and so does a test double. */
export type RemoteFetch = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ ok: boolean; status: number; statusText: string; text(): Promise<string> }>;

export interface CountTokensRemoteOptions {
  /**
   * The provider's API key: sent as `x-api-key` (Anthropic), `x-goog-api-key` (Gemini) or
   * `Authorization: Bearer` (OpenAI), to that provider only. Required: tokmeter reads no
   * environment variable; pass e.g. `process.env.ANTHROPIC_API_KEY` yourself.
   */
  apiKey?: string;
  /**
   * Whose endpoint to ask.
   * @default from the model id: claude-* → anthropic, gemini-* → gemini, gpt-*, o<digit>*, chatgpt-* → openai
   */
  provider?: RemoteProvider;
  /**
   * What the request is: `'chat'`, tokmeter's provider-neutral chat request (Chat Completions
   * shape: `{ model, messages, tools, tool_choice }`), converted to the provider's body; or
   * `'provider'`, the provider's own count body, sent as it is.
   * @default 'chat'
   */
  format?: 'chat' | 'provider';
  /**
   * The model, when the request does not name it (a Gemini body has none; the model is in the
   * URL), or to replace the one it names.
   */
  model?: string;
  /**
   * Where the provider's API is, for a proxy or a test server: it replaces
   * `https://api.anthropic.com`, `https://generativelanguage.googleapis.com` or
   * `https://api.openai.com`, and the endpoint's path (`/v1/messages/count_tokens`,
   * `/v1beta/models/{model}:countTokens`, `/v1/responses/input_tokens`) is appended to it.
   */
  baseUrl?: string;
  /** @default globalThis.fetch */
  fetch?: RemoteFetch;
  /** Cancels the request; the promise then rejects with a `RemoteCountError` whose `reason` is `aborted`. */
  signal?: AbortSignal;
  /**
   * How long to wait for the whole answer, in milliseconds.
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * Anthropic only: the `anthropic-version` header.
   * @default '2023-06-01'
   */
  anthropicVersion?: string;
}

/** The provider's own count of a request's input tokens. */
export interface RemoteTokenCount {
  provider: RemoteProvider;
  /** The model id sent to the provider. */
  model: string;
  /** `input_tokens` (Anthropic, OpenAI) or `totalTokens` (Gemini). */
  inputTokens: number;
  /** The provider's answer, parsed. */
  raw: Record<string, unknown>;
}
