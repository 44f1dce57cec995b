import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bmpClasses } from '../src/bpe/char-class.js';
import { patternRegex } from '../src/bpe/pattern-regex.js';
import type { SplitFunction } from '../src/bpe/pretokenizers.js';
import { nextPieceCl100k } from '../src/bpe/split-cl100k.js';
import { nextPieceGpt2 } from '../src/bpe/split-gpt2.js';
import { nextPieceO200k } from '../src/bpe/split-o200k.js';
import { nextPieceQwen2 } from '../src/bpe/split-qwen2.js';
import { nextPieceDeepSeekV3, wideWordDeepSeekV3 } from '../src/bpe/split-deepseek-v3.js';
import { renderPattern, renderSequence } from '../src/bpe/split-rules-compile.js';
import { compiledRules, nextPieceFromRules } from '../src/bpe/split-rules-scan.js';
import { compiledSequence, compileSequence, nextPieceFromSequence } from '../src/bpe/split-rules-sequence.js';
import { DEEPSEEK_V3, QWEN2 } from '../src/encodings/open-specs.js';
import { CL100K_BASE, O200K_BASE, O200K_HARMONY, P50K_BASE, P50K_EDIT, R50K_BASE } from '../src/encodings/specs.js';
import { CL100K_RULES, DEEPSEEK_V3_STEPS, GPT2_RULES, O200K_RULES, QWEN2_RULES, type SplitRules } from '../src/encodings/split-rules.js';
import { Tokenizer } from 'tokenizers';
import { asciiText, FRAGMENTS, mixedText } from './support/arbitraries.js';
import { upstreamTokenizerJson } from './support/hf-oracle.js';

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
      const end = nextPieceFromRules(compiled, text, start, text.length);
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

  const mismatches = (text: string, cut: number): string[] =>
    cutMismatches(text, cut, (s, end) => scanner(table, text, s, end), (s, end) => nextPieceFromRules(compiled, text, s, end));

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

// deepseek_v3's pattern is a sequence of three Split steps (DEEPSEEK_V3_STEPS): the steps render to
// the upstream patterns open-specs.ts records; the sequence interpreter alone cuts where Hugging
// Face's own pre-tokenizer (its three Split steps, read from the upstream tokenizer.json) does; and
// the scanner, fast paths first, cuts where the interpreter does from every position.
describe('the deepseek_v3 steps', () => {
  const compiled = compiledSequence(DEEPSEEK_V3_STEPS);
  const table = bmpClasses();
  const upstream = JSON.parse(upstreamTokenizerJson('deepseek_v3')) as { pre_tokenizer: { pretokenizers: { type: string }[] } };
  const splits = upstream.pre_tokenizer.pretokenizers.filter((step) => step.type === 'Split');
  const huggingFace = Tokenizer.fromString(JSON.stringify({ ...upstream, pre_tokenizer: { type: 'Sequence', pretokenizers: splits }, added_tokens: [] })).getPreTokenizer()!;
  /** Where the steps' sets meet: kana that are punctuation, symbols, marks or unassigned; the ends of the ideograph range; digits in other scripts. */
  const EDGES = ['カ・カ', 'ア゠イ', 'か゛き', 'か\u3099', '\u3099か', '\u3040', 'ゟ', 'ヿ', '龥', '\u9fa6', '一', '鿿', '〇', 'ー', '々', '٣٤٥', '12a', '中1', '1中', ' 中', '  1', '\t1', '\u0001中', ',中', '.a', '..a', ' .a', '!A', '_x', '`y', '~\n'];
  const deepseekText = fc.array(fc.oneof(mixedText, fc.constantFrom(...EDGES)), { maxLength: 6 }).map((parts) => parts.join(''));

  it('are a sequence the interpreter can run from any piece start, and it refuses one it could not', () => {
    const digits = { of: ['\\p{N}'] } as const;
    const letters = { of: ['\\p{L}'] } as const;
    // A step before the last that is not a run of one set: where it next matches would need a search.
    expect(() => compileSequence([[[{ set: digits, repeat: '+' }, { set: letters, repeat: '+' }]], [[{ set: letters, repeat: '+' }]]])).toThrow(/not a run of one set/);
    // A bounded run a later step can match inside: a piece could start within one of its matches.
    expect(() => compileSequence([[[{ set: digits, repeat: [1, 3] }]], [[{ set: { of: ['\\p{N}', '\\p{L}'] }, repeat: '+' }]]])).toThrow(/a later step could cut/);
    expect(() => compileSequence([[[{ set: digits, repeat: '+' }]], [[{ set: letters, repeat: '*' }]]])).toThrow(/can match nothing/);
    expect(compiled.runs.map((run) => run.max)).toEqual([3, 0x7fffffff]);
  });

  it('render to the upstream patterns, in order', () => {
    expect(splits).toHaveLength(3);
    expect(renderSequence(DEEPSEEK_V3_STEPS)).toBe(DEEPSEEK_V3.pattern);
  });

  /** The pieces the interpreter alone cuts `text` into, with lone surrogates as U+FFFD (as Hugging Face reads them). */
  function piecesBySteps(text: string): string[] {
    const pieces = [];
    for (let start = 0; start < text.length; ) {
      const end = nextPieceFromSequence(compiled, text, start, text.length);
      pieces.push(text.slice(start, end).toWellFormed());
      start = end;
    }
    return pieces;
  }

  it("interpreted alone, cut generated strings where Hugging Face's pre-tokenizer does", () => {
    fc.assert(
      fc.property(fc.oneof(deepseekText, asciiText), (text) => {
        expect(piecesBySteps(text)).toEqual(huggingFace.preTokenizeString(text).map(([piece]: [string, unknown]) => piece));
      }),
      { numRuns: RUNS * 5 },
    );
    for (const a of [...FRAGMENTS, ...EDGES]) for (const b of [...FRAGMENTS, ...EDGES]) {
      expect(piecesBySteps(a + b), JSON.stringify(a + b)).toEqual(huggingFace.preTokenizeString(a + b).map(([piece]: [string, unknown]) => piece));
    }
  });

  const mismatches = (text: string, cut: number): string[] =>
    cutMismatches(text, cut, (s, end) => nextPieceDeepSeekV3(table, text, s, end), (s, end) => nextPieceFromSequence(compiled, text, s, end));

  it('and the scanner, fast paths first, cuts where the interpreter alone does from every position', () => {
    fc.assert(
      fc.property(fc.oneof(deepseekText, asciiText), fc.nat(200), (text, cut) => {
        expect(mismatches(text, cut)).toEqual([]);
      }),
      { numRuns: RUNS * 5 },
    );
    const found: string[] = [];
    for (const a of [...FRAGMENTS, ...EDGES]) for (const b of [...FRAGMENTS, ...EDGES]) found.push(...mismatches(a + b, Infinity));
    expect(found.slice(0, 10)).toEqual([]);
  });

  it('and its wide word, cut from a copy of the units, ends where the interpreter does, or hands the piece over', () => {
    let tried = 0;
    let decided = 0;
    const found: string[] = [];
    for (const text of [...fc.sample(deepseekText, { numRuns: RUNS * 2, seed: 5 }), ...fc.sample(asciiText, { numRuns: RUNS, seed: 6 })]) {
      const units = Uint16Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
      for (let s = 0; s < text.length; s++) {
        tried++;
        const expected = nextPieceFromSequence(compiled, text, s, text.length);
        // The whole text copied, then a copy that stops short of the text's end (the text goes on).
        for (const end of [text.length, Math.min(text.length, s + 1 + (s % 7))]) {
          const cut = wideWordDeepSeekV3(table, units, s, end);
          if (cut < 0) continue;
          if (end === text.length) decided++;
          if (cut !== expected || cut >= end) found.push(`${JSON.stringify(text)} from ${s}, copy to ${end}: wide word ${cut}, steps ${expected}`);
        }
      }
    }
    expect(found.slice(0, 10)).toEqual([]);
    expect(decided).toBeGreaterThan(tried * 0.1);
  });
});

/**
 * Where a scanner and the interpreter alone cut `text` differently, from every start, to the text's
 * end and to `cut`: one line per disagreement.
 */
function cutMismatches(text: string, cut: number, scanner: (start: number, end: number) => number, interpreter: (start: number, end: number) => number): string[] {
  const found: string[] = [];
  for (const end of [text.length, Math.min(cut, text.length)]) {
    for (let s = 0; s < end; s++) {
      const byScanner = scanner(s, end);
      const byRules = interpreter(s, end);
      if (byScanner !== byRules) found.push(`${JSON.stringify(text)} from ${s} to ${end}: scanner ${byScanner}, rules ${byRules}`);
    }
  }
  return found;
}
