/**
 * The README's "Coming from js-tiktoken, tiktoken or gpt-tokenizer" table (issue 22, point 9):
 * every tokmeter call in its last column is run here, and where js-tiktoken or the npm tiktoken
 * package has the same call, the ids are compared. The calls are read from the README, so a call
 * added to or changed in the table without a case here fails.
 */
import { readFileSync } from 'node:fs';
import { encodingForModel as jsEncodingForModel, getEncoding as jsGetEncoding } from 'js-tiktoken';
import { get_encoding } from 'tiktoken';
import { afterAll, describe, expect, test } from 'vitest';
import {
  countChatTokens,
  countTokens,
  DisallowedSpecialTokenError,
  encodeChat,
  encodingForModel,
  getEncoding,
  isWithinTokenLimit,
  splitByTokens,
} from '../src/index.js';
import type { ChatMessage } from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## Coming from js-tiktoken'), readme.indexOf('## Chat requests'));

/** The code spans of the tokmeter column, `\|` read as `|`. */
function tokmeterCalls(): string[] {
  const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| what') && !line.startsWith('| ---'));
  const calls = rows.flatMap((row) => {
    const cells = row.split(/(?<!\\)\|/).slice(1, -1);
    const last = cells[cells.length - 1] ?? '';
    return [...last.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\\\|/g, '|'));
  });
  return [...new Set(calls)];
}

const text = 'hello <|endoftext|> world, and some more words to split into chunks. '.repeat(40);
const messages: ChatMessage[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'hello' },
];
const functions = [{ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }];
const enc = getEncoding('cl100k_base');
const jsEnc = jsGetEncoding('cl100k_base');
const wasm = get_encoding('cl100k_base');
afterAll(() => wasm.free());
const tokens = enc.encode(text);
const ordinary = Array.from(wasm.encode_ordinary(text));

/** Each call of the table, run, and checked against a peer where one has the same call. */
const CASES: Record<string, () => void> = {
  "getEncoding('cl100k_base')": () => expect(getEncoding('cl100k_base').encode(text)).toEqual(jsEnc.encode(text, [], [])),
  "encodingForModel('gpt-4o')": () => expect(encodingForModel('gpt-4o').encode(text)).toEqual(jsEncodingForModel('gpt-4o').encode(text, [], [])),
  'enc.encode(text)': () => expect(enc.encode(text)).toEqual(ordinary),
  'enc.decode(tokens)': () => expect(enc.decode(tokens)).toBe(jsEnc.decode(tokens)),
  "countTokens(text, { model: 'gpt-4o' })": () => expect(countTokens(text, { model: 'gpt-4o' })).toBe(jsEncodingForModel('gpt-4o').encode(text, [], []).length),
  'isWithinTokenLimit(text, 4096)': () => expect(isWithinTokenLimit(text, 4096)).toBe(countTokens(text)),
  "encodeChat({ model: 'gpt-4o', messages })": () => expect(encodeChat({ model: 'gpt-4o', messages })).toHaveLength(countChatTokens({ model: 'gpt-4o', messages }).total),
  "countChatTokens({ model: 'gpt-4o', messages }).total": () => expect(countChatTokens({ model: 'gpt-4o', messages }).total).toBe(3 + (3 + 1 + 3) + (3 + 1 + 1)),
  "countChatTokens({ model: 'gpt-4o', messages, functions }).total": () =>
    expect(countChatTokens({ model: 'gpt-4o', messages, functions }).total).toBeGreaterThan(countChatTokens({ model: 'gpt-4o', messages }).total),
  "isWithinTokenLimit(messages, 4096, { model: 'gpt-4o' })": () => expect(isWithinTokenLimit(messages, 4096, { model: 'gpt-4o' })).toBe(countChatTokens({ model: 'gpt-4o', messages }).total),
  "getEncoding('cl100k_base', { extraSpecialTokens: { '<|im_start|>': 100264 } })": () => {
    const withIm = `<|im_start|>${text}`;
    const ours = getEncoding('cl100k_base', { extraSpecialTokens: { '<|im_start|>': 100264 } }).encode(withIm, { allowedSpecial: 'all' });
    expect(ours).toEqual(jsGetEncoding('cl100k_base', { '<|im_start|>': 100264 }).encode(withIm, 'all'));
    expect(ours[0]).toBe(100264);
  },
  "enc.encode(text, { allowedSpecial: 'all' })": () => expect(enc.encode(text, { allowedSpecial: 'all' })).toEqual(Array.from(wasm.encode(text, 'all'))),
  "enc.encode(text, { allowedSpecial: ['<|endoftext|>'] })": () => expect(enc.encode(text, { allowedSpecial: ['<|endoftext|>'] })).toEqual(jsEnc.encode(text, ['<|endoftext|>'])),
  "enc.encode(text, { disallowedSpecial: 'all' })": () => {
    expect(() => jsEnc.encode(text)).toThrow();
    expect(() => enc.encode(text, { disallowedSpecial: 'all' })).toThrow(DisallowedSpecialTokenError);
  },
  'splitByTokens(text, { maxTokens: 512, overlap: 64 })': () => {
    const chunks = splitByTokens(text, { maxTokens: 512, overlap: 64 });
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.tokens).toBeLessThanOrEqual(512);
  },
};

describe('README: coming from js-tiktoken, tiktoken or gpt-tokenizer', () => {
  test('the table has a case here for every tokmeter call, and no other', () => {
    expect(tokmeterCalls().sort()).toEqual(Object.keys(CASES).sort());
  });

  test.each(Object.entries(CASES))('%s', (_call, run) => run());
});
