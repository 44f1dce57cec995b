import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CJK_IDEOGRAPHS_COUNT, CJK_IDEOGRAPHS_FIRST, OTHER_LETTER, astralClass, bmpClasses } from '../src/bpe/char-class.js';
import { CLASS_RUNS } from '../src/bpe/unicode-classes.generated.js';
import { nextPieceCl100k } from '../src/bpe/split-cl100k.js';
import { nextPieceGpt2 } from '../src/bpe/split-gpt2.js';
import { nextPieceO200k } from '../src/bpe/split-o200k.js';
import type { SplitFunction } from '../src/bpe/pretokenizers.js';
import { asciiText, mixedText } from './support/arbitraries.js';
import { patternRegex } from '../src/bpe/pattern-regex.js';
import { CL100K_BASE, O200K_BASE, R50K_BASE } from '../src/encodings/specs.js';

// The hand-written pre-tokenizers against each encoding's split pattern (its spec's `pattern`, run
// by a backtracking regex engine through patternRegex): the same pieces, on the same character
// classes. Token-level agreement with tiktoken is in differential.test.ts and reference.test.ts;
// this pins any disagreement to the split.

/** The pieces a regex cuts `text` into (tiktoken's find_iter: these patterns match every character). */
function piecesByRegex(regex: RegExp, text: string): string[] {
  return Array.from(text.matchAll(regex), (m) => m[0]);
}

function piecesByScanner(split: SplitFunction, text: string): string[] {
  const pieces: string[] = [];
  const classes = bmpClasses();
  for (let pos = 0; pos < text.length; ) {
    const end = split(classes, text, pos, text.length);
    expect(end > pos && end <= text.length, `split returned ${end} at ${pos}`).toBe(true);
    pieces.push(text.slice(pos, end));
    pos = end;
  }
  return pieces;
}

const SCANNERS: [string, SplitFunction, string][] = [
  ['gpt2', nextPieceGpt2, R50K_BASE.pattern],
  ['cl100k', nextPieceCl100k, CL100K_BASE.pattern],
  ['o200k', nextPieceO200k, O200K_BASE.pattern],
];

describe.each(SCANNERS)('the %s scanner', (_name, split, pattern) => {
  const regex = patternRegex(pattern);

  it('cuts generated strings where its pattern does', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        expect(piecesByScanner(split, text)).toEqual(piecesByRegex(regex, text));
      }),
      { numRuns: Number(process.env['TOKMETER_FC_RUNS'] ?? 500) },
    );
  });

  it('cuts code-like ASCII where its pattern does', () => {
    fc.assert(
      fc.property(asciiText, (text) => {
        expect(piecesByScanner(split, text)).toEqual(piecesByRegex(regex, text));
      }),
      { numRuns: Number(process.env['TOKMETER_FC_RUNS'] ?? 500) },
    );
  });

  it.each([
    ['trailing whitespace with a newline', 'x\n  '],
    ['whitespace before a word', 'a   b'],
    ['tab then letters', 'a \tb'],
    ['a mark before capitals', '\u0301AB!'],
    ['BOM between letters', 'a\ufeff\ufeff!'],
    ['NEL is whitespace', 'a\u0085b'],
    ['long s contraction', "x'ſ y"],
    ['numbers', '12345 ²³ ٣٤٥'],
    ['path slashes', 'a/b//\n/c'],
  ])('on %s', (_label, text) => {
    expect(piecesByScanner(split, text)).toEqual(piecesByRegex(regex, text));
  });
});

describe('the class table', () => {
  it('has every CJK Unified Ideograph as an other letter, as the scanners assume without reading it', () => {
    const classes = bmpClasses();
    const others = [];
    for (let unit = CJK_IDEOGRAPHS_FIRST; unit < CJK_IDEOGRAPHS_FIRST + CJK_IDEOGRAPHS_COUNT; unit++) {
      if (classes[unit] !== OTHER_LETTER) others.push(unit.toString(16));
    }
    expect(others).toEqual([]);
    expect(CJK_IDEOGRAPHS_FIRST + CJK_IDEOGRAPHS_COUNT).toBe(0xa000);
  });

  it('classes every code point above the BMP as the generated runs do', () => {
    const wrong = [];
    let start = 0;
    for (let i = 0; i < CLASS_RUNS.length; i += 2) {
      start += CLASS_RUNS[i]!;
      const next = i + 2 < CLASS_RUNS.length ? start + CLASS_RUNS[i + 2]! : 0x110000;
      // Every code point of plane 1; each run's first and last elsewhere.
      const points = next <= 0x20000 ? Array.from({ length: next - start }, (_, k) => start + k) : [start, next - 1];
      for (const codePoint of points) {
        if (codePoint >= 0x10000 && astralClass(codePoint) !== CLASS_RUNS[i + 1]) wrong.push(codePoint.toString(16));
      }
    }
    expect(wrong).toEqual([]);
  });
});
