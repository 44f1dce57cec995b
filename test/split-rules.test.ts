import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bmpClasses } from '../src/bpe/char-class.js';
import { patternRegex } from '../src/bpe/pattern-regex.js';
import type { SplitFunction } from '../src/bpe/pretokenizers.js';
import { nextPieceCl100k } from '../src/bpe/split-cl100k.js';
import { nextPieceGpt2 } from '../src/bpe/split-gpt2.js';
import { nextPieceO200k } from '../src/bpe/split-o200k.js';
import { nextPieceQwen2 } from '../src/bpe/split-qwen2.js';
import { renderPattern } from '../src/bpe/split-rules-compile.js';
import { compiledRules, nextPieceFromRules } from '../src/bpe/split-rules-scan.js';
import { QWEN2 } from '../src/encodings/open-specs.js';
import { CL100K_BASE, O200K_BASE, O200K_HARMONY, P50K_BASE, P50K_EDIT, R50K_BASE } from '../src/encodings/specs.js';
import { CL100K_RULES, GPT2_RULES, O200K_RULES, QWEN2_RULES, type SplitRules } from '../src/encodings/split-rules.js';
import { asciiText, FRAGMENTS, mixedText } from './support/arbitraries.js';

// The split patterns as data (src/encodings/split-rules.ts): each table renders to its encodings'
// pattern text byte for byte, so the table is the one description; the rules' interpreter alone
// cuts where that pattern, run as a regex, does; and each scanner — its fast paths in front of the
// interpreter — cuts where the interpreter alone does, at every position. fast-check prints the
// seed of a failure.

const RUNS = Number(process.env['TOKMETER_FC_RUNS'] ?? 200);

const CASES: [string, SplitRules, SplitFunction, string[]][] = [
  ['gpt2', GPT2_RULES, nextPieceGpt2, [R50K_BASE.pattern, P50K_BASE.pattern, P50K_EDIT.pattern]],
  ['cl100k', CL100K_RULES, nextPieceCl100k, [CL100K_BASE.pattern]],
  ['qwen2', QWEN2_RULES, nextPieceQwen2, [QWEN2.pattern]],
  ['o200k', O200K_RULES, nextPieceO200k, [O200K_BASE.pattern, O200K_HARMONY.pattern]],
];

describe.each(CASES)('the %s rules', (_name, rules, scanner, patterns) => {
  const compiled = compiledRules(rules);
  const table = bmpClasses();
  const regex = patternRegex(patterns[0]!);

  it('render to the pattern text of every encoding that splits with them', () => {
    for (const pattern of patterns) expect(renderPattern(rules)).toBe(pattern);
  });

  /** The pieces the interpreter alone cuts `text` into. */
  function piecesByRules(text: string): string[] {
    const pieces = [];
    for (let start = 0; start < text.length; ) {
      const end = nextPieceFromRules(compiled, table, text, start, text.length);
      pieces.push(text.slice(start, end));
      start = end;
    }
    return pieces;
  }

  it('interpreted alone, cut generated strings where the pattern does', () => {
    fc.assert(
      fc.property(fc.oneof(mixedText, asciiText), (text) => {
        expect(piecesByRules(text)).toEqual(Array.from(text.matchAll(regex), (m) => m[0]));
      }),
      { numRuns: RUNS * 5 },
    );
  });

  /** Where the scanner and the interpreter alone disagree, from every start, to the text's end and to `cut`. */
  function mismatches(text: string, cut: number): string[] {
    const found: string[] = [];
    for (const end of [text.length, Math.min(cut, text.length)]) {
      for (let s = 0; s < end; s++) {
        const byScanner = scanner(table, text, s, end);
        const byRules = nextPieceFromRules(compiled, table, text, s, end);
        if (byScanner !== byRules) found.push(`${JSON.stringify(text)} from ${s} to ${end}: scanner ${byScanner}, rules ${byRules}`);
      }
    }
    return found;
  }

  it('and the scanner, fast paths first, cuts where the interpreter alone does from every position', () => {
    fc.assert(
      fc.property(fc.oneof(mixedText, asciiText), fc.nat(200), (text, cut) => {
        expect(mismatches(text, cut)).toEqual([]);
      }),
      { numRuns: RUNS * 5 },
    );
    const found: string[] = [];
    for (const a of FRAGMENTS) for (const b of FRAGMENTS) found.push(...mismatches(a + b, Infinity));
    expect(found.slice(0, 10)).toEqual([]);
  });
});
