import { describe, expect, it } from 'vitest';
import {
  DisallowedSpecialTokenError,
  InvalidArgumentError,
  TokmeterError,
  UnknownEncodingError,
  UnknownModelError,
  countTokens,
  encodingForModel,
  encodingNameForModel,
  getEncoding,
} from '../src/index.js';

describe('getEncoding', () => {
  it('is memoized and knows the gpt2 alias', () => {
    expect(getEncoding('o200k_base')).toBe(getEncoding('o200k_base'));
    expect(getEncoding('gpt2')).toBe(getEncoding('r50k_base'));
  });

  it('rejects an unknown name with suggestions', () => {
    const error = catchError(() => getEncoding('cl100k' as never));
    expect(error).toBeInstanceOf(UnknownEncodingError);
    expect(error).toBeInstanceOf(TokmeterError);
    expect(error.message).toMatch(/^tokmeter: unknown encoding "cl100k"\. Did you mean "cl100k_base"/);
    expect((error as UnknownEncodingError).suggestions).toContain('cl100k_base');
  });

  it('does not mistake object properties for names', () => {
    expect(() => getEncoding('toString' as never)).toThrow(UnknownEncodingError);
    expect(() => getEncoding('__proto__' as never)).toThrow(UnknownEncodingError);
    expect(() => encodingForModel('constructor')).toThrow(UnknownModelError);
  });

  it('rejects a name that is not a string', () => {
    expect(() => getEncoding(42 as never)).toThrow(InvalidArgumentError);
  });
});

describe('encodingForModel', () => {
  it.each([
    ['gpt-4o', 'o200k_base'],
    ['gpt-4o-2024-08-06', 'o200k_base'],
    ['gpt-4o-mini', 'o200k_base'],
    ['chatgpt-4o-latest', 'o200k_base'],
    ['gpt-4.1-nano-2025-04-14', 'o200k_base'],
    ['gpt-4.5-preview', 'o200k_base'],
    ['gpt-5', 'o200k_base'],
    ['gpt-5-mini-2025-08-07', 'o200k_base'],
    ['o1', 'o200k_base'],
    ['o1-mini', 'o200k_base'],
    ['o3-pro', 'o200k_base'],
    ['o4-mini', 'o200k_base'],
    ['gpt-oss-120b', 'o200k_harmony'],
    ['gpt-4', 'cl100k_base'],
    ['gpt-4-turbo-2024-04-09', 'cl100k_base'],
    ['gpt-4-0613', 'cl100k_base'],
    ['gpt-3.5-turbo', 'cl100k_base'],
    ['gpt-3.5-turbo-0301', 'cl100k_base'],
    ['text-embedding-3-large', 'cl100k_base'],
    ['text-embedding-ada-002', 'cl100k_base'],
    ['text-davinci-003', 'p50k_base'],
    ['text-davinci-002', 'p50k_base'],
    ['code-davinci-002', 'p50k_base'],
    ['code-cushman-001', 'p50k_base'],
    ['text-davinci-edit-001', 'p50k_edit'],
    ['davinci', 'r50k_base'],
    ['curie', 'r50k_base'],
    ['babbage', 'r50k_base'],
    ['ada', 'r50k_base'],
    ['openai/gpt-4o', 'o200k_base'],
    ['ft:gpt-4o-mini-2024-07-18:acme::abc123', 'o200k_base'],
    ['GPT-4o', 'o200k_base'],
  ])('%s → %s', (model, name) => {
    expect(encodingNameForModel(model)).toBe(name);
    expect(encodingForModel(model).name).toBe(name);
  });

  it('rejects an unknown model with the closest names and how to proceed', () => {
    const error = catchError(() => encodingForModel('gpt-4oo'));
    expect(error).toBeInstanceOf(UnknownModelError);
    expect(error.message).toContain('unknown model "gpt-4oo"');
    expect(error.message).toContain('"gpt-4o"');
    expect(error.message).toContain('{ encoding: "o200k_base" }');
    expect(() => encodingForModel('claude-3-opus')).toThrow(UnknownModelError);
    expect(() => encodingForModel('o100')).toThrow(UnknownModelError);
  });
});

describe('countTokens', () => {
  it('defaults to gpt-4o (o200k_base)', () => {
    expect(countTokens('hello world')).toBe(2);
    expect(countTokens('a\uFEFF\uFEFF!')).toBe(3);
  });

  it('takes a model or an encoding, not both', () => {
    expect(countTokens('hello world', { model: 'gpt-3.5-turbo' })).toBe(2);
    expect(countTokens('Привет мир', { encoding: 'r50k_base' })).toBe(getEncoding('r50k_base').count('Привет мир'));
    expect(() => countTokens('x', { model: 'gpt-4o', encoding: 'cl100k_base' })).toThrow(/give one of them/);
  });

  it('rejects a misspelt or unknown option instead of ignoring it', () => {
    expect(() => countTokens('x', { modle: 'gpt-4' } as never)).toThrow(/options\.modle is not an option of countTokens; did you mean model\?/);
    expect(() => countTokens('x', 'gpt-4' as never)).toThrow(InvalidArgumentError);
  });

  it('counts a messages array as the API bills it, given the model', () => {
    // 3 (reply priming) + 3 (per message) + "user" (1) + "hello world" (2)
    expect(countTokens([{ role: 'user', content: 'hello world' }], { model: 'gpt-4o' })).toBe(9);
    expect(() => countTokens([{ role: 'user', content: 'hi' }], {} as never)).toThrow(/options\.model is required/);
  });

  it('counts special-token text as text unless allowed', () => {
    expect(countTokens('<|endoftext|>')).toBe(7);
    expect(countTokens('<|endoftext|>', { allowedSpecial: 'all' })).toBe(1);
  });
});

describe('special-token options', () => {
  const o200k = getEncoding('o200k_base');

  it('disallowedSpecial throws a typed error naming the token and the fix', () => {
    const error = catchError(() => o200k.encode('hi <|endoftext|>', { disallowedSpecial: 'all' }));
    expect(error).toBeInstanceOf(DisallowedSpecialTokenError);
    expect((error as DisallowedSpecialTokenError).token).toBe('<|endoftext|>');
    expect((error as DisallowedSpecialTokenError).index).toBe(3);
    expect(error.message).toContain('allowedSpecial');
    expect(() => o200k.count('<|endofprompt|>', { disallowedSpecial: ['<|endofprompt|>'] })).toThrow(DisallowedSpecialTokenError);
  });

  it("disallowedSpecial: 'all' spares the allowed ones", () => {
    expect(o200k.encode('<|endoftext|>', { allowedSpecial: ['<|endoftext|>'], disallowedSpecial: 'all' })).toEqual([199999]);
    expect(() => o200k.encode('<|endofprompt|>', { allowedSpecial: ['<|endoftext|>'], disallowedSpecial: 'all' })).toThrow(DisallowedSpecialTokenError);
  });

  it('allows only the listed tokens', () => {
    expect(o200k.encode('<|endofprompt|><|endoftext|>', { allowedSpecial: ['<|endoftext|>'] }).at(-1)).toBe(199999);
    expect(o200k.encode('<|endofprompt|><|endoftext|>', { allowedSpecial: ['<|endoftext|>'] })).not.toContain(200018);
  });

  it('rejects options that are malformed, unknown or contradictory', () => {
    expect(() => o200k.encode('x', { allowedSpecial: 'some' as never })).toThrow(InvalidArgumentError);
    expect(() => o200k.encode('x', { allowedSpecial: ['<|im_start|>'] })).toThrow(/options\.allowedSpecial\[0\] is "<\|im_start\|>", which is not a special token of o200k_base/);
    expect(() => o200k.encode('x', { allowSpecial: 'all' } as never)).toThrow(InvalidArgumentError);
    expect(() => o200k.encode('x', { allowedSpecial: ['<|endoftext|>'], disallowedSpecial: ['<|endoftext|>'] })).toThrow(/Keep it in one of the two/);
  });
});

describe('bad input', () => {
  const o200k = getEncoding('o200k_base');

  it.each([[null], [undefined], [42], [['a']], [{ text: 'a' }]])('text %j gets a typed error', (text) => {
    const error = catchError(() => o200k.encode(text as never));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).field).toBe('text');
    expect(error.message).toMatch(/^tokmeter: text must be a string/);
    expect(() => o200k.count(text as never)).toThrow(InvalidArgumentError);
    expect(() => countTokens(text as never)).toThrow(InvalidArgumentError);
  });

  it.each([[-1], [1.5], [Number.NaN], [Infinity], ['10']])('limit %j gets a typed error', (limit) => {
    expect(() => o200k.countUpTo('hello', limit as never)).toThrow(/^tokmeter: limit must be a non-negative integer/);
  });

  it.each([
    [[1.5], 'tokens[0]'],
    [[24912, -1], 'tokens[1]'],
    [[200019], 'tokens[0]'],
    [[199998], 'tokens[0]'], // a gap in o200k_base: no token has this id
    [[Number.NaN], 'tokens[0]'],
    [['5'], 'tokens[0]'],
  ])('decode(%j) names %s', (tokens, field) => {
    const error = catchError(() => o200k.decode(tokens as never));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).field).toBe(field);
    expect(error.message).toContain('not a token id of o200k_base');
  });

  it('decode rejects a non-array', () => {
    expect(() => o200k.decode('24912' as never)).toThrow(InvalidArgumentError);
    expect(() => o200k.decode(null as never)).toThrow(InvalidArgumentError);
  });
});

describe('decode', () => {
  it('turns bytes that are not UTF-8 on their own into U+FFFD, as tiktoken', () => {
    const o200k = getEncoding('o200k_base');
    const ids = o200k.encode('👋');
    expect(ids.length).toBeGreaterThan(1);
    expect(o200k.decode(ids.slice(0, 1))).toBe('\uFFFD');
    expect(o200k.decodeBytes(ids)).toEqual(new TextEncoder().encode('👋'));
    expect(o200k.decode(new Uint32Array(ids))).toBe('👋');
  });
});

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
