import { describe, expect, test } from 'vitest';
import { countChatTokens } from '../../src/chat/index.js';
import { countTokens } from '../../src/count.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { assertFits, checkContext, ContextOverflowError } from '../../src/pricing/index.js';
import type { CheckContextOptions } from '../../src/pricing/index.js';

// Limits from the pricing-facts rows: gpt-4o 128,000 window / 16,384 out; gpt-5 400,000 window,
// 272,000 in, 128,000 out; gpt-4 8,192 / 8,192; Claude 200k; Gemini 1,048,576.

describe('checkContext: counting the prompt', () => {
  test('text is counted with the model encoding (gpt-4o: o200k_base, "hello world" = 2 tokens)', () => {
    expect(checkContext({ model: 'gpt-4o', input: 'hello world', at: '2026-12-07' })).toEqual({
      fits: true,
      model: 'gpt-4o',
      inputTokens: 2,
      outputTokens: 0,
      remaining: 127_998,
      contextWindow: 128_000,
      maxInputTokens: 128_000,
      maxOutputTokens: 16_384,
      approximate: false,
      warnings: [],
    });
  });

  test('gpt-4 counts with cl100k_base', () => {
    const text = 'Ünïcödé and code: const x = 1;\n'.repeat(20);
    expect(checkContext({ model: 'gpt-4-0613', input: text }).inputTokens).toBe(countTokens(text, { encoding: 'cl100k_base' }));
    expect(countTokens(text, { encoding: 'cl100k_base' })).not.toBe(countTokens(text, { encoding: 'o200k_base' }));
  });

  test('a messages array is counted as a chat request (gpt-4o, one "hello" user message = 8 tokens)', () => {
    const check = checkContext({ model: 'openai/gpt-4o', input: [{ role: 'user', content: 'hello' }] });
    expect(check.inputTokens).toBe(8);
  });

  test('a chat request with tools is counted whole, its own model ignored', () => {
    const request = {
      model: 'ignored',
      messages: [
        { role: 'system' as const, content: 'You are terse.' },
        { role: 'user' as const, content: 'What is the weather in Oslo?' },
      ],
      tools: [{ type: 'function' as const, function: { name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
    };
    const expected = countChatTokens({ ...request, model: 'gpt-4o-2024-05-13' }).total;
    expect(checkContext({ model: 'gpt-4o-2024-05-13', input: request }).inputTokens).toBe(expected);
  });

  test('Anthropic and Gemini models count with o200k_base and say approximate', () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(50);
    const claude = checkContext({ model: 'claude-sonnet-4-5', input: text });
    expect(claude.approximate).toBe(true);
    // o200k_base undercounts Claude: the check takes its count times the measured upper ratio.
    const standIn = countTokens(text, { encoding: 'o200k_base' });
    expect(claude).toMatchObject({ standInTokens: standIn, band: { tokenizer: 'claude-3', high: 1.44 } });
    expect(claude.inputTokens).toBe(Math.ceil(standIn * 1.44));
    const newer = checkContext({ model: 'claude-opus-5', input: [{ role: 'user', content: text }] });
    expect(newer).toMatchObject({ band: { tokenizer: 'claude-opus-4-7', high: 1.9 } });
    expect(newer.inputTokens).toBe(Math.ceil(newer.standInTokens! * 1.9));
    const messages = [{ role: 'user' as const, content: text }];
    const gemini = checkContext({ model: 'gemini-2.5-pro', input: messages });
    expect(gemini).toMatchObject({ approximate: true, inputTokens: countChatTokens({ model: 'gpt-4o', messages }).total });
    expect(gemini).not.toHaveProperty('band');
  });

  test('a token count is taken as given and is not approximate', () => {
    expect(checkContext({ model: 'claude-haiku-4-5', input: 1_000 })).toMatchObject({ inputTokens: 1_000, approximate: false, remaining: 199_000 });
    expect(checkContext({ model: 'claude-haiku-4-5', input: 1_000 })).not.toHaveProperty('standInTokens');
  });

  test('a long text overflows gpt-4 (8,192 window)', () => {
    const text = 'hello '.repeat(9_000);
    const tokens = countTokens(text, { encoding: 'cl100k_base' });
    expect(checkContext({ model: 'gpt-4', input: text })).toMatchObject({ fits: false, limit: 'maxInputTokens', overBy: tokens - 8_192 });
  });
});

describe('checkContext: the limits', () => {
  test('gpt-5 row: 300,000 prompt tokens are 28,000 over the 272,000 input limit', () => {
    expect(checkContext({ model: 'gpt-5', input: 300_000 })).toMatchObject({ fits: false, limit: 'maxInputTokens', overBy: 28_000 });
  });

  test('gpt-5 row: 272,000 in + 128,000 out fill the 400,000 window exactly; one more output token breaks the output cap', () => {
    expect(checkContext({ model: 'gpt-5', input: 272_000, maxOutputTokens: 128_000 })).toMatchObject({ fits: true, remaining: 0 });
    expect(checkContext({ model: 'gpt-5', input: 272_000, maxOutputTokens: 128_001 })).toMatchObject({ fits: false, limit: 'maxOutputTokens', overBy: 1 });
  });

  test('gpt-4o row: 120,000 in + 16,384 out are 8,384 over the shared 128,000 window', () => {
    expect(checkContext({ model: 'gpt-4o', input: 120_000, maxOutputTokens: 16_384 })).toMatchObject({ fits: false, limit: 'contextWindow', overBy: 8_384 });
  });

  test('gpt-4o row: asking for 20,000 output tokens is 3,616 over the 16,384 cap, whatever the prompt', () => {
    expect(checkContext({ model: 'gpt-4o', input: 10, maxOutputTokens: 20_000 })).toMatchObject({ fits: false, limit: 'maxOutputTokens', overBy: 3_616 });
  });

  test('gpt-4 row: 8,000 + 192 fits with nothing to spare; 8,001 + 192 is 1 over', () => {
    expect(checkContext({ model: 'gpt-4', input: 8_000, maxOutputTokens: 192 })).toMatchObject({ fits: true, remaining: 0 });
    expect(checkContext({ model: 'gpt-4', input: 8_001, maxOutputTokens: 192 })).toMatchObject({ fits: false, limit: 'contextWindow', overBy: 1 });
  });

  test('remaining is what the tighter limit leaves: gpt-4o 100,000 in + 4,096 out leaves 23,904', () => {
    expect(checkContext({ model: 'gpt-4o', input: 100_000, maxOutputTokens: 4_096 })).toMatchObject({ fits: true, remaining: 23_904 });
  });
});

describe('assertFits', () => {
  test('returns the check when the prompt fits', () => {
    expect(assertFits({ model: 'claude-opus-4-5', input: 150_000, maxOutputTokens: 50_000 })).toMatchObject({ fits: true, remaining: 0 });
  });

  test('throws ContextOverflowError carrying the numbers', () => {
    try {
      assertFits({ model: 'claude-opus-4-5', input: 150_000, maxOutputTokens: 60_000 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ContextOverflowError);
      const e = error as ContextOverflowError;
      expect({ code: e.code, name: e.name, model: e.model, limit: e.limit, overBy: e.overBy, inputTokens: e.inputTokens, outputTokens: e.outputTokens }).toEqual({
        code: 'CONTEXT_OVERFLOW',
        name: 'ContextOverflowError',
        model: 'claude-opus-4-5',
        limit: 'contextWindow',
        overBy: 10_000,
        inputTokens: 150_000,
        outputTokens: 60_000,
      });
      expect(e.contextWindow).toBe(200_000);
      expect(e.message).toBe(
        "tokmeter: the prompt (150000 tokens) plus maxOutputTokens (60000) is 10000 over claude-opus-4-5's context window of 200000. " +
          'Shorten the prompt by at least 10000 tokens, lower maxOutputTokens, or choose a model with a larger window.',
      );
    }
  });

  test('the input-limit message', () => {
    expect(() => assertFits({ model: 'gpt-5-mini', input: 272_001 })).toThrow(
      "tokmeter: the prompt is 272001 tokens, 1 over gpt-5-mini's input limit of 272000. Shorten the prompt by at least 1 tokens, or choose a model with a larger window.",
    );
  });
});

describe('checkContext: bad input', () => {
  test.each([
    [{ model: 'gpt-4o', input: {} }, 'options.input.messages'],
    [{ model: 'gpt-4o', input: -5 }, 'options.input'],
    [{ model: 'gpt-4o', input: 'x', maxOutputTokens: -1 }, 'options.maxOutputTokens'],
    [{ model: 'gpt-4o', input: 'x', maxOutputTokens: 2.5 }, 'options.maxOutputTokens'],
    [{ model: 'gpt-4o' }, 'options.input'],
  ])('%o names %s', (options, field) => {
    try {
      checkContext(options as CheckContextOptions);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).field).toBe(field);
    }
  });
});
