import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENCODING_NAMES, getEncoding } from '../../src/index.js';
import { findSafeCutOffset } from '../../src/parallel/file-cuts.js';
import { cutRulesFor } from '../../src/stream/cut-rules.js';
import { CutScanner, type ScanStart } from '../../src/stream/cut-scanner.js';
import { FRAGMENTS } from '../support/arbitraries.js';
import { oracle } from '../support/oracle.js';

// Every cut the scanner makes is checked against tiktoken (the npm WASM package): the ids of the
// text before the cut followed by those of the text after it must be the ids of the whole text.
// The texts are mostly letterless — digits with separators, whitespace runs with line breaks,
// punctuation and emoji runs, NUL — where the streaming counter used to find no cut at all.
// fast-check prints the seed and the shrunk text of a failure; replay with { seed, path }.

const RUNS = Number(process.env['TOKMETER_FC_RUNS'] ?? 150);

const LETTERLESS = [
  // digits, alone and in runs, ASCII and not
  '0', '1', '12', '123', '1234', '12345', '٣', '٣٤٥', '²', '½', 'Ⅻ', '𝟘', '𝟙𝟚',
  // separators of numbers and logs
  ',', ';', '.', ':', '-', '+', '/', '|', '"', '\'', '\'s', '\'ll', '=', '%', '#', '(', ')', '[', ']', '{', '}', '\\', '*', '_',
  // whitespace runs with and without line breaks
  ' ', '  ', '   ', '\t', '\n', '\r', '\r\n', '\n\n', ' \n', '\n ', '\n  ', '\t\n', '\u00a0', '\u0085', '\u2028', '\u3000', '\u000b',
  // NUL and other control characters
  '\0', '\0\0', '\0\0\0', '\x01', '\x7f', '\x1b',
  // emoji, with modifiers, joiners and variation selectors; symbols and wide punctuation
  '😀', '👋🏽', '❤️', '\ufe0f', '👨‍👩‍👧', '\u200d', '🇺🇸', '🙂', '€', '—', '…', '•', '。', '，', '、', '「',
  // marks, the byte-order mark, replacement and lone surrogates
  '\u0301', '\ufeff', '\ufffd', '\ud800', '\udc00',
];

const LETTERS = ['a', 'A', 'x', 'Hello', 'aB', 'ǅ', 'ſ', '中', 'é', 's', 't', 'll', 're', 'D'];

/** Letterless fragments, each repeated up to 6 times (long runs), with now and then a letter or any fragment. */
const letterlessText = fc
  .array(
    fc.oneof(
      { weight: 10, arbitrary: fc.tuple(fc.constantFrom(...LETTERLESS), fc.integer({ min: 1, max: 6 })).map(([part, times]) => part.repeat(times)) },
      { weight: 2, arbitrary: fc.constantFrom(...LETTERS) },
      { weight: 1, arbitrary: fc.constantFrom(...FRAGMENTS) },
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

/** Every cut a scanner makes in `text` from code point index `from` on, feeding one character at a time. */
function cutsOf(name: (typeof ENCODING_NAMES)[number], text: string, start: ScanStart, from: number): number[] {
  const scanner = new CutScanner(cutRulesFor(getEncoding(name)), start, from);
  const cuts: number[] = [];
  for (let i = from; i < text.length; ) {
    const width = text.codePointAt(i)! > 0xffff ? 2 : 1;
    const cut = scanner.scanText(text, i, i + width, 0, false);
    if (cut >= 0) cuts.push(cut);
    i += width;
  }
  return cuts;
}

function expectSafeCuts(name: (typeof ENCODING_NAMES)[number], text: string, cuts: readonly number[]): void {
  const reference = oracle(name);
  const whole = reference.encodeOrdinary(text);
  for (const cut of cuts) {
    const joined = [...reference.encodeOrdinary(text.slice(0, cut)), ...reference.encodeOrdinary(text.slice(cut))];
    expect({ cut, ids: joined }).toEqual({ cut, ids: whole });
  }
}

describe.each(ENCODING_NAMES)('%s: every cut keeps tiktoken\'s tokens', (name) => {
  it('on letterless text, scanned from its start', () => {
    fc.assert(
      fc.property(letterlessText, (text) => expectSafeCuts(name, text, cutsOf(name, text, 'start', 0))),
      { numRuns: RUNS },
    );
  });

  it('on letterless text, scanned cold from anywhere', () => {
    fc.assert(
      fc.property(letterlessText, fc.nat(), (text, at) => {
        let from = text.length === 0 ? 0 : at % text.length;
        if ((text.charCodeAt(from) & 0xfc00) === 0xdc00 && (text.charCodeAt(from - 1) & 0xfc00) === 0xd800) from++; // not inside a pair
        expectSafeCuts(name, text, cutsOf(name, text, 'cold', from));
      }),
      { numRuns: RUNS },
    );
  });

  it('on dense mixes of the characters the rules turn on', () => {
    const soup = fc
      .array(fc.constantFrom('/', '\n', '\r', '\'', 's', 'r', 'e', 'E', 'l', 'L', 'a', 'A', 'ǅ', '中', ',', '.', ' ', ' ', '\t', '\u00a0', '1', '٣', '\0', '\u0301', '\ufe0f', '😀', '\ufffd', '\ud800'), { maxLength: 30 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(soup, fc.nat(), (text, at) => {
        expectSafeCuts(name, text, cutsOf(name, text, 'start', 0));
        const from = text.length === 0 ? 0 : at % text.length;
        if ((text.charCodeAt(from) & 0xfc00) !== 0xdc00) expectSafeCuts(name, text, cutsOf(name, text, 'cold', from));
      }),
      { numRuns: RUNS },
    );
  });

  it('on long digit runs, NUL runs and emoji runs after every kind of character', () => {
    const run = fc.constantFrom('7', '\0', '😀', ',', ' ', '\n', '—', '\x01');
    const before = fc.constantFrom('', 'a', '1', ',', ' ', '\n', '\t', '😀', '\0', '\u0301', '\ufffd', 'é');
    const after = fc.constantFrom('', 'a', '1', ',', ' ', '\n', '/', '\'s', '😀', '\0', '\u0301');
    fc.assert(
      fc.property(before, run, fc.integer({ min: 1, max: 40 }), after, (head, unit, times, tail) => {
        const text = head + unit.repeat(times) + tail;
        expectSafeCuts(name, text, cutsOf(name, text, 'start', 0));
      }),
      { numRuns: RUNS },
    );
  });
});

describe.each(ENCODING_NAMES)('%s: skipping through runs', (name) => {
  // The drivers skip runs six characters at a time where no cut can come (or none is wanted);
  // that must change nothing: the same last cut, the same first cut, as feeding every character.
  const runs = fc
    .array(fc.tuple(fc.constantFrom(...LETTERLESS, ...LETTERS, '7', '\0', ' ', '\n', 'a'), fc.integer({ min: 1, max: 60 })).map(([part, times]) => part.repeat(times)), { maxLength: 12 })
    .map((parts) => parts.join(''));

  it('finds the same cuts as reading every character', () => {
    const rules = cutRulesFor(getEncoding(name));
    fc.assert(
      fc.property(runs, fc.constantFrom<ScanStart>('start', 'cold'), (text, start) => {
        const every = cutsOf(name, text, start, 0);
        const skipping = new CutScanner(rules, start, 0);
        expect(skipping.scanText(text, 0, text.length, 0, false)).toBe(every.at(-1) ?? -1);
        expect(new CutScanner(rules, start, 0).scanText(text, 0, text.length, 0, true)).toBe(every[0] ?? -1);
        // No stretch between cuts looks longer than it is (the counter refuses the long ones).
        const longest = Math.max(0, ...every.map((cut, k) => cut - (k === 0 ? 0 : every[k - 1]!)));
        expect(skipping.longestGap.length).toBeLessThanOrEqual(longest);
      }),
      { numRuns: RUNS },
    );
  });

  it('the file search returns a safe cut at or after its offset, from any floor', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tokmeter-cuts-'));
    const path = join(folder, 'text.txt');
    const rules = cutRulesFor(getEncoding(name));
    try {
      fc.assert(
        fc.property(runs, fc.nat(), fc.nat(), (text, at, below) => {
          const bytes = Buffer.from(text);
          writeFileSync(path, bytes);
          const offset = bytes.length === 0 ? 0 : at % bytes.length;
          const floors = [0, ...cutsOf(name, text, 'start', 0).map((cut) => Buffer.byteLength(text.slice(0, cut)))].filter((cut) => cut <= offset);
          const floor = floors[below % floors.length]!;
          const cut = findSafeCutOffset(path, offset, bytes.length, rules, undefined, floor);
          expect(cut).toBeGreaterThanOrEqual(offset);
          const before = bytes.subarray(0, cut).toString();
          expect(Buffer.byteLength(before)).toBe(cut); // a character boundary
          expectSafeCuts(name, text, [before.length]);
        }),
        { numRuns: RUNS },
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('the cut rules cut letterless text', () => {
  // Not a proof of safety (the properties above are) but of usefulness: each shape the issue
  // names gets cuts at least every few characters under every encoding.
  const shapes: Record<string, string> = {
    'numeric CSV': '12345,678,9\n42,0,31415926\n'.repeat(20),
    'a log of numbers': '1712345678 200 5123 ',
    'whitespace runs with line breaks': ' \n\n   \t\n  .  \n\n\t\t}\n'.repeat(20),
    'emoji with spaces': '😀 👋🏽 ❤️ 🇺🇸\n'.repeat(20),
    'emoji alone': '😀🙂👋🚀'.repeat(40),
    NUL: '\0'.repeat(400),
  };
  it.each(ENCODING_NAMES)('%s', (name) => {
    for (const [shape, text] of Object.entries(shapes)) {
      const cuts = cutsOf(name, text, 'start', 0);
      const widest = Math.max(...[0, ...cuts, text.length].map((cut, i, all) => (i === 0 ? 0 : cut - all[i - 1]!)));
      expect({ shape, widest: widest <= 16 }).toEqual({ shape, widest: true });
    }
  });
});
