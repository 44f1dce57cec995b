/** The hidden function namespace and the request-level rules for tools, calls and choices. */
import { describe, expect, test } from 'vitest';
import { countChatTokens, renderFunctionNamespace } from '../../src/chat/index.js';
import { getEncoding } from '../../src/encodings/registry.js';

describe('renderFunctionNamespace', () => {
  const planTrip = {
    name: 'plan_trip',
    description: 'Plan a trip',
    parameters: {
      type: 'object',
      required: ['city', 'days'],
      properties: {
        city: { type: 'string', description: 'Where to go' },
        days: { type: 'integer', enum: [1, 2, -3] },
        mode: { type: 'string', enum: ['train', 'car'] },
        budget: { type: ['number', 'null'] },
        tags: { type: 'array', items: { type: 'string' } },
        anything: { type: 'array' },
        stops: { type: 'array', items: { type: 'object', properties: { name: { type: 'string', description: 'nested' }, nights: { type: 'number' } }, required: ['name'] } },
        when: { anyOf: [{ type: 'string' }, { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } }] },
        flag: { type: 'boolean' },
        nothing: { type: 'null' },
      },
    },
  };
  const head = ['namespace functions {', '', '// Plan a trip', 'type plan_trip = (_: {', '// Where to go', 'city: string,', 'days: 1 | 2 | -3,', 'mode?: "train" | "car",', 'budget?: number | null,', 'tags?: string[],', 'anything?: any[],'];
  const tail = ['flag?: boolean,', 'nothing?: null,', '}) => any;', '', 'type ping = () => any;', '', '} // namespace functions'];

  test('types, enums, required, arrays, nested objects, anyOf and descriptions: the flat layout (2024 and later)', () => {
    const text = renderFunctionNamespace([planTrip, { name: 'ping', parameters: { type: 'object', properties: {} } }]);
    // An array of multi-line objects is Array<…>; an object without comment lines is one line.
    expect(text).toBe([...head, 'stops?: Array<', '{', '// nested', 'name: string,', 'nights?: number,', '}', '>,', 'when?: string | { from?: string, to?: string },', ...tail].join('\n'));
  });

  test('the same in the 2023 layout: nested properties indented by two, their descriptions left out', () => {
    const text = renderFunctionNamespace([planTrip, { name: 'ping', parameters: { type: 'object', properties: {} } }], { toolLayout: 'indented-2023' });
    expect(text).toBe([...head, 'stops?: {', '  name: string,', '  nights?: number,', '}[],', 'when?: string | {', '  from?: string,', '  to?: string,', '},', ...tail].join('\n'));
  });

  test('deeper nesting: flat at every depth, or two more spaces per level in 2023', () => {
    const c = { type: 'string', description: 'C' };
    const fn = { name: 'f', parameters: { type: 'object', properties: { a: { type: 'object', description: 'A', properties: { b: { type: 'object', description: 'B', properties: { c } } } } } } };
    expect(renderFunctionNamespace([fn])).toContain('// A\na?: {\n// B\nb?: {\n// C\nc?: string,\n},\n},');
    expect(renderFunctionNamespace([fn], { toolLayout: 'indented-2023' })).toContain('// A\na?: {\n  b?: {\n    c?: string,\n  },\n},');
  });

  test('no comment line at any depth: one line in the flat layout, its own lines in 2023', () => {
    const fn = { name: 'f', parameters: { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'object', properties: { c: { type: 'string' } } } } } } } };
    expect(renderFunctionNamespace([fn])).toContain('type f = (_: { a?: { b?: { c?: string } } }) => any;');
    expect(renderFunctionNamespace([fn], { toolLayout: 'indented-2023' })).toContain('type f = (_: {\na?: {\n  b?: {\n    c?: string,\n  },\n},\n}) => any;');
  });

  test('an unknown layout is an error naming the option', () => {
    expect(() => renderFunctionNamespace([], { toolLayout: 'indented' as never })).toThrow(expect.objectContaining({ field: 'options.toolLayout' }));
    expect(() => countChatTokens({ model: 'gpt-4o', messages: [] }, { toolLayout: 'indented' as never })).toThrow(expect.objectContaining({ field: 'options.toolLayout' }));
  });
});

const enc = getEncoding('o200k_base');
const tool = { type: 'function' as const, function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } };
const base = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Weather in Paris?' }] };

describe('request-level tool rules', () => {
  test('the tools block is the namespace + 9, and −4 when a system message exists', () => {
    const ns = enc.count(renderFunctionNamespace([tool.function]));
    expect(countChatTokens({ ...base, tools: [tool] }).tools).toBe(ns + 9);
    const withSystem = countChatTokens({ ...base, messages: [{ role: 'system', content: 'Be brief.' }, ...base.messages], tools: [tool] });
    expect(withSystem.tools).toBe(ns + 9 - 4);
    // …and the first system message is counted with a trailing newline.
    expect(withSystem.messages[0]).toBe(3 + enc.count('system') + enc.count('Be brief.\n'));
  });

  test('tool_choice: "none" +1, a named function +7 + name, "auto" +0', () => {
    const auto = countChatTokens({ ...base, tools: [tool], tool_choice: 'auto' });
    expect(auto.toolChoice).toBe(0);
    expect(countChatTokens({ ...base, tools: [tool], tool_choice: 'none' }).toolChoice).toBe(1);
    const named = countChatTokens({ ...base, tools: [tool], tool_choice: { type: 'function', function: { name: 'get_weather' } } });
    expect(named.toolChoice).toBe(7 + enc.count('get_weather'));
    expect(named.total - auto.total).toBe(named.toolChoice);
  });

  test('function_call: "none" +1, { name } +4 + name', () => {
    const functions = [tool.function];
    expect(countChatTokens({ ...base, functions, function_call: 'none' }).toolChoice).toBe(1);
    expect(countChatTokens({ ...base, functions, function_call: { name: 'get_weather' } }).toolChoice).toBe(4 + enc.count('get_weather'));
  });

  test('one tool call is 3 + "assistant to=functions.{name}" (one piece) + arguments; its result 3 + name + content', () => {
    const call = { id: 'call_9', type: 'function' as const, function: { name: 'get_weather', arguments: '{"city":"Paris"}' } };
    const result = countChatTokens({
      ...base,
      messages: [...base.messages, { role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: 'call_9', content: '18°C' }],
    });
    expect(result.messages[1]).toBe(3 + enc.count('assistant to=functions.get_weather') + enc.count('{"city":"Paris"}'));
    // For most names that is the older rule, role + name + 3; `calculator` is one token alone but two after "." (docs/tool-rendering.md, M3).
    expect(enc.count('assistant to=functions.get_weather')).toBe(enc.count('assistant') + enc.count('get_weather') + 3);
    expect(enc.count('assistant to=functions.calculator')).toBe(enc.count('assistant') + enc.count('calculator') + 4);
    expect(result.messages[2]).toBe(3 + enc.count('get_weather') + enc.count('18°C'));
    expect(result.approximate).toBe(false);
  });

  test('two or more calls in one message are counted each alone and marked approximate', () => {
    const calls = ['Paris', 'Rome'].map((city, i) => ({ id: `c${i}`, type: 'function' as const, function: { name: 'get_weather', arguments: `{"city":"${city}"}` } }));
    const result = countChatTokens({
      ...base,
      messages: [...base.messages, { role: 'assistant', content: null, tool_calls: calls }, { role: 'tool', tool_call_id: 'c0', content: '18°C' }, { role: 'tool', tool_call_id: 'c1', content: '21°C' }],
    });
    expect(result.approximate).toBe(true);
    expect(result.messages[1]).toBe(3 + enc.count('assistant') + calls.reduce((sum, c) => sum + 3 + enc.count(c.function.name) + enc.count(c.function.arguments), 0));
    expect(result.encoding).toBe('o200k_base');
  });

  /**
   * community.openai.com/t/538914 (gpt-3.5-turbo, December 2023): one calculator call and its result
   * were billed 40 (counted exactly, tool-api-counts.json); the same pair pasted twice 89, three
   * times 114, then +25 per pair. The post does not say whether the calls shared one message, so
   * both readings are counted here: each is marked approximate, and the deltas are those the
   * README lists.
   */
  test('two or more calls in a conversation, in one message or several, are marked approximate (forum 538914 deltas)', () => {
    const user = { role: 'user' as const, content: [{ type: 'text' as const, text: 'How much is 2 plus 2?' }] };
    const call = { id: 'a', type: 'function' as const, function: { name: 'calculator', arguments: '{"a":2, "b":2}' } };
    const result = { role: 'tool' as const, tool_call_id: 'a', content: '4' };
    const observed = { 2: 89, 3: 114 } as const;
    const deltas = { separate: { 2: -25, 3: -26 }, shared: { 2: -31, 3: -37 } } as const;
    for (const n of [2, 3] as const) {
      const separate = countChatTokens({ model: 'gpt-3.5-turbo', messages: [user, ...Array.from({ length: n }, () => [{ role: 'assistant' as const, tool_calls: [call] }, result]).flat()] });
      const shared = countChatTokens({ model: 'gpt-3.5-turbo', messages: [user, { role: 'assistant', tool_calls: Array.from({ length: n }, () => call) }, ...Array.from({ length: n }, () => result)] });
      expect(separate.approximate && shared.approximate).toBe(true);
      expect(separate.total - observed[n]).toBe(deltas.separate[n]);
      expect(shared.total - observed[n]).toBe(deltas.shared[n]);
    }
    const one = countChatTokens({ model: 'gpt-3.5-turbo', messages: [user, { role: 'assistant', tool_calls: [call] }, result] });
    expect(one).toMatchObject({ total: 40, approximate: false });
  });

  test('text given as parts counts like the same text given as a string', () => {
    const parts = countChatTokens({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'text', text: 'hello there' }] }] });
    expect(parts.total).toBe(countChatTokens({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello there' }] }).total);
  });

  test('gpt-3.5-turbo-0301 frames messages with 4 tokens and lets a name replace the role', () => {
    const messages = [{ role: 'user' as const, name: 'ann', content: 'hi' }];
    const old = countChatTokens({ model: 'gpt-3.5-turbo-0301', messages });
    const current = countChatTokens({ model: 'gpt-3.5-turbo-0613', messages });
    expect(old.messages[0]! - current.messages[0]!).toBe(4 - 3 + (-1 - 1));
  });
});
