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

  test('tool_choice naming a function: 6 + "functions.{name}" encoded as one piece', () => {
    // TrainingTaskEvaluation is 3 tokens alone and 4 after "functions."; the API bills the latter
    // (crewai-tool-choice-name-after-functions in tool-api-counts.json).
    const name = 'TrainingTaskEvaluation';
    const named = countChatTokens({ ...base, tools: [tool], tool_choice: { type: 'function', function: { name } } });
    expect(named.toolChoice).toBe(6 + enc.count(`functions.${name}`));
    // For most names "." joins the name's first token, so this is 7 + name; not for this one.
    expect(enc.count('functions.get_weather')).toBe(enc.count('get_weather') + 1);
    expect(enc.count(`functions.${name}`)).toBe(enc.count(name) + 2);
  });

  test('2023 snapshots: one tool call is 3 + "assistant to=functions.{name}" (one piece) + the arguments as sent; its result 3 + name + content', () => {
    const call = { id: 'call_9', type: 'function' as const, function: { name: 'get_weather', arguments: '{"city": "Paris"}' } };
    const result = countChatTokens({
      model: 'gpt-4-0613',
      messages: [{ role: 'user', content: 'Weather in Paris?' }, { role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: 'call_9', content: '18°C' }],
    });
    const cl100k = getEncoding('cl100k_base');
    expect(result.messages[1]).toBe(3 + cl100k.count('assistant to=functions.get_weather') + cl100k.count('{"city": "Paris"}'));
    // For most names that is the older rule, role + name + 3; `calculator` is one token alone but two after "." (docs/tool-rendering.md, M3).
    expect(enc.count('assistant to=functions.get_weather')).toBe(enc.count('assistant') + enc.count('get_weather') + 3);
    expect(enc.count('assistant to=functions.calculator')).toBe(enc.count('assistant') + enc.count('calculator') + 4);
    expect(result.messages[2]).toBe(3 + cl100k.count('get_weather') + cl100k.count('18°C'));
    expect(result.approximate).toBe(false);
  });

  test('2024 on: each call message costs 3 more, its arguments written back without spaces', () => {
    const call = { id: 'call_9', type: 'function' as const, function: { name: 'get_weather', arguments: '{"city": "Paris"}' } };
    const messages = [...base.messages, { role: 'assistant' as const, content: null, tool_calls: [call] }, { role: 'tool' as const, tool_call_id: 'call_9', content: '18°C' }];
    const result = countChatTokens({ ...base, messages });
    expect(result.messages[1]).toBe(3 + enc.count('assistant to=functions.get_weather') + enc.count('{"city":"Paris"}') + 3);
    expect(result.messages[2]).toBe(3 + enc.count('get_weather') + enc.count('18°C'));
    // Arguments that are not JSON are written as sent.
    const raw = countChatTokens({ ...base, messages: [...base.messages, { role: 'assistant', content: null, tool_calls: [{ ...call, function: { ...call.function, arguments: 'city=Paris' } }] }] });
    expect(raw.messages[1]).toBe(3 + enc.count('assistant to=functions.get_weather') + enc.count('city=Paris') + 3);
    expect(result.approximate).toBe(false);
    // The later cl100k models too; a 2023 snapshot costs the 3 less and keeps the spaces.
    const cl100k = getEncoding('cl100k_base');
    const saved = cl100k.count('{"city": "Paris"}') - cl100k.count('{"city":"Paris"}');
    const before = countChatTokens({ model: 'gpt-4-0613', messages }).total;
    for (const model of ['gpt-3.5-turbo', 'gpt-3.5-turbo-0125', 'gpt-4-0125-preview', 'gpt-4-turbo']) {
      expect(countChatTokens({ model, messages }).total - before, model).toBe(3 - saved);
    }
  });

  test('2024 on: several calls in one message are one multi_tool_use.parallel call, their results one JSON list', () => {
    const calls = ['Paris', 'Rome'].map((city, i) => ({ id: `c${i}`, type: 'function' as const, function: { name: 'get_weather', arguments: `{"city": "${city}"}` } }));
    const result = countChatTokens({
      ...base,
      messages: [...base.messages, { role: 'assistant', content: null, tool_calls: calls }, { role: 'tool', tool_call_id: 'c0', content: '18°C' }, { role: 'tool', tool_call_id: 'c1', content: '{"temp": 21}' }],
    });
    const uses = '{"tool_uses":[{"recipient_name":"functions.get_weather","parameters":{"city":"Paris"}},{"recipient_name":"functions.get_weather","parameters":{"city":"Rome"}}]}';
    expect(result.messages[1]).toBe(3 + enc.count('assistant to=multi_tool_use.parallel') + enc.count(uses) + 3);
    // The results: JSON outputs as values, the rest as strings, Python's separators, non-ASCII kept; all in the first result's message.
    expect(result.messages[2]).toBe(3 + enc.count('multi_tool_use.parallel') + enc.count('["18°C", {"temp": 21}]'));
    expect(result.messages[3]).toBe(0);
    expect(result.approximate).toBe(false);
  });

  test('2023 snapshots: two or more calls in one message are counted each alone and marked approximate', () => {
    const calls = ['Paris', 'Rome'].map((city, i) => ({ id: `c${i}`, type: 'function' as const, function: { name: 'get_weather', arguments: `{"city":"${city}"}` } }));
    const result = countChatTokens({
      model: 'gpt-4-0613',
      messages: [...base.messages, { role: 'assistant', content: null, tool_calls: calls }, { role: 'tool', tool_call_id: 'c0', content: '18°C' }, { role: 'tool', tool_call_id: 'c1', content: '21°C' }],
    });
    const cl100k = getEncoding('cl100k_base');
    expect(result.approximate).toBe(true);
    expect(result.messages[1]).toBe(3 + cl100k.count('assistant') + calls.reduce((sum, c) => sum + 3 + cl100k.count(c.function.name) + cl100k.count(c.function.arguments), 0));
  });

  /**
   * community.openai.com/t/538914 (gpt-3.5-turbo, December 2023, when the alias meant -0613): one
   * calculator call and its result were billed 40 (counted exactly, tool-api-counts.json); the same
   * pair pasted twice 89, three times 114, then +25 per pair. The post does not say whether the calls
   * shared one message, so both readings are counted here: each is marked approximate, and the
   * deltas are those the README lists.
   */
  test('2023 snapshots: two or more calls in a conversation, in one message or several, are marked approximate (forum 538914 deltas)', () => {
    const model = 'gpt-3.5-turbo-0613';
    const user = { role: 'user' as const, content: [{ type: 'text' as const, text: 'How much is 2 plus 2?' }] };
    const call = { id: 'a', type: 'function' as const, function: { name: 'calculator', arguments: '{"a":2, "b":2}' } };
    const result = { role: 'tool' as const, tool_call_id: 'a', content: '4' };
    const observed = { 2: 89, 3: 114 } as const;
    const deltas = { separate: { 2: -25, 3: -26 }, shared: { 2: -31, 3: -37 } } as const;
    for (const n of [2, 3] as const) {
      const separate = countChatTokens({ model, messages: [user, ...Array.from({ length: n }, () => [{ role: 'assistant' as const, tool_calls: [call] }, result]).flat()] });
      const shared = countChatTokens({ model, messages: [user, { role: 'assistant', tool_calls: Array.from({ length: n }, () => call) }, ...Array.from({ length: n }, () => result)] });
      expect(separate.approximate && shared.approximate).toBe(true);
      expect(separate.total - observed[n]).toBe(deltas.separate[n]);
      expect(shared.total - observed[n]).toBe(deltas.shared[n]);
    }
    const one = countChatTokens({ model, messages: [user, { role: 'assistant', tool_calls: [call] }, result] });
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

describe('gpt-5 and o3-mini', () => {
  const user = { role: 'user' as const, content: 'Weather in Paris?' };

  test('the reply is primed with <|start|>assistant (2 tokens), and on gpt-5 an earlier assistant message carries a channel (+2)', () => {
    for (const model of ['gpt-5', 'gpt-5-mini', 'gpt-5.4-mini', 'o3-mini']) {
      const one = countChatTokens({ model, messages: [user] });
      expect(one.replyPriming, model).toBe(2);
      expect(one.total, model).toBe(countChatTokens({ model: 'gpt-4o', messages: [user] }).total - 1);
      const reply = { role: 'assistant' as const, content: 'Sunny.' };
      const history = countChatTokens({ model, messages: [user, reply, user] });
      const gpt4o = countChatTokens({ model: 'gpt-4o', messages: [user, reply, user] });
      expect(history.messages[1]! - gpt4o.messages[1]!, model).toBe(model.startsWith('gpt-5') ? 2 : 0);
      expect(one.approximate, model).toBe(false);
    }
  });

  test('gpt-5 with tools: a block 82 above the chat one, never inside the system message, tool_choice free, and approximate', () => {
    const ns = enc.count(renderFunctionNamespace([tool.function]));
    const plain = countChatTokens({ model: 'gpt-5-mini', messages: [user], tools: [tool] });
    expect(plain.tools).toBe(ns + 9 + 82);
    expect(plain.approximate).toBe(true);
    const system = { role: 'system' as const, content: 'Be brief.' };
    const withSystem = countChatTokens({ model: 'gpt-5-mini', messages: [system, user], tools: [tool] });
    expect(withSystem.tools).toBe(ns + 9 + 82);
    expect(withSystem.messages[0]).toBe(3 + enc.count('system') + enc.count('Be brief.'));
    for (const tool_choice of ['none', 'required', { type: 'function' as const, function: { name: 'get_weather' } }] as const) {
      expect(countChatTokens({ model: 'gpt-5-mini', messages: [user], tools: [tool], tool_choice }).total).toBe(plain.total);
    }
  });

  test('gpt-5: a call message costs 7 more than its gpt-4o form besides its channel, and is approximate', () => {
    const call = { id: 'c', type: 'function' as const, function: { name: 'get_weather', arguments: '{"city":"Paris"}' } };
    const messages = [user, { role: 'assistant' as const, content: null, tool_calls: [call] }, { role: 'tool' as const, tool_call_id: 'c', content: '18°C' }];
    const gpt5 = countChatTokens({ model: 'gpt-5', messages });
    const gpt4o = countChatTokens({ model: 'gpt-4o', messages });
    expect(gpt5.messages[1]! - gpt4o.messages[1]!).toBe(2 + 7 - 3);
    expect(gpt5.messages[2]).toBe(gpt4o.messages[2]);
    expect(gpt5.approximate).toBe(true);
  });

  test('o3-mini with tools: the chat block and one token more, approximate', () => {
    const ns = enc.count(renderFunctionNamespace([tool.function]));
    const result = countChatTokens({ model: 'o3-mini', messages: [user], tools: [tool] });
    expect(result.tools).toBe(ns + 10);
    expect(result.approximate).toBe(true);
  });
});
