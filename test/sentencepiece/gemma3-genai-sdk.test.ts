// gemma3 against the GenAI SDK's own SentencePiece code (@google/genai 2.32.0, ./tokenizer), run on a
// model proto built from the same tokenizer.json (spm-model.ts): the SDK downloads the real
// gemma3_cleaned_262144_v2.spiece.model at run time, which cannot be had here. Where the two are
// expected to differ, the test pins the difference (docs/gemini-tokenizer.md explains each one).
import { join } from 'node:path';
import fc from 'fast-check';
import { LocalTokenizer } from '@google/genai/tokenizer';
import { beforeAll, describe, expect, test } from 'vitest';
import type { SentencePieceEncoding } from '../../src/sentencepiece/sentencepiece-encoding.js';
import { countGeminiTokens, geminiCountedTexts, type GeminiContents, type GeminiCountConfig } from '../../src/sentencepiece/gemini-contents.js';
import { gemma3ForTest } from './gemma3-oracle.js';
import { gemma3SentencePieceModel } from './spm-model.js';

interface SdkInternals {
  baseTokenizer: { processor?: unknown; ProcessorClass: new (model: Uint8Array) => unknown };
}

let enc: SentencePieceEncoding;
let sdk: LocalTokenizer;

beforeAll(() => {
  enc = gemma3ForTest();
  sdk = new LocalTokenizer('gemini-2.5-flash');
  // The SDK would fetch the model file; hand its processor the stand-in model instead.
  const base = (sdk as unknown as SdkInternals).baseTokenizer;
  base.processor = new base.ProcessorClass(gemma3SentencePieceModel(join(import.meta.dirname, '..', '..')));
}, 120_000);

async function sdkIds(text: string): Promise<number[]> {
  const result = await sdk.computeTokens(text);
  return result.tokensInfo?.[0]?.tokenIds?.map(Number) ?? [];
}

async function expectSameAsSdk(texts: readonly string[]): Promise<void> {
  for (const text of texts) {
    expect({ text, ids: enc.encode(text) }).toEqual({ text, ids: await sdkIds(text) });
    expect((await sdk.countTokens(text)).totalTokens).toBe(enc.count(text));
  }
}

describe("gemma3 against the GenAI SDK's SentencePiece BPE on the same vocabulary", () => {
  test("the SDK's own example and fixed strings", async () => {
    expect(await sdkIds('What is your name?')).toEqual([3689, 563, 822, 1463, 236881]);
    await expectSameAsSdk([
      'What is your name?',
      ' leading, trailing ',
      'a  b and    c' + ' '.repeat(40) + 'd',
      'tabs\t\t\tand\nnewlines\n\n\n' + '\n'.repeat(35),
      'Thé quïck brøwn fox — naïve café',
      '我们今天去北京天安门广场，然后吃了烤鸭。',
      'こんにちは、世界。 안녕하세요 Москва',
      'emoji 🤷🏽‍♀️ 👨‍👩‍👧‍👦 🏳️‍🌈',
      'digits 12345678901234567890 3.14159',
      'function f(x) {\n    return x * 2; // double\n}\n',
      '<table><tr><td>cell</td></tr></table> <unused17> [multimodal]',
      '<bos><eos><start_of_turn>user\nhi<end_of_turn>',
      'x'.repeat(3000),
      'NUL \u0000 private \ue000',
    ]);
  }, 60_000);

  test('generated strings without the two known differences (fast-check; the seed is in the failure)', async () => {
    const pieces = [' ', '  ', '\n', '\n\n', '\t', 'a', 'the', 'ing', 'A', '1', '23', '.', '>', '<', '</', '<td>', '<bos>', '中', '文', '。', 'é', 'ж', '🤷', '\u{1f3fd}', '\u200d'];
    const seed = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
    const texts = fc.sample(fc.oneof(fc.string({ unit: fc.constantFrom(...pieces), minLength: 1, maxLength: 40 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 })), { seed, numRuns: 400 });
    // Excluded: ▁ typed in the text, and characters outside the BMP that are no piece (below).
    const comparable = texts.filter((t) => !t.includes('\u2581') && ![...t].some((c) => c.length === 2 && enc.encode(c).some((id) => id >= 238 && id < 494)));
    try {
      await expectSameAsSdk(comparable);
    } catch (error) {
      throw new Error(`gemma3 differs from the SDK on a generated string (fast-check seed ${seed}; rerun with FC_SEED=${seed})`, { cause: error });
    }
  }, 60_000);

  test('known difference 1: ▁ typed next to spaces (tokenizer.json matches ▁ runs before spaces become ▁)', async () => {
    expect(enc.encode(' \u2581\u2581')).toEqual([236743, 138]); // ▁, ▁▁
    expect(await sdkIds(' \u2581\u2581')).toEqual([139]); // ▁▁▁
  });

  test('known difference 2: the JavaScript SDK steps by UTF-16 unit, so an astral character that is no piece falls back as two U+FFFD', async () => {
    expect(enc.encode('\u{20000}')).toEqual([0xf0, 0xa0, 0x80, 0x80].map((b) => 238 + b)); // its four bytes, as SentencePiece does
    expect(await sdkIds('\u{20000}')).toEqual([0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd].map((b) => 238 + b));
  });

  test("contents, system instruction, tools and response schema: the SDK's countTokens", async () => {
    const weather = {
      name: 'get_weather',
      description: 'Current weather for a city.',
      parameters: {
        type: 'OBJECT',
        title: 'not counted',
        properties: {
          city: { type: 'STRING', description: 'City name, e.g. Zürich' },
          unit: { type: 'STRING', enum: ['celsius', 'fahrenheit'], format: 'enum' },
          days: { type: 'ARRAY', items: { type: 'INTEGER', description: 'day offsets' } },
        },
        required: ['city'],
        example: { city: 'Paris', days: [1, 2], nested: { note: 'warm' } },
      },
      response: { type: 'OBJECT', properties: { temperature: { type: 'NUMBER' } } },
    };
    const cases: [GeminiContents, GeminiCountConfig | undefined][] = [
      ['What is your name?', undefined],
      [['Hello', { text: ' world  ' }], undefined],
      [{ role: 'user', parts: [{ text: '我们今天去北京。' }, { text: 'def f():\n    return 1' }] }, undefined],
      [
        [
          { role: 'user', parts: [{ text: 'Weather in Paris?' }] },
          { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris', opts: { unit: 'celsius', days: [1, 2, 'three'] }, ok: true } } }] },
          { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { temperature: 21.5, summary: 'sunny <b>and</b> warm' } } }] },
        ],
        { systemInstruction: 'You are terse.', tools: [{ functionDeclarations: [weather] }], generationConfig: { responseSchema: { type: 'OBJECT', properties: { answer: { type: 'STRING', description: 'the reply' } }, required: ['answer'] } } },
      ],
    ];
    for (const [contents, config] of cases) {
      const want = (await sdk.countTokens(contents as never, config as never)).totalTokens;
      expect({ contents, count: countGeminiTokens(enc, contents, config) }).toEqual({ contents, count: want });
    }
    // The SDK's order: required before properties, a property's key before its schema, example last.
    expect(geminiCountedTexts('hi', { tools: [{ functionDeclarations: [weather] }] })).toEqual([
      'hi', 'get_weather', 'Current weather for a city.',
      'city',
      'city', 'City name, e.g. Zürich', 'unit', 'enum', 'celsius', 'fahrenheit', 'days', 'day offsets',
      'city', 'days', 'nested', 'Paris', 'note', 'warm',
      'temperature',
    ]);
    expect(() => countGeminiTokens(enc, [{ role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data: '' } }] }])).toThrow(/contents\[0\]\.parts\[0\] holds media/);
    await expect(sdk.countTokens([{ role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data: '' } }] }])).rejects.toThrow(/non-text/);
  }, 60_000);
});
