import { describe, expect, test } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { costFromUsage, estimateCost, UnsupportedTierError } from '../../src/pricing/index.js';
import type { CostFromUsageOptions, ProviderUsage } from '../../src/pricing/index.js';

// Usage semantics from the facts doc ("Usage objects: what each field means"); prices from its rows.

describe('costFromUsage: OpenAI Chat Completions usage', () => {
  test('gpt-4o-mini row (0.15 / 0.075 / 0.60): prompt_tokens includes cached_tokens: 86 × 0.15 + 1,920 × 0.075 + 300 × 0.60 = 0.0003369', () => {
    const cost = costFromUsage({
      model: 'gpt-4o-mini-2024-07-18',
      usage: {
        prompt_tokens: 2_006,
        completion_tokens: 300,
        total_tokens: 2_306,
        prompt_tokens_details: { cached_tokens: 1_920, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      },
    });
    expect(cost.format).toBe('openai-chat');
    expect(cost.model).toBe('gpt-4o-mini');
    expect(cost.total).toBe(0.0003369);
    expect(cost.tokens).toMatchObject({ input: 2_006, cachedInput: 1_920, output: 300 });
  });

  test('o3 flex row (1 / 0.25 / 4), tier reported by the response: 3,000 in (1,000 cached) + 5,000 out (4,000 reasoning) = 0.02225', () => {
    // 2,000 × 1 + 1,000 × 0.25 + 1,000 × 4 + 4,000 × 4 = 2,000 + 250 + 4,000 + 16,000 µ$
    const cost = costFromUsage({
      model: 'o3',
      tier: 'flex',
      usage: { prompt_tokens: 3_000, completion_tokens: 5_000, prompt_tokens_details: { cached_tokens: 1_000 }, completion_tokens_details: { reasoning_tokens: 4_000 } },
    });
    expect(cost.total).toBe(0.02225);
    expect(cost.breakdown.reasoning).toBe(0.016);
  });

  test("service_tier 'default' is the standard row; null details are accepted", () => {
    const usage = { prompt_tokens: 1_000_000, completion_tokens: 0, prompt_tokens_details: null, completion_tokens_details: null };
    expect(costFromUsage({ model: 'gpt-4.1', usage, tier: 'default' }).total).toBe(2);
  });

  test('cached_tokens above prompt_tokens names the usage field', () => {
    const call = () => costFromUsage({ model: 'gpt-4o', usage: { prompt_tokens: 10, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 11 } } });
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(/^tokmeter: options\.usage\.prompt_tokens_details\.cached_tokens takes/);
  });

  test('a negative count names the usage field', () => {
    expect(() => costFromUsage({ model: 'gpt-4o', usage: { prompt_tokens: -1, completion_tokens: 1 } })).toThrow(
      'tokmeter: options.usage.prompt_tokens must be a non-negative integer, got -1.',
    );
  });
});

describe('costFromUsage: OpenAI Responses usage', () => {
  test('o4-mini row (1.10 / 0.275 / 4.40): 5,000 in (4,096 cached), 2,000 out (1,792 reasoning) = 0.0109208', () => {
    // 904 × 1.10 + 4,096 × 0.275 + 2,000 × 4.40 = 994.4 + 1,126.4 + 8,800 µ$
    const cost = costFromUsage({
      model: 'o4-mini',
      usage: {
        input_tokens: 5_000,
        input_tokens_details: { cached_tokens: 4_096 },
        output_tokens: 2_000,
        output_tokens_details: { reasoning_tokens: 1_792 },
        total_tokens: 7_000,
      },
    });
    expect(cost.format).toBe('openai-responses');
    expect(cost.total).toBe(0.0109208);
    expect(cost.breakdown.reasoning).toBe(0.0078848);
  });
});

describe('costFromUsage: Anthropic Messages usage', () => {
  test('claude-sonnet-4-5 row (3 / 3.75 / 6 / 0.30 / 15): input_tokens excludes cache reads and writes; split by cache_creation = 0.0579', () => {
    // 50 × 3 + 100,000 × 0.30 + 1,000 × 3.75 + 2,000 × 6 + 800 × 15 = 150 + 30,000 + 3,750 + 12,000 + 12,000 µ$
    const cost = costFromUsage({
      model: 'claude-sonnet-4-5-20250929',
      usage: {
        input_tokens: 50,
        cache_read_input_tokens: 100_000,
        cache_creation_input_tokens: 3_000,
        cache_creation: { ephemeral_5m_input_tokens: 1_000, ephemeral_1h_input_tokens: 2_000 },
        output_tokens: 800,
        service_tier: 'standard',
      },
    });
    expect(cost.format).toBe('anthropic');
    expect(cost.total).toBe(0.0579);
    expect(cost.tokens).toMatchObject({ input: 103_050, cachedInput: 100_000, cacheWrite5m: 1_000, cacheWrite1h: 2_000, output: 800 });
  });

  test('claude-haiku-4-5 row (1 / 1.25 / 0.10 / 5): without the split, cache_creation_input_tokens are 5-minute writes = 0.00285', () => {
    // 100 × 1 + 1,000 × 1.25 + 10,000 × 0.10 + 100 × 5 = 100 + 1,250 + 1,000 + 500 µ$
    const cost = costFromUsage({
      model: 'anthropic/claude-haiku-4-5',
      usage: { input_tokens: 100, cache_creation_input_tokens: 1_000, cache_read_input_tokens: 10_000, output_tokens: 100, cache_creation: null },
    });
    expect(cost.total).toBe(0.00285);
  });

  test('claude-sonnet-4-5 >200k row: the prompt for tiering is input + cache read + cache write (150,000 + 60,000) = 0.9585', () => {
    // 150,000 × 6 + 60,000 × 0.60 + 1,000 × 22.50 = 900,000 + 36,000 + 22,500 µ$
    const cost = costFromUsage({ model: 'claude-sonnet-4-5', usage: { input_tokens: 150_000, cache_read_input_tokens: 60_000, output_tokens: 1_000 } });
    expect(cost.longContext).toEqual({ above: 200_000 });
    expect(cost.total).toBe(0.9585);
  });

  test('bare { input_tokens, output_tokens } reads as Anthropic for a Claude model and as Responses otherwise', () => {
    const usage = { input_tokens: 1_000, output_tokens: 100 };
    expect(costFromUsage({ model: 'claude-3-5-haiku', usage }).format).toBe('anthropic');
    expect(costFromUsage({ model: 'gpt-4o', usage }).format).toBe('openai-responses');
    // claude-3-5-haiku row (0.80 / 4): 1,000 × 0.80 + 100 × 4 = 0.0012
    expect(costFromUsage({ model: 'claude-3-5-haiku', usage }).total).toBe(0.0012);
  });

  test('a cache_creation split that disagrees with cache_creation_input_tokens is refused', () => {
    const usage = { input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: 10, cache_creation: { ephemeral_5m_input_tokens: 3, ephemeral_1h_input_tokens: 3 } };
    const call = () => costFromUsage({ model: 'claude-opus-4-1', usage });
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow('tokmeter: options.usage.cache_creation splits 3 + 3 cache-write tokens, but cache_creation_input_tokens is 10;');
  });

  test('Anthropic has no priority tier in the catalog', () => {
    expect(() => costFromUsage({ model: 'claude-opus-4-1', usage: { input_tokens: 1, output_tokens: 1 }, tier: 'priority' })).toThrow(UnsupportedTierError);
  });
});

describe('costFromUsage: Gemini usageMetadata', () => {
  test('gemini-2.5-flash row (0.30 / 0.03 / 2.50): thoughts and tool-use prompt are added; cached is inside the prompt = 0.0065', () => {
    // input = 12,000 + 200 = 12,200 (8,000 cached); output = 500 + 1,500 thoughts
    // 4,200 × 0.30 + 8,000 × 0.03 + 2,000 × 2.50 = 1,260 + 240 + 5,000 µ$
    const cost = costFromUsage({
      model: 'gemini/gemini-2.5-flash',
      usage: {
        promptTokenCount: 12_000,
        cachedContentTokenCount: 8_000,
        candidatesTokenCount: 500,
        thoughtsTokenCount: 1_500,
        toolUsePromptTokenCount: 200,
        totalTokenCount: 14_200,
      },
    });
    expect(cost.format).toBe('gemini');
    expect(cost.total).toBe(0.0065);
    expect(cost.tokens).toMatchObject({ input: 12_200, cachedInput: 8_000, output: 2_000, reasoning: 1_500 });
  });

  test('gemini-2.0-flash row (0.10, audio 0.70, 0.40): uncached AUDIO tokens from promptTokensDetails = 0.0004325', () => {
    // 1,000 prompt = 600 text + 400 audio, of which 100 audio cached (0.025); 400 out:
    // 600 × 0.10 + 300 × 0.70 + 100 × 0.025 + 400 × 0.40 = 60 + 210 + 2.5 + 160 = 432.5 µ$
    const cost = costFromUsage({
      model: 'gemini-2.0-flash',
      usage: {
        promptTokenCount: 1_000,
        cachedContentTokenCount: 100,
        candidatesTokenCount: 400,
        promptTokensDetails: [
          { modality: 'TEXT', tokenCount: 600 },
          { modality: 'AUDIO', tokenCount: 400 },
        ],
        cacheTokensDetails: [{ modality: 'AUDIO', tokenCount: 100 }],
      },
    });
    expect(cost.tokens.audioInput).toBe(300);
    expect(cost.total).toBe(0.0004325);
  });

  test('gemini-2.5-pro >200k row: promptTokenCount above 200,000 re-prices all: 210,000 × 2.50 + 1,000 × 15 = 0.54', () => {
    const cost = costFromUsage({ model: 'gemini-2.5-pro', usage: { promptTokenCount: 210_000, candidatesTokenCount: 1_000 } });
    expect(cost.total).toBe(0.54);
  });

  test('zero counts left out (as the API does) are zero', () => {
    expect(costFromUsage({ model: 'gemini-2.5-flash-lite', usage: { promptTokenCount: 5, totalTokenCount: 5 } }).total).toBe(5e-7);
  });
});

describe('costFromUsage: shape', () => {
  test('the result equals estimateCost of the normalised counts', () => {
    const fromUsage = costFromUsage({ model: 'claude-opus-4-5', usage: { input_tokens: 10, cache_read_input_tokens: 20, cache_creation_input_tokens: 30, output_tokens: 40 } });
    const direct = estimateCost({ model: 'claude-opus-4-5', inputTokens: 60, cachedInputTokens: 20, cacheWriteTokens: 30, outputTokens: 40 });
    const { format, ...rest } = fromUsage;
    expect(format).toBe('anthropic');
    expect(rest).toEqual(direct);
  });

  test('an object with no usage fields is refused with a hint', () => {
    expect(() => costFromUsage({ model: 'gpt-4o', usage: { tokens: 5 } as unknown as ProviderUsage })).toThrow(
      /^tokmeter: options\.usage has none of the fields of an OpenAI, Anthropic or Gemini usage object/,
    );
  });

  test('format forces a reading', () => {
    const usage = { input_tokens: 100, output_tokens: 0, cache_read_input_tokens: 100 };
    // As Anthropic: 100 uncached + 100 read. As Responses the cache field is unknown and ignored: 100 uncached.
    expect(costFromUsage({ model: 'claude-haiku-4-5', usage }).tokens.input).toBe(200);
    expect(costFromUsage({ model: 'claude-haiku-4-5', usage, format: 'openai-responses' }).tokens.input).toBe(100);
  });

  test('missing usage', () => {
    expect(() => costFromUsage({ model: 'gpt-4o' } as CostFromUsageOptions)).toThrow('tokmeter: options.usage is required; it must be a usage object.');
  });
});

describe('costFromUsage: only own properties are read (issue 24, item 4)', () => {
  test('a prompt_tokens inherited through a JSON "__proto__" key is not priced: the key is refused, naming it', () => {
    // Before: 1,000,000 × 2.50 + 5 × 10 per 1M = 2.50005 for an object that only has completion_tokens.
    const usage = JSON.parse('{"__proto__":{"prompt_tokens":1000000},"completion_tokens":5}') as ProviderUsage;
    const call = () => costFromUsage({ model: 'gpt-4o', usage });
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(/^tokmeter: options\.usage\.__proto__ is a "__proto__" key, which tokmeter never reads as data/);
  });

  test('counts that sit on a prototype are not priced: the object has no prompt_tokens', () => {
    const usage = Object.assign(Object.create({ prompt_tokens: 1_000_000 }) as object, { completion_tokens: 5 }) as ProviderUsage;
    expect(() => costFromUsage({ model: 'gpt-4o', usage })).toThrow(/^tokmeter: options\.usage\.prompt_tokens is missing/);
  });

  test('cached tokens injected through "__proto__" are never priced, at the top or inside prompt_tokens_details: the key is refused', () => {
    // With the injected 1M cached tokens it was 1,000,000 × 1.25 = 1.25 instead of 2.5.
    const nested = JSON.parse('{"prompt_tokens":1000000,"completion_tokens":0,"prompt_tokens_details":{"__proto__":{"cached_tokens":1000000}}}') as ProviderUsage;
    const top = JSON.parse('{"__proto__":{"prompt_tokens_details":{"cached_tokens":1000000}},"prompt_tokens":1000000,"completion_tokens":0}') as ProviderUsage;
    expect(() => costFromUsage({ model: 'gpt-4o', usage: nested })).toThrow(/options\.usage\.prompt_tokens_details\.__proto__ is a "__proto__" key/);
    expect(() => costFromUsage({ model: 'gpt-4o', usage: top })).toThrow(/options\.usage\.__proto__ is a "__proto__" key/);
  });

  test('counts on a prototype object are not read: Anthropic cache reads, Gemini modality entries, options', () => {
    const anthropicUsage = Object.assign(Object.create({ cache_read_input_tokens: 1_000_000 }) as object, { input_tokens: 10, output_tokens: 0 }) as ProviderUsage;
    expect(costFromUsage({ model: 'claude-haiku-4-5', usage: anthropicUsage }).tokens).toMatchObject({ input: 10, cachedInput: 0 });

    const audio = Object.create({ modality: 'AUDIO', tokenCount: 400 }) as { modality?: string };
    const cost = costFromUsage({ model: 'gemini-2.0-flash', usage: { promptTokenCount: 1_000, candidatesTokenCount: 0, promptTokensDetails: [audio] } });
    // gemini-2.0-flash row (0.10): the entry has no own modality or count, so no audio: 1,000 × 0.10 = 0.0001
    expect(cost.tokens.audioInput).toBe(0);
    expect(cost.total).toBe(0.0001);

    const options = Object.assign(Object.create({ tier: 'batch', format: 'gemini' }) as object, {
      model: 'gpt-4.1',
      usage: { prompt_tokens: 1_000_000, completion_tokens: 0 },
    }) as CostFromUsageOptions;
    // Options whose fields sit on a prototype are not a plain object: refused, so an inherited tier is never billed.
    expect(() => costFromUsage(options)).toThrow(/^tokmeter: options must be a plain object/);
  });
});

describe("costFromUsage: a usage object carries its format's main counts (issue 24, item 6)", () => {
  test('Gemini without promptTokenCount is refused, naming it, never $0', () => {
    const call = () => costFromUsage({ model: 'gpt-4o', usage: { totalTokenCount: 5 } });
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(
      "tokmeter: options.usage.promptTokenCount is missing: Gemini usage always carries promptTokenCount (only its output counts are left out when they are zero), and a missing count is not taken as 0. Pass the response's `usageMetadata` unchanged, or set `format` if it came from another API.",
    );
    try {
      call();
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'options.usage.promptTokenCount' });
    }
  });

  test('Gemini output counts left out are 0: a prompt with thoughts and no candidatesTokenCount prices the thoughts as output', () => {
    // gemini-2.5-flash row (0.30 / 2.50): 1,000 × 0.30 + 200 thoughts × 2.50 = 300 + 500 µ$
    const cost = costFromUsage({ model: 'gemini-2.5-flash', usage: { promptTokenCount: 1_000, thoughtsTokenCount: 200, totalTokenCount: 1_200 } });
    expect(cost.tokens).toMatchObject({ input: 1_000, output: 200, reasoning: 200 });
    expect(cost.total).toBe(0.0008);
  });

  test('OpenAI Chat without prompt_tokens, or Responses without output_tokens, is refused naming the field', () => {
    expect(() => costFromUsage({ model: 'gpt-4o', usage: { completion_tokens: 5 } as unknown as ProviderUsage })).toThrow(
      /^tokmeter: options\.usage\.prompt_tokens is missing/,
    );
    expect(() => costFromUsage({ model: 'gpt-4o', usage: { input_tokens: 5, input_tokens_details: { cached_tokens: 0 } } as unknown as ProviderUsage })).toThrow(
      /^tokmeter: options\.usage\.output_tokens is missing: OpenAI Responses usage always carries input_tokens and output_tokens/,
    );
  });

  test('Anthropic needs input_tokens present; null (a message_delta) is 0 prompt tokens', () => {
    expect(() => costFromUsage({ model: 'claude-haiku-4-5', usage: { output_tokens: 5, cache_read_input_tokens: 0 } as unknown as ProviderUsage })).toThrow(
      /^tokmeter: options\.usage\.input_tokens is missing: Anthropic usage always carries input_tokens and output_tokens \(a stream's message_delta has input_tokens: null\)/,
    );
    // claude-haiku-4-5 row (1 / 5): 100 output tokens = 0.0005
    const cost = costFromUsage({ model: 'claude-haiku-4-5', usage: { input_tokens: null, output_tokens: 100, cache_read_input_tokens: null } });
    expect(cost.tokens.input).toBe(0);
    expect(cost.total).toBe(0.0005);
  });

  test('an Anthropic response usage with every field the API sends is priced (raw JSON)', () => {
    const usage = JSON.parse(
      '{"input_tokens":2000,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},' +
        '"output_tokens":400,"output_tokens_details":{"thinking_tokens":100},"server_tool_use":{"web_search_requests":0,"web_fetch_requests":0},' +
        '"service_tier":"standard","inference_geo":"us","speed":"standard"}',
    ) as ProviderUsage;
    // claude-haiku-4-5 row (1 / 5): 2,000 × 1 + 400 × 5 = 4,000 µ$
    const cost = costFromUsage({ model: 'claude-haiku-4-5', usage });
    expect(cost.format).toBe('anthropic');
    expect(cost.total).toBe(0.004);
    expect(cost.tokens.reasoning).toBe(100);
  });

  test('thinking_tokens above output_tokens names the field', () => {
    const usage = { input_tokens: 1, output_tokens: 10, output_tokens_details: { thinking_tokens: 11 } };
    expect(() => costFromUsage({ model: 'claude-haiku-4-5', usage })).toThrow(/^tokmeter: options\.usage\.output_tokens_details\.thinking_tokens \(11\) is more than options\.usage\.output_tokens \(10\)/);
  });
});

describe('costFromUsage: a usage object with the fields of two formats (issue 24, item 6)', () => {
  // LiteLLM-style: OpenAI names plus Anthropic cache counts, whose meanings differ.
  const mixed = { prompt_tokens: 10_000, completion_tokens: 100, total_tokens: 10_100, cache_read_input_tokens: 8_000 } as unknown as ProviderUsage;

  test('is refused, naming both fields and the `format` option', () => {
    const call = () => costFromUsage({ model: 'claude-haiku-4-5', usage: mixed });
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(
      "tokmeter: options.usage mixes two usage formats: prompt_tokens is a field of OpenAI Chat Completions usage and cache_read_input_tokens of Anthropic usage, which count tokens differently. Pass the provider's usage object unchanged, or set `format` ('openai-chat', 'openai-responses', 'anthropic', 'gemini') to say which fields to read.",
    );
  });

  test('OpenAI and Gemini names together, and Responses and Chat names together, are refused too', () => {
    expect(() => costFromUsage({ model: 'gpt-4o', usage: { promptTokenCount: 5, completion_tokens: 1 } as unknown as ProviderUsage })).toThrow(
      /^tokmeter: options\.usage mixes two usage formats: promptTokenCount is a field of Gemini usage and completion_tokens of OpenAI Chat Completions usage/,
    );
    expect(() => costFromUsage({ model: 'gpt-4o', usage: { input_tokens: 5, output_tokens: 1, prompt_tokens_details: { cached_tokens: 0 } } as unknown as ProviderUsage })).toThrow(
      /^tokmeter: options\.usage mixes two usage formats: input_tokens is a field of OpenAI Responses or Anthropic usage and prompt_tokens_details of OpenAI Chat Completions usage/,
    );
  });

  test('with `format` the named reading is used and the other fields are ignored', () => {
    // claude-haiku-4-5 row (1 / 0.10 / 5), read as Chat Completions: 2,000 × 1 + 8,000 × 0 cached + 100 × 5 = 2,500 µ$
    const asChat = costFromUsage({ model: 'claude-haiku-4-5', usage: mixed, format: 'openai-chat' });
    expect(asChat.tokens).toMatchObject({ input: 10_000, cachedInput: 0, output: 100 });
    expect(asChat.total).toBe(0.0105);
  });

  test('fields shared by two formats are not a mix: total_tokens with Responses counts, output_tokens_details with Anthropic ones', () => {
    expect(costFromUsage({ model: 'gpt-4o', usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2, input_tokens_details: { cached_tokens: 0 } } }).format).toBe('openai-responses');
    expect(costFromUsage({ model: 'gpt-4o', usage: { input_tokens: 1, output_tokens: 1, cache_read_input_tokens: 0, output_tokens_details: { thinking_tokens: 0 } } }).format).toBe('anthropic');
  });
});
