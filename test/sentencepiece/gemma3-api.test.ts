// gemma3's public surface: pinned ids, special-token options and their errors, countUpTo, decoding,
// and refusing damaged data. (Exactness against the oracle is gemma3-differential.test.ts.)
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import gemma3 from '../../packages/tokmeter-open/gemma3.js';
import { DisallowedSpecialTokenError, InvalidArgumentError, TokmeterError } from '../../src/errors.js';
import { sentencePieceEncodingFromBase64 } from '../../src/sentencepiece/load.js';
import type { SentencePieceEncoding } from '../../src/sentencepiece/sentencepiece-encoding.js';
import { Encoding } from '../../src/encoding.js';
import { gemma3ForTest } from './gemma3-oracle.js';

let enc: SentencePieceEncoding;
beforeAll(() => {
  enc = gemma3ForTest();
});

describe('gemma3', () => {
  test("has Encoding's public surface, member for member (checked by tsc: npm run typecheck)", () => {
    const asEncoding: Pick<Encoding, keyof Encoding> = enc;
    const fromEncoding = (e: Encoding): Pick<SentencePieceEncoding, keyof SentencePieceEncoding> => e;
    void fromEncoding;
    const methods = (prototype: object): string[] => Object.getOwnPropertyNames(prototype).filter((name) => name !== 'constructor').sort();
    expect(methods(Object.getPrototypeOf(asEncoding) as object)).toEqual(methods(Encoding.prototype));
  });

  test('pinned ids (checked against tokenizers 0.23.2 and SentencePiece 0.2.2 on the same vocabulary)', () => {
    expect(enc.encode('What is your name?')).toEqual([3689, 563, 822, 1463, 236881]);
    expect(enc.encode('a  b and    c')).toEqual([236746, 138, 236763, 532, 140, 236755]);
    expect(enc.encode('x\n\n  y')).toEqual([236781, 108, 138, 236762]);
    expect(enc.encode('\t\tfoo')).toEqual([255969, 26537]);
    expect(enc.encode('<table> ok')).toEqual([168, 7546]);
    expect(enc.encode('12345')).toEqual([236770, 236778, 236800, 236812, 236810]);
    expect(enc.name).toBe('gemma3');
    expect(enc.vocabularySize).toBe(262_145);
    expect([...enc.specialTokens]).toEqual([
      ['<pad>', 0],
      ['<eos>', 1],
      ['<bos>', 2],
      ['<unk>', 3],
      ['<start_of_turn>', 105],
      ['<end_of_turn>', 106],
      ['<start_of_image>', 255999],
      ['<end_of_image>', 256000],
      ['<image_soft_token>', 262144],
    ]);
  });

  test('special tokens are text unless allowed; disallowed ones throw', () => {
    const text = 'hi<start_of_turn>user';
    const plain = enc.encode(text);
    expect(plain).not.toContain(105);
    expect(plain.length).toBeGreaterThan(3);
    expect(enc.encode(text, { allowedSpecial: ['<start_of_turn>'] })).toEqual([...enc.encode('hi'), 105, ...enc.encode('user')]);
    expect(enc.encode(text, { allowedSpecial: 'all' })).toContain(105);
    expect(enc.encode('<bos><eos>', { allowedSpecial: ['<eos>'] })).toEqual([...enc.encode('<bos>'), 1]);
    expect(enc.encode('<image_soft_token>', { allowedSpecial: 'all' })).toEqual([262144]);

    const error = (() => {
      try {
        enc.encode('ok <end_of_turn> then <bos>', { disallowedSpecial: 'all' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DisallowedSpecialTokenError);
    expect(error).toMatchObject({ code: 'DISALLOWED_SPECIAL_TOKEN', token: '<end_of_turn>', index: 3 });
    expect(() => enc.count('x<bos>', { disallowedSpecial: ['<bos>'] })).toThrow(DisallowedSpecialTokenError);
    expect(enc.count('x<bos>', { allowedSpecial: ['<bos>'], disallowedSpecial: 'all' })).toBe(2);
    // USER_DEFINED pieces are not special tokens: always matched, never refused.
    expect(enc.encode('<table>', { disallowedSpecial: 'all' })).toEqual([168]);
    expect(() => enc.encode('x', { allowedSpecial: ['<|endoftext|>'] })).toThrow(/not a special token of gemma3/);
    expect(() => enc.encode('x', { allowedSpecial: ['<bos>'], disallowedSpecial: ['<bos>'] })).toThrow(InvalidArgumentError);
    expect(() => enc.encode('x', { allowSpecial: 'all' } as never)).toThrow(InvalidArgumentError);
    expect(() => enc.encode(42 as never)).toThrow(InvalidArgumentError);
  });

  test('countUpTo is the count up to the limit, limit + 1 past it', () => {
    const seed = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', 'the ', '中文', '\n', '<td>', '🤷', 'x'.repeat(40)), maxLength: 60 }), fc.nat(80), (text, limit) => {
        const count = enc.count(text);
        expect(enc.countUpTo(text, limit)).toBe(Math.min(count, limit + 1));
        expect(enc.countUpTo(text, limit, { allowedSpecial: 'all' })).toBe(Math.min(enc.count(text, { allowedSpecial: 'all' }), limit + 1));
      }),
      { seed, numRuns: 300 },
    );
    expect(enc.countUpTo('', 0)).toBe(0);
    expect(enc.countUpTo('hello world', 0)).toBe(1);
    expect(() => enc.countUpTo('x', -1)).toThrow(InvalidArgumentError);
    expect(() => enc.countUpTo('x', 1.5)).toThrow(InvalidArgumentError);
  });

  test('countUpTo stops early on a huge input', () => {
    const huge = 'word '.repeat(2_000_000);
    const start = performance.now();
    expect(enc.countUpTo(huge, 100)).toBe(101);
    // Not a timing test: reading 10 MB would take far longer than a handful of words.
    expect(performance.now() - start).toBeLessThan(1000);
  });

  test('decode, decodeBytes and tokenByteLengths agree with the text', () => {
    const texts = ['What is your name?', '  two\tspaces\n\nand <td>cells</td>', '中文 🤷🏽‍♀️ \u{20000}', '<bos>x'];
    for (const text of texts) {
      const ids = enc.encode(text);
      expect(enc.decode(ids)).toBe(text);
      const bytes = enc.decodeBytes(ids);
      expect(new TextDecoder().decode(bytes)).toBe(text);
      const lengths = enc.tokenByteLengths(ids);
      expect(lengths.reduce((a, b) => a + b, 0)).toBe(bytes.length);
    }
    expect(enc.decode([2, 105, 262144])).toBe('<bos><start_of_turn><image_soft_token>');
    expect(enc.decode([238 + 0xe4, 238 + 0xb8, 238 + 0xad])).toBe('中');
    expect(enc.decode([238 + 0xe4])).toBe('\ufffd');
    // ▁ typed in the text is a space to SentencePiece: it decodes as one.
    expect(enc.decode(enc.encode('a\u2581b'))).toBe('a b');
    expect(() => enc.decode([262145])).toThrow(/not a token id of gemma3/);
    expect(() => enc.tokenByteLengths([-1])).toThrow(InvalidArgumentError);
    expect(() => enc.decode('12' as never)).toThrow(InvalidArgumentError);
  });

  test('damaged data is refused with ENCODING_DATA_CORRUPT', () => {
    const bytes = Buffer.from(gemma3.base64, 'base64');
    bytes[1000] = bytes[1000]! ^ 1;
    expect(() => sentencePieceEncodingFromBase64('gemma3', bytes.toString('base64'))).toThrow(TokmeterError);
    expect(() => sentencePieceEncodingFromBase64('gemma3', bytes.toString('base64'))).toThrow(/SHA-256 .* tokmeter expects e87ccdf1/);
    let refused: unknown;
    try {
      sentencePieceEncodingFromBase64('gemma3', 'not base64!');
    } catch (e) {
      refused = e;
    }
    expect(refused).toMatchObject({ code: 'ENCODING_DATA_CORRUPT' });
    expect(gemma3.format).toBe('spm-bpe-1');
    expect(gemma3.name).toBe('gemma3');
  });
});
