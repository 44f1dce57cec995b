/** fitMessages: drop, then trim, the oldest non-system messages; report what was removed. */
import { describe, expect, test } from 'vitest';
import { countChatTokens, fitMessages } from '../../src/chat/index.js';
import type { ChatMessage } from '../../src/chat/index.js';

const model = 'gpt-4o';
const count = (messages: readonly ChatMessage[]): number => countChatTokens({ model, messages }).total;

const history: ChatMessage[] = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'First question about the weather in Lisbon in spring.' },
  { role: 'assistant', content: 'Mild, around 20°C, with some rain.' },
  { role: 'user', content: 'And in summer?' },
  { role: 'assistant', content: 'Hot and dry, often above 30°C.' },
  { role: 'user', content: 'Thanks. What should I pack?' },
];

describe('fitMessages', () => {
  test('a conversation that fits is returned unchanged', () => {
    const result = fitMessages(history, { model, maxTokens: 1000 });
    expect(result).toEqual({ fits: true, messages: history, removed: [], total: count(history), remaining: 1000 - count(history) });
  });

  test('the oldest non-system messages are dropped first, and reported', () => {
    const budget = count([history[0]!, history[3]!, history[4]!, history[5]!]);
    const result = fitMessages(history, { model, maxTokens: budget });
    expect(result.fits).toBe(true);
    expect(result.messages).toEqual([history[0], history[3], history[4], history[5]]);
    expect(result.removed).toEqual([
      { kind: 'dropped', index: 1, message: history[1] },
      { kind: 'dropped', index: 2, message: history[2] },
    ]);
    expect(result.total).toBe(budget);
  });

  test('an assistant tool call is dropped with the results that answer it', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'a', type: 'function', function: { name: 'w', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'a', content: 'sunny' },
      { role: 'user', content: 'Thanks, and tomorrow?' },
    ];
    const result = fitMessages(messages, { model, maxTokens: count([messages[3]!]) });
    expect(result.messages).toEqual([messages[3]]);
    expect(result.removed.map((r) => r.index)).toEqual([0, 1, 2]);
  });

  test('when one message is left, its start is trimmed', () => {
    const long = { role: 'user' as const, content: 'word '.repeat(200) + 'the actual question?' };
    const system = { role: 'system' as const, content: 'Be brief.' };
    const result = fitMessages([system, long], { model, maxTokens: 40 });
    expect(result.fits).toBe(true);
    expect(result.total).toBeLessThanOrEqual(40);
    expect(result.total).toBe(count(result.messages));
    const trimmed = result.removed[0];
    expect(trimmed?.kind).toBe('trimmed');
    if (trimmed?.kind !== 'trimmed') return;
    const kept = result.messages[1]?.content as string;
    expect(trimmed.removedText + kept).toBe(long.content);
    expect(kept.endsWith('the actual question?')).toBe(true);
    // A tighter budget cuts more.
    const tighter = fitMessages([system, long], { model, maxTokens: result.total - 1 }).removed[0];
    expect(tighter?.kind === 'trimmed' && tighter.removedTokens).toBeGreaterThan(trimmed.removedTokens);
  });

  test('trim: false drops only whole messages', () => {
    const result = fitMessages(history, { model, maxTokens: 20, trim: false });
    expect(result).toMatchObject({ fits: false });
    expect(result.messages).toEqual([history[0], history[5]]);
  });

  test('system messages are never removed; if they alone are over, the result says by how much', () => {
    const result = fitMessages(history, { model, maxTokens: 5 });
    expect(result.fits).toBe(false);
    if (result.fits) return;
    expect(result.messages[0]).toEqual(history[0]);
    expect(result.overBy).toBe(result.total - 5);
  });

  test('tools count against the budget but are never removed', () => {
    const tools = [{ type: 'function' as const, function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } } }];
    const withTools = countChatTokens({ model, messages: history, tools }).total;
    const result = fitMessages(history, { model, maxTokens: withTools - 1, tools });
    expect(result.fits).toBe(true);
    expect(result.total).toBe(countChatTokens({ model, messages: result.messages, tools }).total);
  });
});
