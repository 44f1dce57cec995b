import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { patternRegex } from '../src/bpe/pattern-regex.js';
import { referenceEncode, referenceVocabulary } from '../src/bpe/reference.js';
import { loadRankTable } from '../src/encodings/load.js';
import { ENCODING_NAMES, ENCODING_SPECS } from '../src/encodings/specs.js';
import { getEncoding } from '../src/index.js';
import { asciiText, mixedText } from './support/arbitraries.js';
import { oracle } from './support/oracle.js';

// The plain reference encoder (src/bpe/reference.ts) as a second oracle: it must agree with tiktoken,
// and the fast path must agree with it. fast-check prints the seed of any failure.

const RUNS = Number(process.env['TOKMETER_FC_RUNS'] ?? 150);

const EDGES = [
  '',
  'hello world',
  "I'LL can't  WE'VE  ſ'S",
  '   leading and trailing   ',
  'a\r\n\r\n\n  b\t\t\n',
  '1234567 89 0.5 ١٢٣ 一二三',
  'naïve café Ünïcödé ΑΒΓ Привет мир',
  '日本語のテキストと中文文本',
  'emoji 👩‍👩‍👧‍👦🏳️‍🌈 x',
  '\ufeffword\ufeff \ufeff',
  'lone \ud800 surrogate',
  'path/to/file.ts //comment\n',
  '<|endoftext|> as ordinary text',
];

describe.each(ENCODING_NAMES)('%s: the reference encoder', (name) => {
  const spec = ENCODING_SPECS[name];
  const split = patternRegex(spec.pattern);
  const vocabulary = referenceVocabulary(loadRankTable(spec.rankFile));
  const tiktoken = oracle(name);
  const fast = getEncoding(name);

  it('agrees with tiktoken on edge cases', () => {
    for (const text of EDGES) expect({ text, ids: referenceEncode(text, split, vocabulary) }).toEqual({ text, ids: tiktoken.encodeOrdinary(text) });
  });

  it('agrees with tiktoken, and the fast path with it, on generated strings', () => {
    fc.assert(
      fc.property(fc.oneof(mixedText, asciiText), (text) => {
        const ids = referenceEncode(text, split, vocabulary);
        expect(ids).toEqual(tiktoken.encodeOrdinary(text));
        expect(fast.encode(text)).toEqual(ids);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('patternRegex', () => {
  it('refuses syntax it does not know rather than guess', () => {
    expect(() => patternRegex('\\w+')).toThrow(/tokmeter: patternRegex: unknown escape/);
    expect(() => patternRegex('(?<name>a)')).toThrow(/does not know/);
  });
});
