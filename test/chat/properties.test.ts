/**
 * Properties of chat counting, checked with fast-check on generated requests (a failure prints
 * its seed and the shrunk counterexample).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { countChatTokens, encodeChat, fitMessages, renderFunctionNamespace } from '../../src/chat/index.js';
import type { ChatMessage, ChatTokenCount, FunctionDefinition } from '../../src/chat/index.js';

const models = ['gpt-4o', 'gpt-4', 'gpt-3.5-turbo-0301', 'gpt-5', 'gpt-oss-20b'] as const;
const text = fc.string({ maxLength: 40, unit: 'grapheme' });
// A property called "__proto__" is refused by design (it would stand for the object's prototype), so names leave it out.
const name = fc.stringMatching(/^[a-z_]{1,12}$/).filter((n) => n !== '__proto__');

const message: fc.Arbitrary<ChatMessage> = fc.oneof(
  fc.record({ role: fc.constantFrom('system' as const, 'developer' as const, 'user' as const), content: text }, { requiredKeys: ['role', 'content'] }),
  fc.record({ role: fc.constant('user' as const), content: text, name }),
  fc.record({ role: fc.constant('user' as const), content: fc.array(fc.record({ type: fc.constant('text' as const), text }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ role: fc.constant('assistant' as const), content: text }),
  fc.record({ role: fc.constant('function' as const), name, content: text }),
  fc.record({
    role: fc.constant('assistant' as const),
    content: fc.constant(null),
    tool_calls: fc.array(fc.record({ id: fc.constant('call_x'), type: fc.constant('function' as const), function: fc.record({ name, arguments: text }) }), { minLength: 1, maxLength: 2 }),
  }),
);

const schema: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{ node: Record<string, unknown> }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.record({ type: fc.constantFrom('string', 'number', 'integer', 'boolean'), description: text }, { requiredKeys: ['type'] }),
    fc.record({ type: fc.constant('string'), enum: fc.array(name, { minLength: 1, maxLength: 3 }) }),
    fc.record({ type: fc.constant('array'), items: tie('node') }),
    fc.record({ type: fc.constant('object'), properties: fc.dictionary(name, tie('node'), { maxKeys: 3 }) }),
    fc.record({ anyOf: fc.array(tie('node'), { minLength: 1, maxLength: 2 }) }),
  ),
})).node;

const fn: fc.Arbitrary<FunctionDefinition> = fc.record(
  { name, description: text, parameters: fc.record({ type: fc.constant('object'), properties: fc.dictionary(name, schema, { maxKeys: 3 }), required: fc.array(name, { maxLength: 2 }) }) },
  { requiredKeys: ['name'] },
);

const request = fc.record(
  { model: fc.constantFrom(...models), messages: fc.array(message, { maxLength: 6 }), functions: fc.array(fn, { minLength: 1, maxLength: 2 }) },
  { requiredKeys: ['model', 'messages'] },
);

const partsSum = (r: ChatTokenCount): number => r.messages.reduce((a, b) => a + b, 0) + r.tools + r.toolChoice + r.images + r.replyPriming + r.preamble;
const harmony = { currentDate: '2025-01-01' };

/** Rebuild every object with its keys in reverse order, except the order of `properties` entries. */
function reverseKeys(value: unknown, inProperties = false): unknown {
  if (Array.isArray(value)) return value.map((v) => reverseKeys(v));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, reverseKeys(v, k === 'properties')] as const);
  return Object.fromEntries(inProperties ? entries : entries.reverse());
}

describe('chat counting properties', () => {
  test('the breakdown sums to the total', () => {
    fc.assert(
      fc.property(request, (r) => {
        expect(partsSum(countChatTokens(r, { harmony }))).toBe(countChatTokens(r, { harmony }).total);
      }),
    );
  });

  test('adding a message never lowers the total', () => {
    fc.assert(
      fc.property(request, message, fc.nat(), (r, extra, at) => {
        const i = at % (r.messages.length + 1);
        const longer = { ...r, messages: [...r.messages.slice(0, i), extra, ...r.messages.slice(i)] };
        expect(countChatTokens(longer, { harmony }).total).toBeGreaterThanOrEqual(countChatTokens(r, { harmony }).total);
      }),
    );
  });

  test('the key order of messages, tools and schemas does not matter (the order of properties does)', () => {
    fc.assert(
      fc.property(request, (r) => {
        const reordered = reverseKeys(r) as typeof r;
        expect(countChatTokens(reordered, { harmony }).total).toBe(countChatTokens(r, { harmony }).total);
      }),
    );
  });

  test('fitMessages returns a request within budget whenever it says it fits, keeping system messages', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 8 }), fc.integer({ min: 0, max: 150 }), (messages, maxTokens) => {
        const result = fitMessages(messages, { model: 'gpt-4o', maxTokens });
        expect(result.total).toBe(countChatTokens({ model: 'gpt-4o', messages: result.messages }).total);
        if (result.fits) expect(result.total).toBeLessThanOrEqual(maxTokens);
        else expect(result.overBy).toBe(result.total - maxTokens);
        const systems = messages.filter((m) => m.role === 'system' || m.role === 'developer');
        expect(result.messages.filter((m) => m.role === 'system' || m.role === 'developer')).toEqual(systems);
        expect(result.messages.length + result.removed.filter((x) => x.kind === 'dropped').length).toBe(messages.length);
      }),
      { numRuns: 60 },
    );
  });
});

describe('encodeChat', () => {
  test('encodeChat(request).length is countChatTokens(request).total, in every format', () => {
    fc.assert(
      fc.property(request, (r) => {
        expect(encodeChat(r, { harmony })).toHaveLength(countChatTokens(r, { harmony }).total);
      }),
    );
  });
});

/**
 * Conversations with tool calls and their results, as agents send them: each assistant message
 * makes one to three calls, and their results follow in any order, as text or as JSON.
 */
const output = fc.oneof(text, fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)));
const callTurn = fc
  .tuple(fc.array(fc.record({ name, arguments: fc.oneof(text, fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v))) }), { minLength: 1, maxLength: 3 }), fc.array(output, { minLength: 3, maxLength: 3 }), fc.boolean(), fc.nat())
  .map(([calls, outputs, reversed, turn]): ChatMessage[] => {
    const ids = calls.map((_, i) => `call_${turn}_${i}`);
    const results: ChatMessage[] = ids.map((id, i) => ({ role: 'tool', tool_call_id: id, content: outputs[i]! }));
    return [
      { role: 'assistant', content: null, tool_calls: calls.map((fn, i) => ({ id: ids[i]!, type: 'function' as const, function: fn })) },
      ...(reversed ? results.reverse() : results),
    ];
  });
const toolHistory = fc.record({
  model: fc.constantFrom('gpt-4o', 'gpt-4.1-mini', 'gpt-4-0613', 'gpt-3.5-turbo-0613', 'gpt-5', 'o3-mini'),
  messages: fc.tuple(fc.array(message, { maxLength: 2 }), fc.array(callTurn, { minLength: 1, maxLength: 3 })).map(([head, turns]) => [...head, ...turns.flat()]),
  functions: fc.array(fn, { maxLength: 2 }),
});

describe('tool calls in the history', () => {
  test('counted in every call format: parts sum to the total, encodeChat matches, approximate only where the rule is not known', () => {
    fc.assert(
      fc.property(toolHistory, (r) => {
        const result = countChatTokens(r);
        expect(partsSum(result)).toBe(result.total);
        expect(encodeChat(r)).toHaveLength(result.total);
        const calls = r.messages.reduce((n, m) => n + (m.tool_calls?.length ?? 0), 0);
        const legacy = r.model === 'gpt-4-0613' || r.model === 'gpt-3.5-turbo-0613';
        const fitted = r.model === 'gpt-5' || (r.model === 'o3-mini' && r.functions.length > 0);
        expect(result.approximate).toBe(fitted || (legacy && calls >= 2));
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * Any `parameters` the request schema accepts (zod: an object of string keys to any JSON value):
 * schema keywords with values of the right or the wrong type, unknown keys, nested to a bounded
 * depth. A `"__proto__"` key is left out: it is refused by design before zod sees the request.
 */
const KEYWORDS = ['type', 'properties', 'items', 'enum', 'anyOf', 'oneOf', 'allOf', 'required', 'description', 'title', 'examples', 'default', 'nullable', 'const', '$ref', '$defs', 'additionalProperties', 'strict', 'format', 'minimum'] as const;
const jsonLeaf = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
const typeName = fc.constantFrom('object', 'array', 'string', 'number', 'integer', 'boolean', 'null', 'bogus');
const anySchema: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{ schema: Record<string, unknown>; value: unknown }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', maxDepth: 4, depthIdentifier: 'schema' },
    // Anything: keywords and other keys with values of any shape.
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYWORDS), fc.string({ maxLength: 8 }).filter((k) => k !== '__proto__')), tie('value'), { maxKeys: 5 }),
    // Mostly well formed: an object with properties, and any keyword beside them.
    fc.record(
      {
        type: fc.oneof(typeName, fc.array(typeName, { maxLength: 3 })),
        properties: fc.dictionary(name, tie('schema'), { maxKeys: 4 }),
        required: fc.oneof(fc.array(name, { maxLength: 3 }), jsonLeaf),
        items: tie('schema'),
        enum: fc.array(jsonLeaf, { maxLength: 3 }),
        anyOf: fc.array(tie('schema'), { maxLength: 3 }),
        oneOf: fc.array(tie('schema'), { maxLength: 3 }),
        description: fc.oneof(fc.string({ maxLength: 20 }), jsonLeaf),
        title: fc.string({ maxLength: 8 }),
        examples: fc.array(jsonLeaf, { maxLength: 2 }),
        default: tie('value'),
        nullable: fc.boolean(),
        const: jsonLeaf,
        $ref: fc.constant('#/$defs/x'),
      },
      { requiredKeys: ['properties'] },
    ),
  ),
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4, depthIdentifier: 'schema' },
    jsonLeaf,
    typeName,
    fc.array(fc.oneof(typeName, jsonLeaf), { maxLength: 3 }),
    tie('schema'),
    fc.array(tie('schema'), { maxLength: 3 }),
  ),
})).schema;

describe('tool schemas', () => {
  test('counting never throws on any JSON schema the request schema accepts, in any layout or format', () => {
    fc.assert(
      fc.property(anySchema, fc.constantFrom('gpt-4o', 'gpt-3.5-turbo-0613', 'gpt-oss-20b', 'gpt-4'), (parameters, model) => {
        const req = { model, messages: [{ role: 'user' as const, content: 'hi' }], tools: [{ type: 'function' as const, function: { name: 'f', description: 'F\nG', parameters } }] };
        const result = countChatTokens(req, { harmony });
        expect(Number.isSafeInteger(result.total) && result.total > 0).toBe(true);
        expect(result.tools).toBeGreaterThan(0);
        expect(encodeChat(req, { harmony })).toHaveLength(result.total);
        for (const toolLayout of ['flat', 'indented-2023'] as const) {
          expect(typeof renderFunctionNamespace([{ name: 'f', parameters }], { toolLayout })).toBe('string');
        }
      }),
      { numRuns: 300 },
    );
  });
});
