import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENCODING_NAMES, getEncoding } from '../src/index.js';
import { nextPieceO200k } from '../src/bpe/split-o200k.js';
import { encodeOrdinary } from '../src/bpe/encode.js';
import type { Pretokenizer } from '../src/bpe/pretokenizers.js';
import { loadRankTable } from '../src/encodings/load.js';
import { mixedText, wellFormedText } from './support/arbitraries.js';

// Properties every encoding must have, on generated strings (fast-check prints the seed of a failure).

const RUNS = Number(process.env['TOKMETER_FC_RUNS'] ?? 200);

describe.each(ENCODING_NAMES)('%s', (name) => {
  const encoding = getEncoding(name);

  it('decodes what it encodes, for well-formed text', () => {
    fc.assert(
      fc.property(wellFormedText, (text) => {
        expect(encoding.decode(encoding.encode(text))).toBe(text);
        expect(encoding.decode(encoding.encode(text, { allowedSpecial: 'all' }))).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });

  it('decodes lone surrogates as U+FFFD', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        expect(encoding.decode(encoding.encode(text))).toBe(text.toWellFormed());
      }),
      { numRuns: RUNS },
    );
  });

  it('counts what it encodes', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        expect(encoding.count(text)).toBe(encoding.encode(text).length);
        expect(encoding.count(text, { allowedSpecial: 'all' })).toBe(encoding.encode(text, { allowedSpecial: 'all' }).length);
      }),
      { numRuns: RUNS },
    );
  });

  it('countUpTo agrees with count: min(count, limit + 1)', () => {
    fc.assert(
      fc.property(mixedText, fc.nat(60), (text, limit) => {
        expect(encoding.countUpTo(text, limit)).toBe(Math.min(encoding.count(text), limit + 1));
        expect(encoding.countUpTo(text, limit, { allowedSpecial: 'all' })).toBe(Math.min(encoding.count(text, { allowedSpecial: 'all' }), limit + 1));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('countUpTo stops early', () => {
  it('returns limit + 1 on a huge text after looking at only the first pieces', () => {
    const o200k = getEncoding('o200k_base');
    const huge = 'hello world '.repeat(2_000_000); // 24 MB
    expect(o200k.countUpTo(huge, 10)).toBe(11);
    // The encode loop itself, with a scanner that counts its calls: it stops at the piece that
    // passes the limit instead of walking the whole text. (Numbers and spaces, one token each: the
    // loop reads ASCII words inline, without calling the scanner.)
    const numbers = '123 '.repeat(6_000_000);
    let pieces = 0;
    const countingSplit: Pretokenizer = {
      name: 'o200k',
      asciiWords: 'cased',
      nextPiece: (classes, text, start, end) => {
        pieces++;
        return nextPieceO200k(classes, text, start, end);
      },
    };
    expect(encodeOrdinary(loadRankTable('o200k_base'), countingSplit, numbers, 0, numbers.length, null, 0, 10)).toBe(11);
    expect(pieces).toBe(11);
  });
});
