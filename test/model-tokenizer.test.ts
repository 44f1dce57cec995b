import { describe, expect, test } from 'vitest';
import { countChatTokens, countTokens, createTokenCounter, encodingNameForModel, getEncoding, modelTokenizer, UnknownModelError } from '../src/index.js';

/** One rule places every model id the library or the CLI is given (issue 19, point 4). */
describe('modelTokenizer: the one model → tokenizer rule', () => {
  test.each([
    ['gpt-4o', 'o200k_base', false, 'openai'],
    ['gpt-5.5-2026-04-23', 'o200k_base', false, 'openai'],
    ['gpt-5.4-mini', 'o200k_base', false, 'openai'],
    ['o4-mini', 'o200k_base', false, 'openai'],
    ['gpt-4', 'cl100k_base', false, 'openai'],
    ['gpt-3.5-turbo-0125', 'cl100k_base', false, 'openai'],
    ['gpt-oss-120b', 'o200k_harmony', false, 'openai'],
    ['openai/gpt-4.1-mini', 'o200k_base', false, 'openai'],
    // OpenAI has not published the encoding of GPT-5.6 and GPT-6: counted with o200k_base, marked.
    ['gpt-5.6-sol', 'o200k_base', true, 'openai'],
    ['gpt-5.10', 'o200k_base', true, 'openai'],
    ['gpt-6.2-astra', 'o200k_base', true, 'openai'],
    ['gpt-7', 'o200k_base', true, 'openai'],
    ['o9-preview', 'o200k_base', true, 'openai'],
    ['chatgpt-6-latest', 'o200k_base', true, 'openai'],
    ['claude-opus-5', 'o200k_base', true, 'anthropic'],
    ['anthropic/claude-sonnet-5-5', 'o200k_base', true, 'anthropic'],
    ['claude-some-future-model', 'o200k_base', true, 'anthropic'],
    // Without gemma3's data (this file registers none) Gemini 2.0/2.5/3 keep the stand-in too;
    // test/sentencepiece/gemini-registered.test.ts has them with it.
    ['gemini-2.5-pro', 'o200k_base', true, 'google'],
    ['models/gemini-2.0-flash-001', 'o200k_base', true, 'google'],
    ['gemini-3.1-pro-preview', 'o200k_base', true, 'google'],
    ['models/gemini-4-carbon', 'o200k_base', true, 'google'],
    ['groq/llama-3.3-70b-versatile', 'llama3', false, 'meta'],
    ['qwen/qwen3-32b', 'qwen2', false, 'qwen'],
    ['deepseek/deepseek-chat', 'deepseek_v3', false, 'deepseek'],
  ] as const)('%s → %s (approximate: %s, %s)', (model, encoding, approximate, family) => {
    // Claude ids also carry their measured band (test/claude-band.test.ts), Gemini ids a note.
    const { band: _band, note: _note, ...match } = modelTokenizer(model);
    expect(match).toEqual({ encoding, approximate, family });
  });

  test('a Gemini id says how its count could be exact, or why it cannot', () => {
    expect(modelTokenizer('gemini-2.5-flash').note).toMatch(/install tokmeter-open and call useEncodingData\(gemma3\) .*for exact Gemini text counts/);
    expect(modelTokenizer('vertex_ai/gemini-3-pro-preview').note).toMatch(/useEncodingData\(gemma3\)/);
    expect(modelTokenizer('gemini-3.1-pro-preview').note).toMatch(/gemma4, which tokmeter does not have/);
    expect(modelTokenizer('gemini-1.5-pro').note).toBeUndefined(); // the SDK has no local tokenizer for it
    expect(modelTokenizer('gpt-4o').note).toBeUndefined();
  });

  test('Gemini ids keep counting without tokmeter-open, with the stand-in', () => {
    expect(countTokens('hello world', { model: 'gemini-2.5-pro' })).toBe(getEncoding('o200k_base').count('hello world'));
    expect(countChatTokens({ model: 'gemini-2.5-pro', messages: [{ role: 'user', content: 'hello' }] })).toMatchObject({ encoding: 'o200k_base', approximate: true });
    expect(createTokenCounter({ model: 'gemini-2.5-pro' }).end()).toBe(0);
  });

  test('an id of no known family is refused, with the closest names and the way out', () => {
    for (const model of ['llama-2-70b', 'llama-4-scout', 'mistral-large', 'deepseek-coder', 'oxford', '']) {
      expect(() => modelTokenizer(model), model).toThrow(UnknownModelError);
    }
    const error = (() => {
      try {
        modelTokenizer('gtp-4o');
      } catch (e) {
        return e as UnknownModelError;
      }
      throw new Error('expected a throw');
    })();
    expect(error.message).toContain('"gpt-4o"');
    expect(error.message).toContain('{ encoding: "o200k_base" }');
  });

  test('a megabyte-long id is refused quickly, and the message does not quote all of it', () => {
    const id = `x${'a'.repeat(1_000_000)}`;
    const started = performance.now();
    let message = '';
    try {
      modelTokenizer(id);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.length).toBeLessThan(1_000);
    expect(performance.now() - started).toBeLessThan(2_000); // 3.4 s before suggestions were capped
  });

  test('a non-string model is an InvalidArgumentError naming it', () => {
    expect(() => modelTokenizer(42 as unknown as string)).toThrow(/tokmeter: model must be a model id/);
  });
});

describe('counting never refuses a model a user can name', () => {
  const text = 'Counting tokens for a model whose tokenizer is not public.';
  const o200k = getEncoding('o200k_base').count(text);

  test('countTokens counts claude-*, gemini-* and GPT-6 ids with the stand-in', () => {
    for (const model of ['claude-opus-5', 'gemini-3.1-pro-preview', 'gpt-6.2-sol', 'anthropic/claude-haiku-5-5']) {
      expect(countTokens(text, { model }), model).toBe(o200k);
    }
  });

  test('the streaming counter takes the same models', () => {
    const counter = createTokenCounter({ model: 'claude-sonnet-5' });
    counter.write(text.slice(0, 20));
    counter.write(text.slice(20));
    expect(counter.end()).toBe(o200k);
  });

  test('chat counting marks a stand-in count approximate, and an exact one not', () => {
    const messages = [{ role: 'user' as const, content: 'hello' }];
    const claude = countChatTokens({ model: 'claude-opus-5', messages });
    expect(claude.approximate).toBe(true);
    expect(claude.encoding).toBe('o200k_base');
    expect(claude.total).toBe(countChatTokens({ model: 'gpt-4o', messages }).total);
    expect(countChatTokens({ model: 'gpt-4o', messages }).approximate).toBe(false);
    expect(countChatTokens({ model: 'gpt-6-luna', messages }).approximate).toBe(true);
  });

  test('encodingNameForModel keeps to published encodings and says why it refuses the others', () => {
    expect(encodingNameForModel('gpt-5.5')).toBe('o200k_base');
    expect(() => encodingNameForModel('claude-opus-5')).toThrow(/counts it approximately with o200k_base/);
    expect(() => encodingNameForModel('gpt-5.6-sol')).toThrow(UnknownModelError);
  });
});

describe('the price catalog and the tokenizer rule agree', () => {
  test('every built-in model and alias resolves to the tokenizer its catalog entry names', async () => {
    const { getModel, listModels } = await import('../src/pricing/index.js');
    let checked = 0;
    for (const id of listModels()) {
      const model = getModel(id, { at: '2026-12-07' });
      for (const name of [id, ...model.aliases, `${model.provider === 'google' ? 'gemini' : model.provider}/${id}`]) {
        expect(modelTokenizer(name), name).toMatchObject({ encoding: model.tokenizer.encoding, approximate: !model.tokenizer.exact });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(150);
  });
});
