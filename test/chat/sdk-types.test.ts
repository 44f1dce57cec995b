/**
 * The OpenAI SDK's own request types are accepted without casts. `tsc --noEmit` checks this file
 * (tsconfig includes test/); vitest runs the calls so the values are real requests too.
 */
import type {
  ChatCompletionCreateParams,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import type { ResponseCreateParams, ResponseInputItem } from 'openai/resources/responses/responses';
import type { InputTokenCountParams } from 'openai/resources/responses/input-tokens';
import { describe, expect, expectTypeOf, test } from 'vitest';
import { countChatTokens, countResponsesTokens, fitMessages } from '../../src/chat/index.js';
import type { ChatMessage, ChatRequest, ChatTool, ResponsesRequest } from '../../src/chat/index.js';

describe('OpenAI SDK types fit tokmeter types', () => {
  test('Chat Completions params, messages and tools are assignable', () => {
    expectTypeOf<ChatCompletionCreateParams>().toExtend<ChatRequest>();
    expectTypeOf<ChatCompletionMessageParam>().toExtend<ChatMessage>();
    expectTypeOf<ChatCompletionTool>().toExtend<ChatTool>();
    expectTypeOf<ResponseCreateParams>().toExtend<ResponsesRequest>();
    expectTypeOf<InputTokenCountParams>().toExtend<ResponsesRequest>();
  });

  test('a typed SDK request is counted as it is', () => {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'developer', content: 'Answer in one word.' },
      { role: 'user', content: [{ type: 'text', text: 'Capital of France?' }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"France"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: 'Paris' },
    ];
    const tools: ChatCompletionTool[] = [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } } }];
    const params: ChatCompletionCreateParamsNonStreaming = { model: 'gpt-4o', messages, tools, tool_choice: 'auto', temperature: 0 };
    const result = countChatTokens(params);
    expect(result.total).toBeGreaterThan(0);
    expect(result.messages).toHaveLength(4);
    // An object literal with fields that do not affect the prompt is accepted too.
    expect(countChatTokens({ model: 'gpt-4o', messages, stream: true, max_tokens: 5 }).total).toBe(result.total - result.tools);
    expect(fitMessages(messages, { model: 'gpt-4o', maxTokens: 1000 }).fits).toBe(true);
  });

  test('a typed Responses request is counted as it is', () => {
    const input: ResponseInputItem[] = [
      { role: 'user', content: [{ type: 'input_text', text: 'hello' }] },
      { type: 'function_call', call_id: 'c1', name: 'lookup', arguments: '{}' },
      { type: 'function_call_output', call_id: 'c1', output: 'ok' },
    ];
    const params: ResponseCreateParams = { model: 'gpt-4o', instructions: 'Be brief.', input };
    expect(countResponsesTokens(params).input).toHaveLength(3);
    const countParams: InputTokenCountParams = { model: 'gpt-4o', input: 'hello' };
    expect(countResponsesTokens(countParams).total).toBeGreaterThan(0);
  });
});
