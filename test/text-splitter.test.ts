import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTextSplitter, InvalidArgumentError, PieceTooLongError, splitByTokens, UNCUT_LIMIT, useEncodingData, type SplitOptions, type TextChunk } from '../src/index.js';
import { readSplitOptions } from '../src/split-rule.js';
import { StreamSplitter } from '../src/stream/text-splitter.js';
import llama3Data from '../packages/tokmeter-open/llama3.js';
import { mixedText } from './support/arbitraries.js';

// createTextSplitter (issue 22, point 6, the streaming variant): the chunks of text fed in pieces are
// splitByTokens' chunks of the whole text, whatever the pieces. fast-check prints the seed of a failure.

const RUNS = Number(process.env['TOKMETER_FC_RUNS'] ?? 150);

/** Feeds `text` in pieces of the given sizes (cycled; a size may cut a surrogate pair) and collects the chunks. */
function streamed(splitter: { write(text: string): TextChunk[]; end(): TextChunk[] }, text: string, sizes: readonly number[]): TextChunk[] {
  const chunks: TextChunk[] = [];
  for (let at = 0, i = 0; at < text.length; i++) {
    const size = sizes[i % sizes.length]!;
    for (const chunk of splitter.write(text.slice(at, at + size))) chunks.push(chunk);
    at += size;
  }
  for (const chunk of splitter.end()) chunks.push(chunk);
  return chunks;
}

const ENCODINGS = ['o200k_base', 'cl100k_base', 'r50k_base', 'p50k_base', 'p50k_edit', 'o200k_harmony'] as const;

/** Runs of one character, where safe cuts are rare or come in twos and threes (whitespace, NUL, digits, joined punctuation, emoji). */
const run = fc
  .tuple(fc.constantFrom(' ', '\n', '\r\n', '\t', '0', '7', '\0', '!', ',', '—', '👋', '👨‍👩‍👧', 'a', '中', '\u0301', '. '), fc.integer({ min: 1, max: 120 }))
  .map(([unit, n]) => unit.repeat(n));
const prose = fc.constantFrom(
  'A paragraph about tokens. It has two sentences.\n\n',
  'Line one\r\nLine two\r\n\r\nNext paragraph! Really? Yes.\r\n',
  '第一段。第二句！还有吗？有的。\n\n',
  '    return tokens.map((t) => t * 2); // code\n',
  '“Quoted,” she said. “Then more.” ',
);
/** Texts up to a few thousand characters: fragments, runs and prose, so that windows hold several segments. */
const text = fc.array(fc.oneof({ weight: 3, arbitrary: mixedText }, { weight: 2, arbitrary: run }, { weight: 2, arbitrary: prose }), { maxLength: 40 }).map((parts) => parts.join(''));

describe('createTextSplitter', () => {
  it('gives splitByTokens’ chunks of the whole text, however the text is cut into pieces and segments', () => {
    fc.assert(
      fc.property(
        text,
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 4, max: 60 }),
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        fc.constantFrom(...ENCODINGS),
        (input, sizes, flushAt, maxTokens, share, encoding) => {
          const options: SplitOptions = { maxTokens, overlap: Math.floor(maxTokens * share), encoding };
          const expected = splitByTokens(input, options);
          // Segments of a few characters: the window is chosen from many times over.
          expect(streamed(new StreamSplitter(readSplitOptions(options, 'test'), flushAt), input, sizes)).toEqual(expected);
          expect(streamed(createTextSplitter(options), input, sizes)).toEqual(expected);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('gives the same error as splitByTokens for a maxTokens below one character’s tokens', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 64 }), (input, maxTokens, flushAt) => {
        let whole: unknown;
        let chunks: TextChunk[] | undefined;
        try {
          chunks = splitByTokens(input, { maxTokens });
        } catch (error) {
          whole = error;
        }
        const splitter = new StreamSplitter(readSplitOptions({ maxTokens }, 'test'), flushAt);
        if (whole === undefined) expect(streamed(splitter, input, [7])).toEqual(chunks);
        else expect(() => streamed(splitter, input, [7])).toThrow((whole as Error).message);
      }),
      { numRuns: RUNS },
    );
  });

  describe('fixed cases, with the splitter as users get it', () => {
    const cases: Record<string, string> = {
      paragraphs: Array.from({ length: 3000 }, (_, i) => `Paragraph ${i} says something about tokens. It ends here.${i % 3 === 0 ? '\n\n' : ' '}`).join(''),
      CJK: Array.from({ length: 4000 }, (_, i) => `第${i}段：分词器把文本切成词元。每一块不超过上限！\n`).join(''),
      'emoji ZWJ sequences': '👨‍👩‍👧‍👦🏳️‍🌈👩🏽‍🚀 family flags astronauts\n'.repeat(3000),
      CRLF: Array.from({ length: 5000 }, (_, i) => `line ${i}\r\n${i % 7 === 0 ? '\r\n' : ''}`).join(''),
      // Longer than the 64K characters after which the splitter looks for a safe cut.
      'stretches of 100,000 spaces with no safe cut': `before the gap.${' '.repeat(100_000)}after the gap. `.repeat(2),
      'digits in threes and NUL in pairs': `${'1234567890'.repeat(20_000)}\n${'\0'.repeat(100_001)}x`,
    };
    // Piece sizes that cut surrogate pairs and ZWJ sequences (odd sizes), and ones larger than a segment.
    const feeds: readonly (readonly number[])[] = [[1, 2, 3, 5, 7, 11, 13], [4097], [100_000]];

    it.each(Object.keys(cases))('%s', (name) => {
      const input = cases[name]!;
      for (const options of [{ maxTokens: 64 }, { maxTokens: 500, overlap: 50, encoding: 'cl100k_base' as const }, { maxTokens: 5, encoding: 'r50k_base' as const }]) {
        const expected = splitByTokens(input, options);
        for (const sizes of feeds) expect(streamed(createTextSplitter(options), input, sizes)).toEqual(expected);
      }
    });
  });

  it('holds about one chunk and one segment, however long the text', () => {
    const input = 'Retrieval chunks are small. '.repeat(80_000); // 2.2 M characters
    const splitter = new StreamSplitter(readSplitOptions({ maxTokens: 100 }, 'test'));
    let chunks = 0;
    for (let at = 0; at < input.length; at += 10_000) chunks += splitter.write(input.slice(at, at + 10_000)).length;
    chunks += splitter.end().length;
    expect(chunks).toBe(splitByTokens(input, { maxTokens: 100 }).length);
    expect(splitter.mostCharacters).toBeLessThan(2 * 65_536 + 10_000);
    expect(splitter.mostBoundaries).toBeLessThan(40_000);
  });

  it('refuses a stretch of more than UNCUT_LIMIT characters with no safe cut, saying where it starts', () => {
    const splitter = createTextSplitter({ maxTokens: 50 });
    const head = 'Some text first. ';
    splitter.write(head);
    const spaces = ' '.repeat(1 << 20);
    let error: unknown;
    try {
      for (let i = 0; i <= UNCUT_LIMIT >> 20; i++) splitter.write(spaces);
      splitter.write('x');
      splitter.end();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PieceTooLongError);
    expect((error as PieceTooLongError).place).toEqual({ kind: 'text', character: head.length - 1 });
  });

  it('refuses bad options as splitByTokens does, naming createTextSplitter, and bad calls', () => {
    expect(() => createTextSplitter({ maxTokens: 0 })).toThrow(/options\.maxTokens must be a whole number of tokens, 1 or more/);
    expect(() => createTextSplitter({ maxTokens: 10, overlap: 10 })).toThrow(/options\.overlap must be a whole number of tokens from 0 to maxTokens - 1 \(9\)/);
    expect(() => createTextSplitter({ maxTokens: 10, overlpa: 2 } as never)).toThrow(/options\.overlpa is not an option of createTextSplitter; did you mean overlap/);
    expect(() => createTextSplitter(undefined as never)).toThrow(/options is required/);
    const splitter = createTextSplitter({ maxTokens: 10 });
    expect(() => splitter.write(5 as never)).toThrow(InvalidArgumentError);
    expect(splitter.end()).toEqual([]);
    expect(splitter.end()).toEqual([]);
    expect(() => splitter.write('more')).toThrow(/write was called after end\(\)/);
  });

  it('refuses an encoding whose safe cuts are not known, rather than fail inside', () => {
    useEncodingData(llama3Data);
    expect(() => createTextSplitter({ maxTokens: 10, encoding: 'llama3' as never })).toThrow(/llama3 cannot be split as a stream.*splitByTokens/);
  });
});
