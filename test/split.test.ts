import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countTokens, getEncoding, InvalidArgumentError, isWithinTokenLimit, splitByTokens } from '../src/index.js';
import { mixedText, wellFormedText } from './support/arbitraries.js';

// splitByTokens and isWithinTokenLimit (issue 22, points 3 and 6). fast-check prints the seed of a failure.

const RUNS = Number(process.env['TOKMETER_FC_RUNS'] ?? 150);

describe('splitByTokens', () => {
  it('chunks join back into the text exactly, each at most maxTokens counted on its own, cut at token boundaries', () => {
    fc.assert(
      fc.property(mixedText, fc.integer({ min: 4, max: 40 }), fc.constantFrom('o200k_base', 'cl100k_base', 'r50k_base') as fc.Arbitrary<'o200k_base'>, (text, maxTokens, encoding) => {
        const chunks = splitByTokens(text, { maxTokens, encoding });
        expect(chunks.map((c) => c.text).join('')).toBe(text);
        const enc = getEncoding(encoding);
        let at = 0;
        for (const chunk of chunks) {
          expect(chunk.start).toBe(at);
          expect(chunk.text).toBe(text.slice(chunk.start, chunk.end));
          expect(chunk.tokens).toBe(enc.count(chunk.text));
          expect(chunk.tokens).toBeLessThanOrEqual(maxTokens);
          expect(chunk.text.length).toBeGreaterThan(0);
          at = chunk.end;
        }
        expect(at).toBe(text.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('with overlap, each chunk starts before the previous one ends, moves on, and still covers the text', () => {
    fc.assert(
      fc.property(wellFormedText, fc.integer({ min: 8, max: 40 }), fc.double({ min: 0, max: 0.9, noNaN: true }), (text, maxTokens, share) => {
        const overlap = Math.floor(maxTokens * share);
        const chunks = splitByTokens(text, { maxTokens, overlap });
        let reached = 0;
        chunks.forEach((chunk, i) => {
          expect(chunk.tokens).toBeLessThanOrEqual(maxTokens);
          expect(chunk.text).toBe(text.slice(chunk.start, chunk.end));
          if (i > 0) {
            expect(chunk.start).toBeLessThanOrEqual(reached);
            expect(chunk.start).toBeGreaterThan(chunks[i - 1]!.start);
          }
          reached = chunk.end;
        });
        expect(reached).toBe(text.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('prefers a paragraph end, then a sentence end, near the limit', () => {
    const paragraph = 'One short paragraph about tokens.\n\n';
    const text = `${paragraph}${'A second paragraph that goes on with many words, and then some more words besides. '.repeat(3)}`;
    const [first] = splitByTokens(text, { maxTokens: 8 });
    expect(first?.text).toBe(paragraph); // 6 tokens: the blank line is within a quarter of 8
    const sentences = 'First sentence here. Second sentence is here too. Third one follows it.';
    const chunks = splitByTokens(sentences, { maxTokens: 11 });
    expect(chunks[0]?.text).toBe('First sentence here. Second sentence is here too.'); // the space goes with ' Third'
  });

  it('never cuts inside a character, even when the character spans several tokens', () => {
    const text = '🧑‍🤝‍🧑🏳️‍🌈👩🏽‍🚀'.repeat(20);
    const chunks = splitByTokens(text, { maxTokens: 5 });
    expect(chunks.map((c) => c.text).join('')).toBe(text);
    for (const chunk of chunks) expect(chunk.text.isWellFormed()).toBe(true);
  });

  it('gives the same chunks for a model and its encoding; the empty text has none', () => {
    const text = 'Counting tokens for retrieval. '.repeat(50);
    expect(splitByTokens(text, { maxTokens: 30, model: 'gpt-4' })).toEqual(splitByTokens(text, { maxTokens: 30, encoding: 'cl100k_base' }));
    expect(splitByTokens('', { maxTokens: 10 })).toEqual([]);
  });

  it('refuses a maxTokens below what one character takes, and bad options, naming them', () => {
    expect(() => splitByTokens('🧑‍🤝‍🧑', { maxTokens: 1 })).toThrow(/options\.maxTokens \(1\) is smaller than the tokens of one character/);
    expect(() => splitByTokens('x', { maxTokens: 0 })).toThrow(InvalidArgumentError);
    expect(() => splitByTokens('x', { maxTokens: 10, overlap: 10 })).toThrow(/options\.overlap must be a whole number of tokens from 0 to maxTokens - 1 \(9\)/);
    expect(() => splitByTokens('x', { maxTokens: 10, overlpa: 2 } as never)).toThrow(/options\.overlpa is not an option of splitByTokens; did you mean overlap/);
    expect(() => splitByTokens('x', undefined as never)).toThrow(/options is required/);
  });
});

describe('isWithinTokenLimit', () => {
  it('is the count when the text fits, false when it does not, for every limit', () => {
    fc.assert(
      fc.property(mixedText, fc.integer({ min: 0, max: 60 }), (text, limit) => {
        const count = countTokens(text);
        expect(isWithinTokenLimit(text, limit)).toBe(count <= limit ? count : false);
      }),
      { numRuns: RUNS },
    );
  });

  it('counts messages and whole chat requests as the API bills them', () => {
    const messages = [{ role: 'user' as const, content: 'hello world' }];
    expect(isWithinTokenLimit(messages, 9, { model: 'gpt-4o' })).toBe(9);
    expect(isWithinTokenLimit(messages, 8, { model: 'gpt-4o' })).toBe(false);
    expect(isWithinTokenLimit({ model: 'gpt-4o', messages }, 100)).toBe(9);
    expect(isWithinTokenLimit('hello world', 5, { encoding: 'cl100k_base' })).toBe(2);
  });

  it('stops early on a huge text', () => {
    const huge = 'lorem ipsum dolor sit amet '.repeat(400_000); // ~10.8 MB
    expect(isWithinTokenLimit(huge, 1_000)).toBe(false);
  });

  it('refuses a limit that is not a whole number of tokens', () => {
    for (const limit of [-1, 1.5, Number.NaN, '10']) expect(() => isWithinTokenLimit('x', limit as number)).toThrow(/tokmeter: limit must be a whole number of tokens/);
  });
});
