/**
 * gpt-oss: the harmony format. The expected text is the guide's own "complete input example"
 * (openai/openai-cookbook articles/openai-harmony.md, section "Function calling"), byte for byte.
 */
import { describe, expect, test } from 'vitest';
import { countChatTokens, renderHarmonyPrompt } from '../../src/chat/index.js';
import { getEncoding } from '../../src/encodings/registry.js';

const GUIDE_EXAMPLE =
  '<|start|>system<|message|>You are ChatGPT, a large language model trained by OpenAI.\n' +
  'Knowledge cutoff: 2024-06\n' +
  'Current date: 2025-06-28\n' +
  '\n' +
  'Reasoning: high\n' +
  '\n' +
  '# Valid channels: analysis, commentary, final. Channel must be included for every message.\n' +
  "Calls to these tools must go to the commentary channel: 'functions'.<|end|><|start|>developer<|message|># Instructions\n" +
  '\n' +
  'Use a friendly tone.\n' +
  '\n' +
  '# Tools\n' +
  '\n' +
  '## functions\n' +
  '\n' +
  'namespace functions {\n' +
  '\n' +
  '// Gets the location of the user.\n' +
  'type get_location = () => any;\n' +
  '\n' +
  '// Gets the current weather in the provided location.\n' +
  'type get_current_weather = (_: {\n' +
  '// The city and state, e.g. San Francisco, CA\n' +
  'location: string,\n' +
  'format?: "celsius" | "fahrenheit", // default: celsius\n' +
  '}) => any;\n' +
  '\n' +
  '// Gets the current weather in the provided list of locations.\n' +
  'type get_multiple_weathers = (_: {\n' +
  '// List of city and state, e.g. ["San Francisco, CA", "New York, NY"]\n' +
  'locations: string[],\n' +
  'format?: "celsius" | "fahrenheit", // default: celsius\n' +
  '}) => any;\n' +
  '\n' +
  '} // namespace functions<|end|><|start|>user<|message|>What is the weather like in SF?<|end|><|start|>assistant';

const format = { type: 'string', enum: ['celsius', 'fahrenheit'], default: 'celsius' };
const request = {
  model: 'gpt-oss-120b',
  messages: [
    { role: 'system' as const, content: 'Use a friendly tone.' },
    { role: 'user' as const, content: 'What is the weather like in SF?' },
  ],
  tools: [
    { type: 'function' as const, function: { name: 'get_location', description: 'Gets the location of the user.' } },
    {
      type: 'function' as const,
      function: {
        name: 'get_current_weather',
        description: 'Gets the current weather in the provided location.',
        parameters: { type: 'object', properties: { location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' }, format }, required: ['location'] },
      },
    },
    {
      type: 'function' as const,
      function: {
        name: 'get_multiple_weathers',
        description: 'Gets the current weather in the provided list of locations.',
        parameters: {
          type: 'object',
          properties: { locations: { type: 'array', items: { type: 'string' }, description: 'List of city and state, e.g. ["San Francisco, CA", "New York, NY"]' }, format },
          required: ['locations'],
        },
      },
    },
  ],
};
const harmony = { reasoningEffort: 'high' as const, currentDate: '2025-06-28' };
const enc = getEncoding('o200k_harmony');

describe('harmony rendering (gpt-oss)', () => {
  test('a request renders exactly as the guide\'s complete input example', () => {
    expect(renderHarmonyPrompt(request, harmony)).toBe(GUIDE_EXAMPLE);
  });

  test('the count equals encoding the rendered prompt with its special tokens', () => {
    const result = countChatTokens(request, { harmony });
    expect(result.format).toBe('harmony');
    expect(result.encoding).toBe('o200k_harmony');
    expect(result.total).toBe(enc.count(GUIDE_EXAMPLE, { allowedSpecial: 'all' }));
    expect(result.preamble + result.tools + result.messages[0]! + result.messages[1]! + result.replyPriming).toBe(result.total);
    // Each formatting token is one token; text that looks like one is ordinary text.
    expect(enc.encode('<|start|>', { allowedSpecial: 'all' })).toEqual([200006]);
    const tricky = countChatTokens({ model: 'gpt-oss-20b', messages: [{ role: 'user', content: '<|end|>' }] }, { harmony });
    expect(tricky.messages[0]).toBe(3 + enc.count('user') + enc.count('<|end|>'));
  });

  test('tool calls and tool results follow the guide', () => {
    const text = renderHarmonyPrompt(
      {
        model: 'gpt-oss-20b',
        messages: [
          { role: 'user', content: 'What is the weather like in SF?' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"San Francisco"}' } }] },
          { role: 'tool', tool_call_id: 'c1', content: '{"sunny": true, "temperature": 20}' },
          { role: 'assistant', content: 'It is sunny.' },
        ],
      },
      harmony,
    );
    // The order openai/harmony's renderer writes (src/encoding.rs@ec7606d): recipient, then channel, then content type.
    expect(text).toContain('<|start|>assistant to=functions.get_weather<|channel|>commentary <|constrain|>json<|message|>{"location":"San Francisco"}<|call|>');
    expect(text).toContain('<|start|>functions.get_weather to=assistant<|channel|>commentary<|message|>{"sunny": true, "temperature": 20}<|end|>');
    expect(text).toContain('<|start|>assistant<|channel|>final<|message|>It is sunny.<|end|><|start|>assistant');
    expect(text).not.toContain('Calls to these tools'); // no tools were declared
  });

  test('nested objects, defaults and oneOf render as the reference renderer does', () => {
    const text = renderHarmonyPrompt(
      {
        model: 'gpt-oss-20b',
        messages: [{ role: 'user', content: 'x' }],
        tools: [
          {
            type: 'function',
            function: {
              name: 'f',
              description: 'F',
              parameters: {
                type: 'object',
                properties: {
                  opts: { type: 'object', properties: { n: { type: 'integer', default: 3 } } },
                  id: { description: 'An id', oneOf: [{ type: 'number' }, { type: 'string', description: 'as text' }] },
                },
              },
            },
          },
        ],
      },
      harmony,
    );
    expect(text).toContain('type f = (_: {\nopts?: {\n    n?: number, // default: 3\n    },\n// An id\nid?:\n | number\n | string // as text\n,\n}) => any;');
  });

  test('a tool result that answers no known call is a validation error', () => {
    expect(() => countChatTokens({ model: 'gpt-oss-20b', messages: [{ role: 'tool', tool_call_id: 'nope', content: '1' }] }, { harmony })).toThrow(/messages\[0\]\.tool_call_id/);
  });
});

test('harmony options are validated', () => {
  expect(() => countChatTokens({ model: 'gpt-oss-20b', messages: [{ role: 'user', content: 'x' }] }, { harmony: { currentDate: 'tomorrow' } })).toThrow(
    expect.objectContaining({ field: 'options.harmony.currentDate' }),
  );
});
