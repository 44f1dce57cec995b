import { PRETOKENIZERS } from '../src/bpe/pretokenizers.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bmpClasses } from '../src/bpe/char-class.js';
import { nextPieceCl100k, wideWordCl100k } from '../src/bpe/split-cl100k.js';
import { nextPieceGpt2, wideWordGpt2 } from '../src/bpe/split-gpt2.js';
import { nextPieceO200k, wideWordO200k } from '../src/bpe/split-o200k.js';
import { nextPieceDeepSeekV3, wideWordDeepSeekV3 } from '../src/bpe/split-deepseek-v3.js';
import { encodeOrdinary } from '../src/bpe/encode.js';
import type { SplitFunction, WideWordFunction } from '../src/bpe/pretokenizers.js';
import { WindowUnits } from '../src/bpe/window-units.js';
import { ENCODING_NAMES } from '../src/index.js';
import { loadRankTable } from '../src/encodings/load.js';
import { ENCODING_SPECS } from '../src/encodings/specs.js';
import { mixedText } from './support/arbitraries.js';
import { oracle } from './support/oracle.js';

// The encode loop's wide mode (encode-wide.ts): long text that the WebAssembly byte loop does not take
// (test/byte-kernel.test.ts) is read a window at a time from a copy of its UTF-16 units, and its
// pieces are looked up in the memo from that copy, which must reach past the window's end. The
// windows must never change a token, and the wide words must cut where the scanners do.

const RUNS = Number(process.env['TOKMETER_FC_RUNS'] ?? 200);

/** Texts long enough for the window modes and mostly outside ASCII: wide mode (not shrunk either). */
const wideText = fc.noShrink(
  fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom('中文', '，人人', '的权利和自由', 'ภาษาไทย', 'Привет', ' мир', 'ἀλήθεια', '👋🏽', '😀', 'é', '\u0301', '日本語のテキスト', '。\n') },
        { weight: 1, arbitrary: fc.constantFrom(' the', 'HTTP', "'s", ' 42', '\n', '  ', 'x', '\ud800', ' liberté', 'Zürich', ' Société', '(слово', '\tмир', '\nмир', 'AÉ') },
        // Marks and letters of mixed classes in one word (Vietnamese and Yoruba written decomposed,
        // a titlecase digraph, letters of other classes between cased ones), and astral letters.
        { weight: 1, arbitrary: fc.constantFrom(' va\u0300', 'Đie\u0302\u0300u', ' e\u0323\u0300to\u0323\u0301', 'A\u0301B\u0301c', 'ǅemal', 'Aʰb', '中A', 'Aß', '𝐀𝐚', 'A𝐚', 'x\u0301\u0302') },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
      ),
      { minLength: 150, maxLength: 400 },
    )
    .map((parts) => parts.join('')),
);

const WIDE_WORDS: [string, SplitFunction, WideWordFunction][] = [
  ['o200k', nextPieceO200k, wideWordO200k],
  ['cl100k', nextPieceCl100k, wideWordCl100k],
  ['gpt2', nextPieceGpt2, wideWordGpt2],
  ['deepseek_v3', nextPieceDeepSeekV3, wideWordDeepSeekV3],
];

describe.each(WIDE_WORDS)('the %s wide word', (_name, split, wideWord) => {
  it('cuts each word where the scanner does, or hands it over, wherever the piece starts', () => {
    let tried = 0;
    let decided = 0;
    for (const text of [...fc.sample(mixedText, { numRuns: RUNS, seed: 3 }), ...fc.sample(wideText, { numRuns: RUNS, seed: 4 })]) {
      const units = Uint16Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
      for (let start = 0; start < text.length; start++) {
        tried++;
        const expected = split(bmpClasses(), text, start, text.length);
        // The whole text copied, then a copy that stops short of the text's end.
        for (const end of [text.length, Math.min(text.length, start + 1 + (start % 7))]) {
          const cut = wideWord(bmpClasses(), units, start, end);
          if (cut < 0) continue;
          if (end === text.length) decided++;
          if (cut !== expected || cut >= end) expect({ text, start, end, cut }).toEqual({ text, start, end, cut: expected });
        }
      }
    }
    // Every position is tried, inside words and surrogate pairs too (the encode loop asks at ASCII
    // leads and letters as well as outside ASCII); over a fifth of them start a word the wide word
    // decides.
    expect(decided).toBeGreaterThan(tried * 0.2);
  });
});

describe.each(ENCODING_NAMES)('%s in wide mode', (name) => {
  const spec = ENCODING_SPECS[name];
  const ranks = loadRankTable(spec.rankFile);
  const reference = oracle(name);

  it('encodes long text in windows of any size as tiktoken does, twice over (the second time from the memo)', () => {
    fc.assert(
      fc.property(wideText, fc.integer({ min: 1, max: 400 }), (text, windowUnits) => {
        const expected = reference.encodeOrdinary(text);
        for (let pass = 0; pass < 2; pass++) {
          const out: number[] = [];
          const count = encodeOrdinary(ranks, PRETOKENIZERS[spec.pretokenizer], text, 0, text.length, out, 0, Number.MAX_SAFE_INTEGER, windowUnits);
          const firstDifference = expected.findIndex((id, i) => id !== out[i]);
          expect({ pass, length: out.length, count, firstDifference }).toEqual({ pass, length: expected.length, count: expected.length, firstDifference: -1 });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('hands a word that runs past the copy of the units to the scanner', () => {
    // The window holds the word's start; the copy reaches 256 units past the window, inside the word.
    for (const run of ['a'.repeat(700), `Z${'q'.repeat(700)}`, 'HTTP'.repeat(200), `é${'x'.repeat(600)}`, '7'.repeat(500), ' '.repeat(600)]) {
      const text = `${'中文，'.repeat(130)}${run}${'，人人'.repeat(40)}`;
      const expected = reference.encodeOrdinary(text);
      for (const windowUnits of [400, 395, 300, 64, 1]) {
        const out: number[] = [];
        encodeOrdinary(ranks, PRETOKENIZERS[spec.pretokenizer], text, 0, text.length, out, 0, Number.MAX_SAFE_INTEGER, windowUnits);
        expect({ run: run.slice(0, 8), windowUnits, firstDifference: expected.findIndex((id, i) => id !== out[i]), length: out.length }).toEqual({
          run: run.slice(0, 8),
          windowUnits,
          firstDifference: -1,
          length: expected.length,
        });
      }
    }
  });

  it('counts a sub-range of the text as tiktoken counts that slice', () => {
    fc.assert(
      fc.property(wideText, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 400 }), (text, a, b, windowUnits) => {
        const start = a % text.length;
        const end = start + (b % (text.length - start + 1));
        const count = encodeOrdinary(ranks, PRETOKENIZERS[spec.pretokenizer], text, start, end, null, 0, Number.MAX_SAFE_INTEGER, windowUnits);
        expect(count).toBe(reference.encodeOrdinary(text.slice(start, end)).length);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('WindowUnits', () => {
  it('copies a window of units, growing to fit', () => {
    const window = new WindowUnits(4, 100);
    const text = `ab${'中'.repeat(30)}\ud800z`;
    const units = window.copy(text, 1, text.length);
    expect(Array.from(units.subarray(0, text.length - 1))).toEqual(Array.from({ length: text.length - 1 }, (_, i) => text.charCodeAt(i + 1)));
    expect(window.length).toBe(text.length - 1);
    expect(window.copy('xy', 0, 2).subarray(0, 2)).toEqual(Uint16Array.of(0x78, 0x79));
  });

  it('grows by doubling, but not past its largest window unless a window needs more', () => {
    const window = new WindowUnits(4, 100);
    const sizes = [5, 9, 60, 90, 150].map((units) => {
      window.copy('x'.repeat(units), 0, units);
      return window.capacity;
    });
    expect(sizes).toEqual([8, 16, 60, 100, 150]);
  });
});
