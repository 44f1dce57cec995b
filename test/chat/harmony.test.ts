/**
 * gpt-oss: the harmony format. The expected text is the guide's own "complete input example"
 * (openai/openai-cookbook articles/openai-harmony.md, section "Function calling"), byte for byte.
 */
import { describe, expect, test } from 'vitest';
import { countChatTokens, encodeChat, renderHarmonyPrompt } from '../../src/chat/index.js';
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

describe('<|constrain|> and the token ids of the prompt (encodeChat)', () => {
  /**
   * openai/harmony 0.0.8 renders the content type `<|constrain|>json` as " ", the special token,
   * then "json" (8a4645f, "Fix tokenization of <|constrain|> content type in rendering"); its tests
   * check that the rendered tokens equal the rendered text encoded with every special token allowed
   * (test_tool_call_with_constrain_tokenized_correctly, test_does_not_drop_if_ongoing_analysis).
   * The tool-call message of the first of those tests, byte for byte:
   */
  const HARMONY_CALL = '<|start|>assistant to=functions.get_weather<|channel|>commentary <|constrain|>json<|message|>{"location": "Tokyo"}<|call|>';
  const withCall = {
    model: 'gpt-oss-20b',
    messages: [
      { role: 'user' as const, content: 'What is the weather in Tokyo?' },
      { role: 'assistant' as const, content: null, tool_calls: [{ id: 'c1', type: 'function' as const, function: { name: 'get_weather', arguments: '{"location": "Tokyo"}' } }] },
      { role: 'tool' as const, tool_call_id: 'c1', content: '{"temperature": 20}' },
    ],
  };

  test("a tool call renders as harmony's own test writes it, and <|constrain|> is one token", () => {
    const text = renderHarmonyPrompt(withCall, harmony);
    expect(text).toContain(HARMONY_CALL);
    const ids = encodeChat(withCall, { harmony });
    expect(ids.filter((id) => id === enc.specialTokens.get('<|constrain|>'))).toHaveLength(1);
    const call = enc.encode(HARMONY_CALL, { allowedSpecial: 'all' });
    expect(call.filter((id) => id === 200003)).toHaveLength(1);
    expect(ids.join(',')).toContain(call.join(','));
  });

  test("the ids are the rendered text encoded with every special token allowed, as harmony's tests check", () => {
    for (const req of [request, withCall]) {
      const ids = encodeChat(req, { harmony });
      expect(ids).toEqual(enc.encode(renderHarmonyPrompt(req, harmony), { allowedSpecial: 'all' }));
      expect(ids).toHaveLength(countChatTokens(req, { harmony }).total);
    }
    expect(encodeChat(request, { harmony })).toEqual(enc.encode(GUIDE_EXAMPLE, { allowedSpecial: 'all' }));
  });

  test('each earlier tool call counts 4 fewer tokens than with <|constrain|> written as text', () => {
    const asText = enc.count(' <|constrain|>json');
    expect(asText).toBe(7);
    expect(enc.encode(' <|constrain|>json', { allowedSpecial: 'all' })).toHaveLength(3);
  });
});

test('harmony options are validated', () => {
  expect(() => countChatTokens({ model: 'gpt-oss-20b', messages: [{ role: 'user', content: 'x' }] }, { harmony: { currentDate: 'tomorrow' } })).toThrow(
    expect.objectContaining({ field: 'options.harmony.currentDate' }),
  );
});
