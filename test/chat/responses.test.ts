/**
 * Responses API input. There are no API-observed counts for it in shared/data, so these tests pin
 * the mapping onto chat requests (whose counts are API-verified) and the errors.
 */
import { describe, expect, test } from 'vitest';
import { UnsupportedContentError, countChatTokens, countResponsesTokens } from '../../src/chat/index.js';

const weatherParameters = {
  type: 'object',
  properties: {
    location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
    unit: { type: 'string', description: 'The unit of temperature to return', enum: ['celsius', 'fahrenheit'] },
  },
  required: ['location'],
};

describe('countResponsesTokens', () => {
  test('a string input is one user message; instructions are a leading system message', () => {
    const responses = countResponsesTokens({ model: 'gpt-4o', instructions: 'Be brief.', input: 'hello' });
    const chat = countChatTokens({ model: 'gpt-4o', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hello' }] });
    expect(responses.total).toBe(chat.total);
    expect(responses.instructions).toBe(chat.messages[0]);
    expect(responses.input).toEqual([chat.messages[1]]);
  });

  test('flat function tools count like chat tools (the cookbook weather request: 101 on gpt-4o)', () => {
    const responses = countResponsesTokens({
      model: 'gpt-4o',
      instructions: 'You are a helpful assistant that can answer to questions about the weather.',
      input: [{ role: 'user', content: "What's the weather like in San Francisco?" }],
      tools: [{ type: 'function', name: 'get_current_weather', description: 'Get the current weather in a given location', parameters: weatherParameters, strict: false }],
    });
    expect(responses.total).toBe(101);
  });

  test('function calls and their outputs count like assistant tool calls and tool messages', () => {
    const responses = countResponsesTokens({
      model: 'gpt-4.1',
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 'Weather in Paris?' }] },
        { type: 'function_call', call_id: 'c1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call_output', call_id: 'c1', output: '18°C' },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'It is 18°C.' }] },
      ],
    });
    const chat = countChatTokens({
      model: 'gpt-4.1',
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: '18°C' },
        { role: 'assistant', content: 'It is 18°C.' },
      ],
    });
    expect(responses.input).toEqual(chat.messages);
    expect(responses.total).toBe(chat.total);
  });

  test('input images are counted with their field path', () => {
    const url = 'https://example.com/a.png';
    const result = countResponsesTokens(
      { model: 'gpt-4o', input: [{ role: 'user', content: [{ type: 'input_image', image_url: url, detail: 'high' }] }] },
      { imageSizes: { [url]: { width: 1024, height: 1024 } } },
    );
    expect(result.images).toBe(765);
    expect(result.imageDetails[0]?.field).toBe('input[0].content[0]');
  });

  test('built-in tools and server-side items are refused with the field named', () => {
    expect(() => countResponsesTokens({ model: 'gpt-4o', input: 'x', tools: [{ type: 'web_search' }] })).toThrow(
      expect.objectContaining({ name: 'UnsupportedContentError', field: 'tools[0]' }),
    );
    expect(() => countResponsesTokens({ model: 'gpt-4o', input: [{ role: 'user', content: 'x' }, { type: 'reasoning', id: 'r', summary: [] }] })).toThrow(UnsupportedContentError);
  });

  test('malformed items name the input index', () => {
    expect(() => countResponsesTokens({ model: 'gpt-4o', input: [{ role: 'user', content: 'x' }, { role: 'user', content: 3 }] })).toThrow(
      expect.objectContaining({ field: 'input[1].content', messageIndex: 1 }),
    );
  });
});
