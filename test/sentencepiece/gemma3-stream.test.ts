// Streaming gemma3: text written in any chunks counts as the whole text and splits into splitByTokens' chunks
// (the cut rule of SentencePieceEncoding.cutsBefore, README.md "Why the cuts are exact"); fast-check prints the seed of a failure.
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { PieceTooLongError } from '../../src/stream/errors.js';
import { SentencePieceStreamCounter } from '../../src/stream/sentencepiece-counter.js';
import { StreamSplitter } from '../../src/stream/text-splitter.js';
import { splitByTokens } from '../../src/split.js';
import { UNCUT_LIMIT } from '../../src/stream/errors.js';
import { SentencePieceEncoding } from '../../src/sentencepiece/sentencepiece-encoding.js';
import { asciiText, mixedText } from '../support/arbitraries.js';
import gemma3 from '../../packages/tokmeter-open/gemma3.js';
import { InvalidArgumentError, useEncodingData } from '../../src/index.js';

const RUNS = Number(process.env['TOKMETER_FC_RUNS'] ?? 200);

let enc: SentencePieceEncoding;
beforeAll(() => {
  enc = useEncodingData(gemma3); // this file's process only (vitest runs each file in its own)
});

/** Text made of what gemma3 treats specially: added tokens (runs, tags), ▁, spaces, surrogates, and plain words. */
const gemmaText = fc
  .array(
    fc.oneof(
      fc.constantFrom('\n', '\t', '▁', ' ', '<', '>', '[', ']', '/', 'a', 'b', 'é', '中', '😀', '\ud83d', '\ude00', '<table>', '</td>', '<unused17>', '[multimodal]', '<mask>', '<bos>', '>▁</'),
      fc.integer({ min: 1, max: 70 }).map((n) => '\n'.repeat(n)),
      fc.integer({ min: 1, max: 70 }).map((n) => ' '.repeat(n)),
      fc.integer({ min: 1, max: 70 }).map((n) => '▁'.repeat(n)),
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

function countInChunks(chunks: readonly string[], flushAt: number): number {
  const counter = new SentencePieceStreamCounter(enc, flushAt);
  for (const chunk of chunks) counter.write(chunk);
  return counter.end();
}

describe('SentencePieceEncoding.cutsBefore', () => {
  const cuts = (text: string, at: number): boolean => SentencePieceEncoding.cutsBefore(enc, text, at);

  test('a space after a letter is a cut; inside words, added tokens, runs and surrogate pairs is not', () => {
    expect(cuts('hello world', 5)).toBe(true); // no piece has a letter then ▁
    expect(cuts('hello world', 3)).toBe(false); // 'll' is in pieces
    expect(cuts('x <table> y', 4)).toBe(false); // inside the added token <table>
    expect(cuts('x\n\n\n\ny', 3)).toBe(false); // inside a run of newlines
    expect(cuts('a😀b', 2)).toBe(false); // between the surrogates
    expect(cuts('hello world', 0)).toBe(false);
    expect(cuts('hello world', 11)).toBe(false);
  });

  test('every cut it reports splits the count exactly, on fixed text', () => {
    const text = 'The quick brown fox — naïve café. 我们今天去北京。 <b>bold</b>\n\n\n\tcode(x) 😀🤷🏽‍♀️ [multimodal] ▁▁ end';
    let found = 0;
    for (let at = 1; at < text.length; at++) {
      if (!cuts(text, at)) continue;
      found++;
      expect(enc.count(text.slice(0, at)) + enc.count(text.slice(at)), `cut at ${at}`).toBe(enc.count(text));
    }
    expect(found).toBeGreaterThan(10);
  });
});

describe('StreamSplitter with gemma3', () => {
  test("gives splitByTokens' chunks for text written in any chunks", () => {
    fc.assert(
      fc.property(
        // Without U+2581, which splitting refuses for gemma3 (below).
        fc.array(fc.oneof(gemmaText, mixedText, asciiText).map((s) => s.replaceAll('\u2581', '_')), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 4, max: 40 }),
        fc.integer({ min: 0, max: 3 }),
        (pieces, flushAt, maxTokens, overlap) => {
          const splitter = new StreamSplitter({ encoding: enc, maxTokens, overlap }, flushAt);
          const chunks = pieces.flatMap((piece) => splitter.write(piece));
          chunks.push(...splitter.end());
          expect(chunks).toEqual(splitByTokens(pieces.join(''), { encoding: 'gemma3', maxTokens, overlap }));
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('text holding U+2581 is refused, whole or streamed: its tokens decode it as a space, so chunks could not be placed', () => {
    // Before the check, splitByTokens('a▁b c') gave one chunk 'a▁b' and lost ' c'.
    expect(() => splitByTokens('a\u2581b c', { encoding: 'gemma3', maxTokens: 4 })).toThrow(InvalidArgumentError);
    expect(() => splitByTokens('a\u2581b c', { encoding: 'gemma3', maxTokens: 4 })).toThrow(/text holds U\+2581 \(▁\) at index 1/);
    const splitter = new StreamSplitter({ encoding: enc, maxTokens: 10, overlap: 0 });
    expect(splitter.write('fine text ')).toEqual([]);
    expect(() => splitter.write('x\u2581')).toThrow(/U\+2581/);
    expect(splitByTokens('a\u2581b c', { encoding: 'o200k_base', maxTokens: 4 }).map((c) => c.text).join('')).toBe('a\u2581b c');
  });
});

describe('SentencePieceStreamCounter', () => {
  test('counts text written in any chunks as the whole text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(gemmaText, mixedText, asciiText), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 200 }), (chunks, flushAt) => {
        expect(countInChunks(chunks, flushAt)).toBe(enc.count(chunks.join('')));
      }),
      { numRuns: RUNS },
    );
  });

  test('a long text, written a character at a time and in 1000-character chunks, holds little and counts exactly', () => {
    const text = 'Gemini counts this with Gemma 3. 我们今天去北京。 <td>x</td>\n\n'.repeat(3000);
    const counter = new SentencePieceStreamCounter(enc);
    let mostHeld = 0;
    for (let i = 0; i < text.length; i += 1000) {
      counter.write(text.slice(i, i + 1000));
      mostHeld = Math.max(mostHeld, counter.held);
    }
    expect(counter.counted).toBeGreaterThan(0);
    expect(mostHeld).toBeLessThan(70_000);
    expect(counter.end()).toBe(enc.count(text));
    expect(countInChunks([...text.slice(0, 5000)], 100)).toBe(enc.count(text.slice(0, 5000)));
  });

  test('a stretch with no cut longer than UNCUT_LIMIT is a PieceTooLongError; write after end and non-strings are refused', () => {
    const counter = new SentencePieceStreamCounter(enc);
    expect(() => {
      for (let i = 0; i <= UNCUT_LIMIT; i += 1 << 16) counter.write('a'.repeat(1 << 16));
    }).toThrow(PieceTooLongError);
    const done = new SentencePieceStreamCounter(enc);
    done.write('hi');
    expect(done.end()).toBe(enc.count('hi'));
    expect(() => done.write('more')).toThrow(/after end/);
    expect(() => new SentencePieceStreamCounter(enc).write(42 as unknown as string)).toThrow(/must be a string/);
  });
});
