/**
 * encodeChat for the chat-format models (issue 22, point 4): the prompt's token ids, whose length
 * is the billed count; text as its ordinary ids, framing as CHAT_FORMAT_TOKENS. gpt-oss (harmony)
 * is checked in harmony.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CHAT_FORMAT_TOKENS, countChatTokens, encodeChat, renderFunctionNamespace, UnsupportedContentError } from '../../src/chat/index.js';
import type { ChatRequest } from '../../src/chat/index.js';
import { getEncoding } from '../../src/encodings/registry.js';

const hello = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hello' }] };

describe('encodeChat, chat format', () => {
  test('o200k models: <|start|>{role}<|message|>{content}<|end|>, primed with <|start|>assistant<|message|>; o200k_harmony decodes it', () => {
    const ids = encodeChat(hello);
    const o200k = getEncoding('o200k_base');
    expect(ids).toEqual([200006, ...o200k.encode('user'), 200008, ...o200k.encode('hello'), 200007, 200006, ...o200k.encode('assistant'), 200008]);
    expect(ids).toHaveLength(countChatTokens(hello).total);
    expect(getEncoding('o200k_harmony').decode(ids)).toBe('<|start|>user<|message|>hello<|end|><|start|>assistant<|message|>');
  });

  test('cl100k models: <|im_start|>, <|im_sep|>, <|im_end|>, decoded with CHAT_FORMAT_TOKENS added', () => {
    const ids = encodeChat({ ...hello, model: 'gpt-4' });
    const cl100k = getEncoding('cl100k_base', { extraSpecialTokens: CHAT_FORMAT_TOKENS.cl100k_base });
    expect(cl100k.decode(ids)).toBe('<|im_start|>user<|im_sep|>hello<|im_end|><|im_start|>assistant<|im_sep|>');
    expect(ids[0]).toBe(100264);
  });

  test('gpt-3.5-turbo-0301: the 2023 ChatML, a newline after the role and after each message, the name in place of the role', () => {
    const request = { model: 'gpt-3.5-turbo-0301', messages: [{ role: 'system' as const, name: 'example_user', content: 'hi' }] };
    const cl100k = getEncoding('cl100k_base', { extraSpecialTokens: CHAT_FORMAT_TOKENS.cl100k_base });
    expect(cl100k.decode(encodeChat(request))).toBe('<|im_start|>example_user\nhi<|im_end|>\n<|im_start|>assistant\n');
    expect(encodeChat(request)).toHaveLength(countChatTokens(request).total);
  });

  test('tools, a tool call and its result: the namespace and the call as text, the tokens whose text is not public as one id each', () => {
    const request: ChatRequest = {
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', tool_call_id: 'c', content: '18°C' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
      tool_choice: 'none',
    };
    const ids = encodeChat(request);
    expect(ids).toHaveLength(countChatTokens(request).total);
    const text = getEncoding('o200k_harmony').decode(ids);
    const namespace = renderFunctionNamespace([{ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }]);
    const unknown = '<|reserved_200000|>';
    expect(text).toBe(
      `${unknown}` + // tool_choice "none"
        `<|start|>system<|message|>Be brief.\n${unknown.repeat(5)}${namespace}<|end|>` +
        '<|start|>user<|message|>Weather in Paris?<|end|>' +
        `<|start|>assistant to=functions.get_weather<|message|>{"city":"Paris"}${unknown.repeat(3)}<|end|>` +
        '<|start|>get_weather<|message|>18°C<|end|>' +
        '<|start|>assistant<|message|>',
    );
  });

  test('parallel calls: one multi_tool_use.parallel call, the results one list in the first result\'s message', () => {
    const calls = ['Paris', 'Rome'].map((city, i) => ({ id: `c${i}`, type: 'function' as const, function: { name: 'get_weather', arguments: `{"city": "${city}"}` } }));
    const request: ChatRequest = {
      model: 'gpt-4o',
      messages: [{ role: 'assistant', content: null, tool_calls: calls }, { role: 'tool', tool_call_id: 'c0', content: '18°C' }, { role: 'tool', tool_call_id: 'c1', content: '21°C' }],
    };
    const ids = encodeChat(request);
    expect(ids).toHaveLength(countChatTokens(request).total);
    const uses = '{"tool_uses":[{"recipient_name":"functions.get_weather","parameters":{"city":"Paris"}},{"recipient_name":"functions.get_weather","parameters":{"city":"Rome"}}]}';
    expect(getEncoding('o200k_harmony').decode(ids)).toBe(
      `<|start|>assistant to=multi_tool_use.parallel<|message|>${uses}${'<|reserved_200000|>'.repeat(3)}<|end|>` +
        '<|start|>multi_tool_use.parallel<|message|>["18°C", "21°C"]<|end|>' +
        '<|start|>assistant<|message|>',
    );
  });

  test('gpt-5: an earlier assistant message carries two tokens for its channel, and the reply is primed with two', () => {
    const request: ChatRequest = { model: 'gpt-5', messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'Hello.' }, { role: 'user', content: 'bye' }] };
    const ids = encodeChat(request);
    expect(ids).toHaveLength(countChatTokens(request).total);
    expect(getEncoding('o200k_harmony').decode(ids)).toBe(
      '<|start|>user<|message|>hi<|end|><|start|>assistant<|reserved_200000|><|reserved_200000|><|message|>Hello.<|end|><|start|>user<|message|>bye<|end|><|start|>assistant',
    );
  });

  test('every API-observed request without images: encodeChat(...).length is the count', () => {
    for (const file of ['chat-api-counts.json', 'tool-api-counts.json']) {
      const cases = JSON.parse(readFileSync(new URL(`../fixtures/reference/${file}`, import.meta.url), 'utf8')) as (ChatRequest & Record<string, unknown>)[];
      for (const c of cases) {
        const request: ChatRequest = { model: c.model, messages: c.messages, ...(c.tools && { tools: c.tools }), ...(c.functions && { functions: c.functions }), ...(c.tool_choice && { tool_choice: c.tool_choice }), ...(c.function_call && { function_call: c.function_call }) };
        expect(encodeChat(request), String(c['id'])).toHaveLength(countChatTokens(request).total);
      }
    }
  });
});

describe('encodeChat refuses what has no token ids', () => {
  test('an image part', () => {
    const url = 'https://example.com/a.png';
    expect(() => encodeChat({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url } }] }] })).toThrow(
      expect.objectContaining({ name: 'UnsupportedContentError', field: 'messages[0].content[0]' }),
    );
  });

  test('a model whose tokenizer is not public', () => {
    expect(() => encodeChat({ model: 'claude-opus-5', messages: [] })).toThrow(UnsupportedContentError);
    expect(() => encodeChat({ model: 'gpt-6.2-sol', messages: [] })).toThrow(/tokenizer is not public/);
  });

  test('options it does not take', () => {
    expect(() => encodeChat(hello, { imageSizes: {} } as never)).toThrow(expect.objectContaining({ field: 'options.imageSizes' }));
  });
});
