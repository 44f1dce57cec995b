/**
 * Custom special tokens (issue 22, point 5): getEncoding(name, { extraSpecialTokens }) and
 * js-tiktoken's positional form build a new Encoding; the ids it gives are checked against the npm
 * `tiktoken` package and js-tiktoken built with the same tokens; every conflict and every mistyped
 * argument is a typed error, never ignored.
 */
import { getEncoding as jsTiktokenEncoding } from 'js-tiktoken';
import { get_encoding } from 'tiktoken';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { encodingForModel, getEncoding, InvalidArgumentError, SpecialTokenConflictError } from '../src/index.js';

const IM = { '<|im_start|>': 100264, '<|im_end|>': 100265 }; // tiktoken README, "Extending tiktoken"
const text = '<|im_start|>user\nhello <|endoftext|> there<|im_end|>';

describe('getEncoding with extra special tokens', () => {
  test('builds a new Encoding and leaves the memoized one as it was', () => {
    const base = getEncoding('cl100k_base');
    const extended = getEncoding('cl100k_base', { extraSpecialTokens: IM });
    expect(extended).not.toBe(base);
    expect(getEncoding('cl100k_base')).toBe(base);
    expect(base.specialTokens.has('<|im_start|>')).toBe(false);
    expect(extended.specialTokens.get('<|im_start|>')).toBe(100264);
    expect(extended.specialTokens.get('<|endoftext|>')).toBe(100257);
    expect(extended.name).toBe('cl100k_base');
    expect(extended.vocabularySize).toBe(base.vocabularySize); // 100264 and 100265 are in cl100k's unused ids
    expect(getEncoding('o200k_base', { extraSpecialTokens: { '<|x|>': 300000 } }).vocabularySize).toBe(300001);
  });

  test('the same ids as tiktoken and js-tiktoken extended with the same tokens', () => {
    const ours = getEncoding('cl100k_base', { extraSpecialTokens: IM });
    const wasm = get_encoding('cl100k_base', IM);
    try {
      expect(ours.encode(text, { allowedSpecial: 'all' })).toEqual(Array.from(wasm.encode(text, 'all')));
      expect(ours.encode(text)).toEqual(Array.from(wasm.encode_ordinary(text)));
    } finally {
      wasm.free();
    }
    expect(ours.encode(text, { allowedSpecial: 'all' })).toEqual(jsTiktokenEncoding('cl100k_base', IM).encode(text, 'all'));
  });

  test('added tokens behave like the built-in ones: ordinary text by default, decoded by id', () => {
    const ours = getEncoding('cl100k_base', { extraSpecialTokens: IM });
    expect(ours.encode('<|im_start|>', { allowedSpecial: ['<|im_start|>'] })).toEqual([100264]);
    expect(ours.encode('<|im_start|>')).toEqual(getEncoding('cl100k_base').encode('<|im_start|>'));
    expect(() => ours.encode('<|im_end|>', { disallowedSpecial: 'all' })).toThrow(/<\|im_end\|>/);
    expect(ours.decode([100264, 882, 100265])).toBe('<|im_start|>user<|im_end|>');
    expect(() => getEncoding('cl100k_base').decode([100264])).toThrow(InvalidArgumentError);
  });

  test("js-tiktoken's positional form getEncoding(name, { token: id }) and encodingForModel", () => {
    expect(getEncoding('cl100k_base', IM).encode(text, { allowedSpecial: 'all' })).toEqual(getEncoding('cl100k_base', { extraSpecialTokens: IM }).encode(text, { allowedSpecial: 'all' }));
    expect(encodingForModel('gpt-4', IM).specialTokens.get('<|im_end|>')).toBe(100265);
    expect(encodingForModel('gpt-4o', { extraSpecialTokens: { '<|im_start|>': 200264 } }).specialTokens.get('<|im_start|>')).toBe(200264);
  });

  test('repeating a built-in token with its own id is accepted (tiktoken\'s {**base, …} form)', () => {
    expect(getEncoding('cl100k_base', { extraSpecialTokens: { '<|endoftext|>': 100257, ...IM } }).specialTokens.size).toBe(7);
  });
});

describe('conflicts are SpecialTokenConflictError', () => {
  const conflict = (fn: () => unknown): SpecialTokenConflictError => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(SpecialTokenConflictError);
      expect((error as SpecialTokenConflictError).code).toBe('SPECIAL_TOKEN_CONFLICT');
      expect((error as Error).message).toMatch(/^tokmeter: /);
      return error as SpecialTokenConflictError;
    }
    throw new Error('expected a SpecialTokenConflictError');
  };

  test('an id of the vocabulary', () => {
    const error = conflict(() => getEncoding('cl100k_base', { extraSpecialTokens: { '<|im_start|>': 15339 } }));
    expect(error).toMatchObject({ conflict: 'vocabulary', id: 15339, token: '<|im_start|>', field: 'options.extraSpecialTokens["<|im_start|>"]' });
    expect(error.message).toMatch(/ordinary token of cl100k_base/);
  });

  test("another special token's id, or a built-in token's text with another id", () => {
    expect(conflict(() => getEncoding('cl100k_base', { extraSpecialTokens: { '<|im_start|>': 100257 } }))).toMatchObject({ conflict: 'special-token' });
    expect(conflict(() => getEncoding('cl100k_base', { extraSpecialTokens: { '<|endoftext|>': 100264 } }))).toMatchObject({ conflict: 'special-token' });
    expect(conflict(() => getEncoding('cl100k_base', { '<|a|>': 100264, '<|b|>': 100264 }))).toMatchObject({ conflict: 'special-token', token: '<|b|>', field: 'options["<|b|>"]' });
  });

  test("p50k's <|endoftext|> sits inside the ranks' range: its id is still a special token's, not the vocabulary's", () => {
    expect(conflict(() => getEncoding('p50k_base', { extraSpecialTokens: { '<|x|>': 50256 } }))).toMatchObject({ conflict: 'special-token' });
  });
});

describe('a mistyped argument is an InvalidArgumentError naming it, never ignored', () => {
  const cases: [string, unknown, string][] = [
    ['a misspelt option', { extraSpecialToken: IM }, 'options.extraSpecialToken'],
    ['a token map that is not an object', { extraSpecialTokens: [['<|x|>', 300000]] }, 'options.extraSpecialTokens'],
    ['an id given as text', { extraSpecialTokens: { '<|x|>': '300000' } }, 'options.extraSpecialTokens["<|x|>"]'],
    ['a negative id', { extraSpecialTokens: { '<|x|>': -1 } }, 'options.extraSpecialTokens["<|x|>"]'],
    ['a fractional id', { '<|x|>': 300000.5 }, 'options["<|x|>"]'],
    ['an id past 32 bits', { '<|x|>': 2 ** 32 }, 'options["<|x|>"]'],
    ['a token not of the form <|name|>', { extraSpecialTokens: { '[INST]': 300000 } }, 'options.extraSpecialTokens["[INST]"]'],
    ['a token with |> inside its name', { '<|a|>b|>': 300000 }, 'options["<|a|>b|>"]'],
    ['a string', 'cl100k_im', 'options'],
    ['an array', [IM], 'options'],
    ['a map with an option besides ids', { extraSpecialTokens: IM, '<|x|>': 300000 }, 'options.<|x|>'],
  ];
  test.each(cases)('%s', (_label, options, field) => {
    expect(() => getEncoding('cl100k_base', options as never)).toThrow(expect.objectContaining({ name: 'InvalidArgumentError', field }));
  });

  test('no tokens to add is the memoized encoding', () => {
    expect(getEncoding('o200k_base', {})).toBe(getEncoding('o200k_base'));
    expect(getEncoding('o200k_base', { extraSpecialTokens: {} })).toBe(getEncoding('o200k_base'));
  });
});

test("the README's example shows what these calls give", () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const im = getEncoding('cl100k_base', { extraSpecialTokens: IM });
  expect(readme).toContain(`im.encode('<|im_start|>user\\nhi<|im_end|>', { allowedSpecial: 'all' }); // [${im.encode('<|im_start|>user\nhi<|im_end|>', { allowedSpecial: 'all' }).join(', ')}]`);
  expect(readme).toContain(`im.decode([100264, 882, 100265]);                                        // '${im.decode([100264, 882, 100265])}'`);
  let message = '';
  try {
    getEncoding('cl100k_base', { extraSpecialTokens: { '<|im_start|>': 15339 } });
  } catch (error) {
    message = (error as Error).message;
  }
  const shown = readme.slice(readme.indexOf('// SpecialTokenConflictError: '), readme.indexOf('```', readme.indexOf('// SpecialTokenConflictError: ')));
  expect(shown.replace(/\n\/\/ /g, ' ').replace('// SpecialTokenConflictError: ', '').trim()).toBe(message);
});

test('an error from encodingForModel names encodingForModel', () => {
  expect(() => encodingForModel('gpt-4', { extraSpecialToken: IM } as never)).toThrow(/not an option of encodingForModel/);
});
