/**
 * The provider SDKs' usage types are accepted by `costFromUsage` without casts, and clearly wrong
 * usage objects are not. `tsc --noEmit` checks this file (tsconfig includes test/): each
 * `@ts-expect-error` fails the typecheck if its line compiles. vitest runs the calls, so the typed
 * values are priced for real and the refused ones are refused at run time too.
 */
import type { MessageDeltaEvent, MessageDeltaUsage, Message, Usage } from '@anthropic-ai/sdk/resources/messages';
import { MediaModality } from '@google/genai';
import type { GenerateContentResponse, GenerateContentResponseUsageMetadata, ModalityTokenCount } from '@google/genai';
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { Response, ResponseUsage } from 'openai/resources/responses/responses';
import { describe, expect, expectTypeOf, test } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { costFromUsage } from '../../src/pricing/index.js';
import type {
  AnthropicUsage,
  GeminiModalityCount,
  GeminiUsageMetadata,
  OpenAIChatUsage,
  OpenAIResponsesUsage,
  ProviderUsage,
  UsageCost,
} from '../../src/pricing/index.js';

// The calls as a user writes them, from each SDK's response type. Type-checked, never run.
const fromChat = (r: ChatCompletion) => costFromUsage({ model: r.model, usage: r.usage! });
const fromChunk = (r: ChatCompletionChunk) => costFromUsage({ model: r.model, usage: r.usage! });
const fromResponse = (r: Response) => costFromUsage({ model: r.model, usage: r.usage! });
const fromMessage = (r: Message) => costFromUsage({ model: r.model, usage: r.usage });
const fromDelta = (model: string, e: MessageDeltaEvent) => costFromUsage({ model, usage: e.usage });
const fromGemini = (r: GenerateContentResponse) => costFromUsage({ model: r.modelVersion!, usage: r.usageMetadata! });

describe('SDK usage types are assignable to costFromUsage', () => {
  test('each SDK type extends its tokmeter type and ProviderUsage', () => {
    expectTypeOf<CompletionUsage>().toExtend<OpenAIChatUsage>();
    expectTypeOf<ResponseUsage>().toExtend<OpenAIResponsesUsage>();
    expectTypeOf<Usage>().toExtend<AnthropicUsage>();
    expectTypeOf<MessageDeltaUsage>().toExtend<AnthropicUsage>();
    expectTypeOf<GenerateContentResponseUsageMetadata>().toExtend<GeminiUsageMetadata>();
    expectTypeOf<ModalityTokenCount>().toExtend<GeminiModalityCount>();
    for (const call of [fromChat, fromChunk, fromResponse, fromMessage, fromDelta, fromGemini]) {
      expectTypeOf(call).returns.toEqualTypeOf<UsageCost>();
    }
  });

  test('an SDK type holds only its own format: a type mixed with another format is not a ProviderUsage', () => {
    expectTypeOf<CompletionUsage & { cache_read_input_tokens: number }>().not.toExtend<ProviderUsage>();
    expectTypeOf<Usage & { prompt_tokens: number }>().not.toExtend<ProviderUsage>();
    expectTypeOf<ResponseUsage & { promptTokenCount: number }>().not.toExtend<ProviderUsage>();
    expectTypeOf<GenerateContentResponseUsageMetadata & { input_tokens: number }>().not.toExtend<ProviderUsage>();
    expectTypeOf<{ tokens: number }>().not.toExtend<ProviderUsage>();
    expectTypeOf<{ input_tokens: number }>().not.toExtend<ProviderUsage>();
  });
});

describe('SDK-typed usage values are priced', () => {
  test('CompletionUsage, gpt-4o-mini row (0.15 / 0.075 / 0.60): 86 × 0.15 + 1,920 × 0.075 + 300 × 0.60 = 0.0003369', () => {
    const usage: CompletionUsage = {
      prompt_tokens: 2_006,
      completion_tokens: 300,
      total_tokens: 2_306,
      prompt_tokens_details: { cached_tokens: 1_920, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    };
    const cost = costFromUsage({ model: 'gpt-4o-mini', usage });
    expect(cost.format).toBe('openai-chat');
    expect(cost.total).toBe(0.0003369);
  });

  test('ResponseUsage, o4-mini row (1.10 / 0.275 / 4.40): 904 × 1.10 + 4,096 × 0.275 + 2,000 × 4.40 = 0.0109208', () => {
    const usage: ResponseUsage = {
      input_tokens: 5_000,
      input_tokens_details: { cached_tokens: 4_096 },
      output_tokens: 2_000,
      output_tokens_details: { reasoning_tokens: 1_792 },
      total_tokens: 7_000,
    };
    const cost = costFromUsage({ model: 'o4-mini', usage });
    expect(cost.format).toBe('openai-responses');
    expect(cost.total).toBe(0.0109208);
    expect(cost.tokens.reasoning).toBe(1_792);
  });

  test('Usage with server_tool_use, service_tier and a cache_creation split; thinking_tokens is the reasoning part of output', () => {
    // claude-sonnet-4-5 row (3 / 3.75 / 6 / 0.30 / 15):
    // 50 × 3 + 100,000 × 0.30 + 1,000 × 3.75 + 2,000 × 6 + 800 × 15 = 150 + 30,000 + 3,750 + 12,000 + 12,000 µ$
    const usage: Usage = {
      input_tokens: 50,
      output_tokens: 800,
      cache_read_input_tokens: 100_000,
      cache_creation_input_tokens: 3_000,
      cache_creation: { ephemeral_5m_input_tokens: 1_000, ephemeral_1h_input_tokens: 2_000 },
      output_tokens_details: { thinking_tokens: 600 },
      server_tool_use: { web_search_requests: 1, web_fetch_requests: 0 },
      service_tier: 'standard',
      inference_geo: null,
      speed: null,
    };
    const cost = costFromUsage({ model: 'claude-sonnet-4-5', usage });
    expect(cost.format).toBe('anthropic');
    expect(cost.total).toBe(0.0579);
    expect(cost.tokens).toMatchObject({ input: 103_050, output: 800, reasoning: 600 });
    expect(cost.breakdown.reasoning).toBe(0.009);
    expect(cost.breakdown.output).toBe(0.003);
  });

  test("MessageDeltaUsage with input_tokens: null prices 0 prompt tokens and the delta's output: 500 × 15 = 0.0075", () => {
    const usage: MessageDeltaUsage = {
      input_tokens: null,
      output_tokens: 500,
      cache_creation_input_tokens: null,
      cache_read_input_tokens: null,
      output_tokens_details: null,
      server_tool_use: null,
    };
    const cost = costFromUsage({ model: 'claude-sonnet-4-5', usage });
    expect(cost.format).toBe('anthropic');
    expect(cost.tokens.input).toBe(0);
    expect(cost.total).toBe(0.0075);
  });

  test('MessageDeltaUsage with cumulative counts prices them all: 1,000 × 3 + 4,000 × 0.30 + 200 × 15 = 0.0072', () => {
    const usage: MessageDeltaUsage = {
      input_tokens: 1_000,
      output_tokens: 200,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 4_000,
      output_tokens_details: null,
      server_tool_use: null,
    };
    expect(costFromUsage({ model: 'claude-sonnet-4-5', usage }).total).toBe(0.0072);
  });

  test('GenerateContentResponseUsageMetadata with MediaModality details, gemini-2.0-flash row (0.10, audio 0.70, 0.40) = 0.0004325', () => {
    // 600 × 0.10 + 300 × 0.70 + 100 × 0.025 + 400 × 0.40 = 60 + 210 + 2.5 + 160 µ$
    const usage: GenerateContentResponseUsageMetadata = {
      promptTokenCount: 1_000,
      cachedContentTokenCount: 100,
      candidatesTokenCount: 400,
      totalTokenCount: 1_400,
      promptTokensDetails: [
        { modality: MediaModality.TEXT, tokenCount: 600 },
        { modality: MediaModality.AUDIO, tokenCount: 400 },
      ],
      cacheTokensDetails: [{ modality: MediaModality.AUDIO, tokenCount: 100 }],
      candidatesTokensDetails: [{ modality: MediaModality.TEXT, tokenCount: 400 }],
    };
    const cost = costFromUsage({ model: 'gemini-2.0-flash', usage });
    expect(cost.format).toBe('gemini');
    expect(cost.tokens.audioInput).toBe(300);
    expect(cost.total).toBe(0.0004325);
  });
});

describe('clearly wrong usage objects do not compile, and are refused at run time', () => {
  test('a missing main count', () => {
    // @ts-expect-error -- completion_tokens is missing
    expect(() => costFromUsage({ model: 'gpt-4o', usage: { prompt_tokens: 10 } })).toThrow('tokmeter: options.usage.completion_tokens is missing');
    // @ts-expect-error -- output_tokens is missing
    expect(() => costFromUsage({ model: 'claude-haiku-4-5', usage: { input_tokens: 10 } })).toThrow('tokmeter: options.usage.output_tokens is missing');
  });

  test('a count of the wrong type', () => {
    // @ts-expect-error -- a string count
    expect(() => costFromUsage({ model: 'gpt-4o', usage: { prompt_tokens: '10', completion_tokens: 1 } })).toThrow(InvalidArgumentError);
    // @ts-expect-error -- a modality that is not a string
    expect(() => costFromUsage({ model: 'gemini-2.0-flash', usage: { promptTokenCount: 1, promptTokensDetails: [{ modality: 1 }] } })).toThrow(
      'tokmeter: options.usage.promptTokensDetails[0].modality',
    );
  });

  test('fields of two formats', () => {
    // @ts-expect-error -- OpenAI Chat counts with an Anthropic cache count
    expect(() => costFromUsage({ model: 'gpt-4o', usage: { prompt_tokens: 10, completion_tokens: 1, cache_read_input_tokens: 5 } })).toThrow(
      /^tokmeter: options\.usage mixes two usage formats: prompt_tokens .* and cache_read_input_tokens/,
    );
    // @ts-expect-error -- Responses counts with a Gemini count
    expect(() => costFromUsage({ model: 'gpt-4o', usage: { input_tokens: 10, output_tokens: 1, promptTokenCount: 10 } })).toThrow(
      /^tokmeter: options\.usage mixes two usage formats: input_tokens .* and promptTokenCount/,
    );
  });

  test('an object with no usage fields', () => {
    // @ts-expect-error -- not a usage object
    expect(() => costFromUsage({ model: 'gpt-4o', usage: { tokens: 5 } })).toThrow(/^tokmeter: options\.usage has none of the fields/);
  });
});
