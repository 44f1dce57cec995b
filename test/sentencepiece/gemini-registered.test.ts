// Gemini ids once gemma3's data is registered (process-wide: this file registers it, so it runs in its
// own worker; test/model-tokenizer.test.ts has the same ids without it). Chat requests are checked
// against the GenAI SDK's own local count (@google/genai 2.32.0 ./tokenizer) of the Gemini request
// they map to, on a model proto built from the same tokenizer.json (see gemma3-genai-sdk.test.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalTokenizer } from '@google/genai/tokenizer';
import { beforeAll, describe, expect, test } from 'vitest';
import gemma3 from '../../packages/tokmeter-open/gemma3.js';
import {
  checkContext,
  getModel,
  countChatTokens,
  countFile,
  countFiles,
  countTokens,
  createTextSplitter,
  createTokenCounter,
  encodeChat,
  encodingForModel,
  encodingNameForModel,
  fitMessages,
  getEncoding,
  InvalidArgumentError,
  isWithinTokenLimit,
  modelTokenizer,
  splitByTokens,
  useEncodingData,
  type ChatRequest,
} from '../../src/index.js';
import { run } from '../../src/cli/run.js';
import { gemma3SentencePieceModel } from './spm-model.js';

interface SdkInternals {
  baseTokenizer: { processor?: unknown; ProcessorClass: new (model: Uint8Array) => unknown };
}

let sdk: LocalTokenizer;

beforeAll(() => {
  useEncodingData(gemma3);
  sdk = new LocalTokenizer('gemini-2.5-flash');
  const base = (sdk as unknown as SdkInternals).baseTokenizer;
  base.processor = new base.ProcessorClass(gemma3SentencePieceModel(join(import.meta.dirname, '..', '..')));
}, 120_000);

const text = 'Gemini counts this text with Gemma 3: 我们今天去北京。 emoji 🤷🏽‍♀️ <b>bold</b>\n\n\tdone';

describe('Gemini ids resolve to gemma3 once its data is registered', () => {
  test.each([
    ['gemini-2.5-pro', 'gemma3', false],
    ['models/gemini-2.0-flash-001', 'gemma3', false],
    ['vertex_ai/gemini-3-pro-preview', 'gemma3', false],
    ['gemini-2.5-flash-preview-09-2025', 'gemma3', false], // placed by its generation
    ['gemini-3.1-pro-preview', 'o200k_base', true], // gemma4: tokmeter has no data for it
    ['gemini-1.5-pro', 'o200k_base', true], // no local tokenizer in the SDK
  ] as const)('%s → %s (approximate: %s)', (model, encoding, approximate) => {
    expect(modelTokenizer(model)).toMatchObject({ encoding, approximate, family: 'google' });
  });

  test('the match says what the exact count covers', () => {
    expect(modelTokenizer('gemini-2.5-pro').note).toMatch(/Text counts are exact.*Images, audio, video and PDFs are not text: countChatTokens estimates them/);
    expect(modelTokenizer('gemini-3.1-pro-preview').note).toMatch(/gemma4/);
  });

  test('countTokens, isWithinTokenLimit and encodingForModel count with gemma3', async () => {
    const want = (await sdk.countTokens(text)).totalTokens ?? -1;
    expect(want).toBeGreaterThan(20);
    expect(countTokens(text, { model: 'gemini-2.5-pro' })).toBe(want);
    expect(countTokens(text, { encoding: 'gemma3' })).toBe(want);
    expect(countTokens('What is your name?', { model: 'gemini-2.0-flash' })).toBe(5); // [3689, 563, 822, 1463, 236881]
    expect(isWithinTokenLimit(text, want, { model: 'gemini-2.5-flash' })).toBe(want);
    expect(isWithinTokenLimit(text, want - 1, { model: 'gemini-2.5-flash' })).toBe(false);
    expect(encodingNameForModel('gemini-2.5-pro')).toBe('gemma3');
    expect(encodingForModel('gemini-2.5-pro')).toBe(getEncoding('gemma3'));
    // Gemini 3.1 still has the stand-in.
    expect(countTokens(text, { model: 'gemini-3.1-pro-preview' })).toBe(getEncoding('o200k_base').count(text));
  });

  test('the command line counts a Gemini model with gemma3 once its data is there (in process: tokmeter-open is not installed here)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokmeter-gemini-cli-'));
    const path = join(dir, 'a.txt');
    writeFileSync(path, text);
    let stderr = '';
    const io = {
      stdin: Readable.from([]),
      stdout: { write: async () => {} },
      stderr: { write: (t: string) => (stderr += t) },
      note: (m: string) => (stderr += `${m}\n`),
    };
    for (const argv of [['count', '--model', 'gemini-2.5-pro', '--json', path], ['count', '--encoding', 'gemma3', '--json', path]]) {
      const outcome = await run(argv, io);
      expect(outcome.code, stderr).toBe(0);
      expect(JSON.parse(outcome.stdout)).toMatchObject({ encoding: 'gemma3', approximate: false, total: { tokens: getEncoding('gemma3').count(text) } });
    }
    const fit = await run(['fit', path, '--model', 'gemini-2.5-pro', '--json'], io);
    expect(fit.code, stderr).toBe(0);
    expect(JSON.parse(fit.stdout)).toMatchObject({ encoding: 'gemma3', approximate: false, inputTokens: getEncoding('gemma3').count(text) });
    expect(stderr).not.toMatch(/no public tokenizer|approximate/); // (fit may warn that the model was shut down)
  });

  test('getModel reports the tokenizer checkContext counts with: gemma3 for 2.5, the stand-in for 3.1', () => {
    expect(getModel('gemini-2.5-pro', { at: '2026-12-07' }).tokenizer).toEqual({ encoding: 'gemma3', exact: true });
    expect(getModel('gemini-3.1-pro-preview', { at: '2026-12-07' }).tokenizer).toEqual({ encoding: 'o200k_base', exact: false });
  });

  test('checkContext counts a Gemini prompt with gemma3 too, exactly', () => {
    const messages = [{ role: 'user' as const, content: text }];
    expect(checkContext({ model: 'gemini-2.5-pro', input: text, at: '2026-12-07' })).toMatchObject({ inputTokens: countTokens(text, { model: 'gemini-2.5-pro' }), approximate: false });
    expect(checkContext({ model: 'gemini-2.5-pro', input: messages, at: '2026-12-07' })).toMatchObject({
      inputTokens: countChatTokens({ model: 'gemini-2.5-pro', messages }).total,
      approximate: false,
    });
    // Gemini 3.1 keeps the catalog's stand-in.
    expect(checkContext({ model: 'gemini-3.1-pro-preview', input: text, at: '2026-12-07' })).toMatchObject({ inputTokens: getEncoding('o200k_base').count(text), approximate: true });
  });

  test('splitByTokens splits with gemma3: chunks join back and each fits', () => {
    const long = Array.from({ length: 40 }, (_, i) => `Sentence ${i} of a Gemini text, 第${i}句。`).join(' ');
    const chunks = splitByTokens(long, { model: 'gemini-2.5-pro', maxTokens: 30 });
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.map((c) => c.text).join('')).toBe(long);
    for (const chunk of chunks) {
      expect(chunk.tokens).toBe(getEncoding('gemma3').count(chunk.text));
      expect(chunk.tokens).toBeLessThanOrEqual(30);
    }
  });

  test('createTokenCounter, countFile, countFiles and createTextSplitter stream gemma3 exactly', async () => {
    const long = `${text} `.repeat(5000);
    for (const options of [{ model: 'gemini-2.5-pro' }, { encoding: 'gemma3' as const }]) {
      const counter = createTokenCounter(options);
      for (let i = 0; i < long.length; i += 777) counter.write(long.slice(i, i + 777));
      expect(counter.end()).toBe(getEncoding('gemma3').count(long));
    }
    const dir = mkdtempSync(join(tmpdir(), 'tokmeter-gemini-'));
    const path = join(dir, 'a.txt');
    writeFileSync(path, long);
    expect(await countFile(path, { model: 'gemini-2.5-pro' })).toMatchObject({ tokens: getEncoding('gemma3').count(long) });
    const [whole, second] = await countFiles([path, path], { model: 'gemini-2.5-flash', splitAbove: 10_000, concurrency: 2 });
    expect(whole).toMatchObject({ tokens: getEncoding('gemma3').count(long) });
    expect(second).toMatchObject({ tokens: getEncoding('gemma3').count(long) });
    const splitter = createTextSplitter({ model: 'gemini-2.5-pro', maxTokens: 300, overlap: 20 });
    const chunks = [];
    for (let i = 0; i < long.length; i += 1234) chunks.push(...splitter.write(long.slice(i, i + 1234)));
    chunks.push(...splitter.end());
    expect(chunks).toEqual(splitByTokens(long, { model: 'gemini-2.5-pro', maxTokens: 300, overlap: 20 }));
    // The stand-in still streams.
    expect((await countFile(path, { model: 'gemini-3.1-pro-preview' })).tokens).toBe(getEncoding('o200k_base').count(long));
  });
});

describe("countChatTokens for Gemini counts what the GenAI SDK counts of the same request", () => {
  const parameters = {
    type: 'object',
    properties: {
      city: { type: 'string', description: 'City name, e.g. Zürich' },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    },
    required: ['city'],
  };

  test('text messages: exact, counted per message, no framing', async () => {
    const request: ChatRequest = {
      model: 'gemini-2.5-pro',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: [{ type: 'text', text: 'Hello' }, { type: 'text', text: ' 我们今天去北京。 ' }] },
        { role: 'assistant', content: 'Hi! What next?' },
        { role: 'user', content: text, name: 'ann' },
      ],
    };
    const count = countChatTokens(request);
    const want = (
      await sdk.countTokens(
        [
          { role: 'user', parts: [{ text: 'Hello' }, { text: ' 我们今天去北京。 ' }] },
          { role: 'model', parts: [{ text: 'Hi! What next?' }] },
          { role: 'user', parts: [{ text }] },
        ],
        { systemInstruction: 'You are terse.' },
      )
    ).totalTokens;
    expect(count).toMatchObject({ total: want, encoding: 'gemma3', approximate: false, format: 'gemini', tools: 0, toolChoice: 0, replyPriming: 0 });
    expect(count.messages).toEqual(['You are terse.', 'Hello', 'Hi! What next?', text].map((t, i) => (i === 1 ? countTokens('Hello', { encoding: 'gemma3' }) + countTokens(' 我们今天去北京。 ', { encoding: 'gemma3' }) : countTokens(t, { encoding: 'gemma3' }))));
    expect(countTokens(request.messages, { model: 'gemini-2.5-pro' })).toBe(want);
  }, 60_000);

  test('tools, tool calls and JSON results: exact', async () => {
    const request: ChatRequest = {
      model: 'gemini-2.5-flash',
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris","opts":{"unit":"celsius"}}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: '{"temperature":21.5,"summary":"sunny <b>and</b> warm"}' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Current weather for a city.', parameters } }],
      tool_choice: 'auto',
    };
    const want = (
      await sdk.countTokens(
        [
          { role: 'user', parts: [{ text: 'Weather in Paris?' }] },
          { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris', opts: { unit: 'celsius' } } } }] },
          { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { temperature: 21.5, summary: 'sunny <b>and</b> warm' } } }] },
        ],
        { tools: [{ functionDeclarations: [{ name: 'get_weather', description: 'Current weather for a city.', parameters: parameters as never }] }] },
      )
    ).totalTokens;
    const count = countChatTokens(request);
    expect(count).toMatchObject({ total: want, approximate: false, format: 'gemini' });
    expect(count.tools).toBeGreaterThan(0);
    expect(count.total).toBe(count.messages.reduce((a, b) => a + b, 0) + count.tools);
  }, 60_000);

  test('a result that is not a JSON object is wrapped as { content } and marked approximate', async () => {
    const request: ChatRequest = {
      model: 'gemini-2.5-flash',
      messages: [
        { role: 'assistant', content: 'Calling.', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'plain text result' },
      ],
    };
    const want = (
      await sdk.countTokens([
        { role: 'model', parts: [{ text: 'Calling.' }, { functionCall: { name: 'lookup', args: {} } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'lookup', response: { content: 'plain text result' } } }] },
      ])
    ).totalTokens;
    expect(countChatTokens(request)).toMatchObject({ total: want, approximate: true });
  }, 60_000);

  test("media, which the SDK does not count, are counted by Google's published rule and marked approximate (each rule: test/chat/gemini-media.test.ts)", async () => {
    const url = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const request: ChatRequest = { model: 'gemini-2.5-pro', messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url } }] }] };
    const text = (await sdk.countTokens([{ role: 'user', parts: [{ text: 'What is this?' }] }])).totalTokens;
    expect(countChatTokens(request)).toMatchObject({ total: (text ?? 0) + 258, images: 258, approximate: true, format: 'gemini' });
    // A media part the rule needs more about is refused with a typed error naming the field to add.
    const audio: ChatRequest = { model: 'gemini-2.5-pro', messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }] }] };
    expect(() => countChatTokens(audio)).toThrow(/input_audio\.duration_seconds is missing/);
  }, 60_000);

  test('encodeChat refuses, fitMessages fits by the same count', () => {
    const messages = [
      { role: 'system' as const, content: 'You are terse.' },
      { role: 'user' as const, content: 'first question '.repeat(20) },
      { role: 'assistant' as const, content: 'first answer' },
      { role: 'user' as const, content: 'second question' },
    ];
    expect(() => encodeChat({ model: 'gemini-2.5-pro', messages })).toThrow(/no prompt ids to give/);
    const whole = countChatTokens({ model: 'gemini-2.5-pro', messages }).total;
    const fitted = fitMessages(messages, { model: 'gemini-2.5-pro', maxTokens: whole - 10 });
    expect(fitted.fits).toBe(true);
    expect(fitted.total).toBe(countChatTokens({ model: 'gemini-2.5-pro', messages: fitted.messages }).total);
  });

  test('Gemini 3.1 keeps the OpenAI-framing stand-in', () => {
    const messages = [{ role: 'user' as const, content: 'hello' }];
    expect(countChatTokens({ model: 'gemini-3.1-pro-preview', messages })).toMatchObject({
      encoding: 'o200k_base',
      approximate: true,
      format: 'chat',
      total: countChatTokens({ model: 'gpt-4o', messages }).total,
    });
  });
});
