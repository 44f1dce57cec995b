/**
 * Properties of chat counting, checked with fast-check on generated requests (a failure prints
 * its seed and the shrunk counterexample).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { countChatTokens, fitMessages } from '../../src/chat/index.js';
import type { ChatMessage, ChatTokenCount, FunctionDefinition } from '../../src/chat/index.js';

const models = ['gpt-4o', 'gpt-4', 'gpt-3.5-turbo-0301', 'gpt-5', 'gpt-oss-20b'] as const;
const text = fc.string({ maxLength: 40, unit: 'grapheme' });
const name = fc.stringMatching(/^[a-z_]{1,12}$/);

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
