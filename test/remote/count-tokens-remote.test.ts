import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ChatValidationError, countTokensRemote, InvalidArgumentError, RemoteCountError, UnsupportedContentError } from '../../src/index.js';

/*
 * Issue 20, point 5: countTokensRemote against a local HTTP server that answers as Anthropic's,
 * Gemini's and OpenAI's count endpoints do, checking what each request carries (path, headers,
 * body) and what comes back for each kind of failure.
 */

interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

type Answer = (seen: Seen, res: ServerResponse) => void;

let server: Server;
let baseUrl = '';
let seen: Seen[] = [];
let answer: Answer = (_seen, res) => json(res, 200, {});

const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request: Seen = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: text === '' ? undefined : JSON.parse(text) };
      seen.push(request);
      answer(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  seen = [];
});

const KEY = 'sk-test-secret-0123456789';
const PNG = 'data:image/png;base64,iVBORw0KGgo=';

/** One chat request with everything the converters map: system text, an image, a tool, a call and its result. */
const chat = (model: string) => ({
  model,
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: [{ type: 'text', text: 'Weather in Paris? See:' }, { type: 'image_url', image_url: { url: PNG } }] },
    { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }] },
    { role: 'tool', tool_call_id: 'call_1', content: '{"celsius":21}' },
  ],
  tools: [{ type: 'function', function: { name: 'weather', description: 'Current weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }],
  tool_choice: 'auto',
  temperature: 0.2,
});

describe('each provider, from a chat request', () => {
  test('Anthropic: POST /v1/messages/count_tokens with x-api-key and anthropic-version, a Messages body', async () => {
    answer = (_s, res) => json(res, 200, { input_tokens: 431 });
    const result = await countTokensRemote(chat('anthropic/claude-sonnet-5'), { apiKey: KEY, baseUrl });
    expect(result).toEqual({ provider: 'anthropic', model: 'claude-sonnet-5', inputTokens: 431, raw: { input_tokens: 431 } });
    const [request] = seen;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/messages/count_tokens' });
    expect(request!.headers).toMatchObject({ 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' });
    expect(request!.headers.authorization).toBeUndefined();
    expect(request!.body).toEqual({
      model: 'claude-sonnet-5',
      system: 'You are terse.',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather in Paris? See:' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Paris' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: '{"celsius":21}' }] },
      ],
      tools: [{ name: 'weather', description: 'Current weather', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }],
      tool_choice: { type: 'auto' },
    });
  });

  test('Gemini: POST /v1beta/models/{model}:countTokens with x-goog-api-key, a generateContentRequest', async () => {
    answer = (_s, res) => json(res, 200, { totalTokens: 97, promptTokensDetails: [{ modality: 'TEXT', tokenCount: 97 }] });
    const result = await countTokensRemote(chat('gemini/gemini-3.8-flash'), { apiKey: KEY, baseUrl: `${baseUrl}/` });
    expect(result).toMatchObject({ provider: 'gemini', model: 'gemini-3.8-flash', inputTokens: 97 });
    const [request] = seen;
    expect(request).toMatchObject({ method: 'POST', path: '/v1beta/models/gemini-3.8-flash:countTokens' });
    expect(request!.headers).toMatchObject({ 'x-goog-api-key': KEY });
    expect(request!.body).toEqual({
      generateContentRequest: {
        model: 'models/gemini-3.8-flash',
        systemInstruction: { parts: [{ text: 'You are terse.' }] },
        contents: [
          { role: 'user', parts: [{ text: 'Weather in Paris? See:' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }] },
          { role: 'model', parts: [{ functionCall: { name: 'weather', args: { city: 'Paris' } } }] },
          { role: 'user', parts: [{ functionResponse: { name: 'weather', response: { celsius: 21 } } }] },
        ],
        tools: [{ functionDeclarations: [{ name: 'weather', description: 'Current weather', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }] }],
        toolConfig: { functionCallingConfig: { mode: 'AUTO' } },
      },
    });
  });

  test("Gemini gets a part's media_resolution as its per-part mediaResolution level", async () => {
    answer = (_s, res) => json(res, 200, { totalTokens: 300 });
    await countTokensRemote(
      { model: 'gemini/gemini-3-flash-preview', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', media_resolution: 'low' } }, { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', media_resolution: 'high' } }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }] }] },
      { apiKey: KEY, baseUrl },
    );
    const body = seen[0]!.body as { generateContentRequest: { contents: { parts: unknown[] }[] } };
    expect(body.generateContentRequest.contents[0]!.parts).toEqual([
      { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' }, mediaResolution: { level: 'MEDIA_RESOLUTION_LOW' } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' }, mediaResolution: { level: 'MEDIA_RESOLUTION_HIGH' } },
      { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
    ]);
  });

  test('Gemini leaves out a zero count: an empty answer is 0 tokens', async () => {
    answer = (_s, res) => json(res, 200, {});
    expect((await countTokensRemote({ model: 'gemini-3.8-flash', messages: [] }, { apiKey: KEY, baseUrl })).inputTokens).toBe(0);
  });

  test('OpenAI: POST /v1/responses/input_tokens with a Bearer key, a Responses body', async () => {
    answer = (_s, res) => json(res, 200, { object: 'response.input_tokens', input_tokens: 64 });
    const result = await countTokensRemote(chat('gpt-6.2-astra'), { apiKey: KEY, baseUrl });
    expect(result).toMatchObject({ provider: 'openai', model: 'gpt-6.2-astra', inputTokens: 64, raw: { object: 'response.input_tokens', input_tokens: 64 } });
    const [request] = seen;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/responses/input_tokens' });
    expect(request!.headers).toMatchObject({ authorization: `Bearer ${KEY}` });
    expect(request!.headers['x-api-key']).toBeUndefined();
    expect(request!.body).toEqual({
      model: 'gpt-6.2-astra',
      input: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: [{ type: 'input_text', text: 'Weather in Paris? See:' }, { type: 'input_image', image_url: PNG, detail: 'auto' }] },
        { type: 'function_call', call_id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call_output', call_id: 'call_1', output: '{"celsius":21}' },
      ],
      tools: [{ type: 'function', name: 'weather', description: 'Current weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }],
      tool_choice: 'auto',
    });
  });
});

describe('the provider\'s own body, with format: "provider"', () => {
  test('an Anthropic body is sent as it is (its system field included)', async () => {
    answer = (_s, res) => json(res, 200, { input_tokens: 14 });
    const body = { model: 'claude-opus-5', system: 'You are a scientist', messages: [{ role: 'user', content: 'Hello, Claude' }] };
    const result = await countTokensRemote(body, { apiKey: KEY, baseUrl, format: 'provider' });
    expect(result.inputTokens).toBe(14);
    expect(seen[0]!.body).toEqual(body);
  });

  test('a Gemini body names no model: options.model puts it in the path', async () => {
    answer = (_s, res) => json(res, 200, { totalTokens: 5 });
    const body = { contents: [{ role: 'user', parts: [{ text: 'hello' }] }] };
    await countTokensRemote(body, { apiKey: KEY, baseUrl, format: 'provider', model: 'gemini-4-neon' });
    expect(seen[0]).toMatchObject({ path: '/v1beta/models/gemini-4-neon:countTokens', body });
  });

  test('a chat request holding a provider field is refused, pointing at format: "provider"', async () => {
    const error = await countTokensRemote({ model: 'claude-opus-5', system: 'x', messages: [] }, { apiKey: KEY, baseUrl }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatValidationError);
    expect((error as ChatValidationError).field).toBe('system');
    expect((error as Error).message).toContain('format: "provider"');
    expect(seen).toEqual([]);
  });
});

/** The error a call rejects with. */
async function failure(promise: Promise<unknown>): Promise<RemoteCountError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RemoteCountError);
  const typed = error as RemoteCountError;
  expect(typed.message.startsWith('tokmeter: ')).toBe(true);
  expect(typed.message).not.toContain(KEY);
  return typed;
}

const hello = { model: 'claude-haiku-5-5', messages: [{ role: 'user', content: 'hello' }] };

describe('failures are RemoteCountErrors that say how to fix them', () => {
  test('no API key: refused before any request', async () => {
    const error = await failure(countTokensRemote(hello, { baseUrl }));
    expect([error.code, error.reason, error.provider]).toEqual(['REMOTE_COUNT_MISSING_KEY', 'missing-key', 'anthropic']);
    expect(error.message).toContain('{ apiKey }): your ANTHROPIC_API_KEY');
    expect((await failure(countTokensRemote(hello, { apiKey: '', baseUrl }))).reason).toBe('missing-key');
    expect(seen).toEqual([]);
  });

  test('401 with the provider\'s error JSON: the status and its message, and to check the key', async () => {
    answer = (_s, res) => json(res, 401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
    const error = await failure(countTokensRemote(hello, { apiKey: KEY, baseUrl }));
    expect([error.code, error.status, error.providerMessage]).toEqual(['REMOTE_COUNT_HTTP', 401, 'authentication_error: invalid x-api-key']);
    expect(error.message).toContain('HTTP 401');
    expect(error.message).toContain('invalid x-api-key');
    expect(error.message).toContain('Check options.apiKey');
  });

  test('Gemini\'s and OpenAI\'s error shapes give their messages too', async () => {
    answer = (_s, res) => json(res, 400, { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT' } });
    expect((await failure(countTokensRemote({ model: 'gemini-4-neon', messages: [] }, { apiKey: KEY, baseUrl }))).providerMessage).toBe('INVALID_ARGUMENT: API key not valid. Please pass a valid API key.');
    answer = (_s, res) => json(res, 404, { error: { message: 'The model `gpt-9` does not exist', type: 'invalid_request_error', code: 'model_not_found' } });
    const error = await failure(countTokensRemote({ model: 'gpt-9', messages: [] }, { apiKey: KEY, baseUrl }));
    expect([error.status, error.providerMessage]).toEqual([404, 'invalid_request_error: The model `gpt-9` does not exist']);
    expect(error.message).toContain('Check the model id');
  });

  test('500 with a body that is not JSON', async () => {
    answer = (_s, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('upstream exploded');
    };
    const error = await failure(countTokensRemote(hello, { apiKey: KEY, baseUrl }));
    expect([error.code, error.status, error.providerMessage]).toEqual(['REMOTE_COUNT_HTTP', 500, undefined]);
    expect(error.message).toContain('try again later');
  });

  test('200 with broken JSON, or JSON without a count: malformed', async () => {
    answer = (_s, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"input_tokens": 4');
    };
    expect((await failure(countTokensRemote(hello, { apiKey: KEY, baseUrl }))).code).toBe('REMOTE_COUNT_MALFORMED');
    answer = (_s, res) => json(res, 200, { input_tokens: '12' });
    const error = await failure(countTokensRemote(hello, { apiKey: KEY, baseUrl }));
    expect(error.code).toBe('REMOTE_COUNT_MALFORMED');
    expect(error.message).toContain('options.baseUrl');
  });

  test('a slow answer: timeout after timeoutMs', async () => {
    answer = (_s, res) => {
      const timer = setTimeout(() => json(res, 200, { input_tokens: 1 }), 5_000);
      res.on('close', () => clearTimeout(timer));
    };
    const started = Date.now();
    const error = await failure(countTokensRemote(hello, { apiKey: KEY, baseUrl, timeoutMs: 150 }));
    expect(error.code).toBe('REMOTE_COUNT_TIMEOUT');
    expect(error.message).toContain('within 150 ms');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  test('a body that stops half way: timeout too (the whole answer is timed)', async () => {
    answer = (_s, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"input_tokens":');
      const timer = setTimeout(() => res.end(' 1}'), 5_000);
      res.on('close', () => clearTimeout(timer));
    };
    expect((await failure(countTokensRemote(hello, { apiKey: KEY, baseUrl, timeoutMs: 150 }))).code).toBe('REMOTE_COUNT_TIMEOUT');
  });

  test('the caller\'s signal: aborted, before or during the request', async () => {
    expect((await failure(countTokensRemote(hello, { apiKey: KEY, baseUrl, signal: AbortSignal.abort() }))).code).toBe('REMOTE_COUNT_ABORTED');
    answer = (_s, res) => {
      const timer = setTimeout(() => json(res, 200, { input_tokens: 1 }), 5_000);
      res.on('close', () => clearTimeout(timer));
    };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect((await failure(countTokensRemote(hello, { apiKey: KEY, baseUrl, signal: controller.signal }))).code).toBe('REMOTE_COUNT_ABORTED');
  });

  test('nothing listening: a network error naming the cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(countTokensRemote(hello, { apiKey: KEY, baseUrl: `http://127.0.0.1:${port}` }));
    expect(error.code).toBe('REMOTE_COUNT_NETWORK');
    expect(error.message).toContain('ECONNREFUSED');
  });

  test('a signal aborted before the call: nothing is sent', async () => {
    let calls = 0;
    const counting = async () => {
      calls++;
      return { ok: true, status: 200, statusText: 'OK', text: async () => '{"input_tokens": 1}' };
    };
    expect((await failure(countTokensRemote(hello, { apiKey: KEY, fetch: counting, signal: AbortSignal.abort() }))).code).toBe('REMOTE_COUNT_ABORTED');
    expect(calls).toBe(0);
  });

  test('the fetch is called as a plain function (a browser\'s throws when bound to another object)', async () => {
    let self: unknown = 'unset';
    const strict = async function (this: unknown) {
      self = this;
      return { ok: true, status: 200, statusText: 'OK', text: async () => '{"input_tokens": 1}' };
    };
    await countTokensRemote(hello, { apiKey: KEY, fetch: strict });
    expect(self).toBeUndefined();
  });

  test('a fetch that ignores its signal still times out', async () => {
    const hanging = () => new Promise<never>(() => {});
    expect((await failure(countTokensRemote(hello, { apiKey: KEY, fetch: hanging, timeoutMs: 50 }))).code).toBe('REMOTE_COUNT_TIMEOUT');
  });
});

describe('requests and options refused before anything is sent', () => {
  test('a remote image URL for Anthropic, whose count endpoint wants images inline', async () => {
    const request = { model: 'claude-opus-5', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] }] };
    const error = await countTokensRemote(request, { apiKey: KEY, baseUrl }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedContentError);
    expect((error as UnsupportedContentError).field).toBe('messages[0].content[0].image_url.url');
  });

  test('a model of no known provider needs options.provider', async () => {
    const error = await countTokensRemote({ model: 'my-proxy-model', messages: [] }, { apiKey: KEY, baseUrl }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).field).toBe('options.provider');
    answer = (_s, res) => json(res, 200, { input_tokens: 3 });
    expect((await countTokensRemote({ model: 'my-proxy-model', messages: [] }, { apiKey: KEY, baseUrl, provider: 'anthropic' })).inputTokens).toBe(3);
  });

  test.each([
    [{ apiKey: 42 }, 'options.apiKey'],
    [{ provider: 'mistral' }, 'options.provider'],
    [{ format: 'raw' }, 'options.format'],
    [{ baseUrl: 'ftp://example.com' }, 'options.baseUrl'],
    [{ baseUrl: 'not a url' }, 'options.baseUrl'],
    [{ timeoutMs: 0 }, 'options.timeoutMs'],
    [{ signal: {} }, 'options.signal'],
    [{ fetch: 'fetch' }, 'options.fetch'],
    [{ apiKye: KEY }, 'options.apiKye'],
  ])('%o → %s', async (options, field) => {
    const error = await countTokensRemote(hello, { apiKey: KEY, ...options } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).field).toBe(field);
  });
});
