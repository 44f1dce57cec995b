import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { countFiles, createTextSplitter, createTokenCounter, getEncoding, InvalidArgumentError, useEncodingData } from '../../src/index.js';
import llama3 from '../../packages/tokmeter-open/llama3.js';
import qwen2 from '../../packages/tokmeter-open/qwen2.js';
import deepseekV3 from '../../packages/tokmeter-open/deepseek_v3.js';
import { asciiText, mixedText } from '../support/arbitraries.js';
import { StreamCounter } from '../../src/stream/token-counter.js';

const RUNS = Number(process.env['TOKMETER_FC_RUNS'] ?? 200);

beforeAll(() => {
  useEncodingData(llama3);
  useEncodingData(qwen2);
  useEncodingData(deepseekV3);
});

describe('streaming with llama3 (cl100k\'s pattern, its own vocabulary\'s seams)', () => {
  it('counts text written in any chunks as the whole text (fast-check prints the seed of a failure)', () => {
    const encoding = getEncoding('llama3');
    fc.assert(
      fc.property(fc.array(fc.oneof(mixedText, asciiText), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 64 }), (chunks, flushAt) => {
        expect(createTokenCounter({ model: 'groq/llama-3.3-70b-versatile' })).toBeDefined();
        const counter = new StreamCounter(encoding, flushAt);
        for (const chunk of chunks) counter.write(chunk);
        expect(counter.end()).toBe(encoding.count(chunks.join('')));
      }),
      { numRuns: RUNS },
    );
  });

  it('counts a large file cut into ranges as the whole file, on this thread (workers have no useEncodingData data)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokmeter-open-'));
    const path = join(dir, 'big.txt');
    const text = 'Hello, world! 12345 naïve café 中文 👋\n    indented code();\n'.repeat(20000);
    writeFileSync(path, text);
    const [result] = await countFiles([path], { encoding: 'llama3' as never, splitAbove: 100_000, concurrency: 2 });
    expect(result!.tokens).toBe(getEncoding('llama3').count(text));
  });
});

// Text where NFC joins characters: marks after letters (to compose and to reorder), Hangul jamo,
// singletons, astral marks, lone surrogates, beside ASCII and digits.
const NFC_FRAGMENTS = ['e', '\u0301', 'a\u0308', '\u0328\u0301', 'A\u030a', '\u212b', '\u1100', '\u1161', '\u11a8', '가', '\u3099', 'か',
  '\u0915\u093c', '\u0958', '\u{1d165}\u{1d16d}', '\ud800', ' ', '\n', '12', 'x', '!', 'Å'];
const nfcText = fc.array(fc.oneof(fc.constantFrom(...NFC_FRAGMENTS), mixedText), { maxLength: 30 }).map((parts) => parts.join(''));
const chunked = (text: string, cuts: number[]): string[] => {
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  return [...at, text.length].map((end, i) => text.slice(i === 0 ? 0 : at[i - 1], end));
};

describe('streaming with qwen2 (cl100k\'s rules on the text\'s NFC form)', () => {
  it('joins a surrogate pair cut between two chunks before deciding what normalizes on its own', () => {
    // Found by the property below (seed -555366600): E, two astral marks, then U+0328 (ogonek),
    // which canonical reordering moves next to E to compose Ę; the cut splits U+1D16D's pair.
    const text = "\u{10000} 'RE\u{1d165}\u{1d16d}\u0328\u0301";
    const encoding = getEncoding('qwen2');
    for (let at = 0; at <= text.length; at++) {
      for (const flushAt of [1, 2, 64]) {
        const counter = new StreamCounter(encoding, flushAt);
        counter.write(text.slice(0, at));
        counter.write(text.slice(at));
        expect({ at, flushAt, count: counter.end() }).toEqual({ at, flushAt, count: encoding.count(text) });
      }
    }
  });

  it('counts text written in any chunks as the whole text, marks and jamo cut from their letters included', () => {
    const encoding = getEncoding('qwen2');
    fc.assert(
      fc.property(nfcText, fc.array(fc.nat(), { maxLength: 8 }), fc.integer({ min: 1, max: 64 }), (text, cuts, flushAt) => {
        // A small flushAt makes the counter look for a cut after every few characters.
        const counter = new StreamCounter(encoding, flushAt);
        for (const chunk of chunked(text, cuts)) counter.write(chunk);
        expect(counter.end()).toBe(encoding.count(text));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('NFC text cut anywhere leaves NFC parts (what the counter relies on when it counts each part)', () => {
    fc.assert(
      fc.property(nfcText, fc.nat(), (text, cut) => {
        const normal = text.toWellFormed().normalize('NFC');
        const at = cut % (normal.length + 1);
        if ((normal.charCodeAt(at) & 0xfc00) === 0xdc00) return; // inside a pair
        expect(normal.slice(0, at).normalize('NFC')).toBe(normal.slice(0, at));
        expect(normal.slice(at).normalize('NFC')).toBe(normal.slice(at));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('countFile and countFiles count a file as the whole text (countFiles without cutting it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokmeter-open-'));
    const path = join(dir, 'nfd.txt');
    const text = 'Cafe\u0301 nai\u0308ve \u1100\u1161\u11a8 12345 Å\n'.repeat(30000);
    writeFileSync(path, text);
    const [result] = await countFiles([path], { encoding: 'qwen2' as never, splitAbove: 100_000 });
    expect(result!.tokens).toBe(getEncoding('qwen2').count(text));
  });

  it('createTextSplitter refuses it: its chunks must be slices of the text as given', () => {
    expect(() => createTextSplitter({ maxTokens: 10, encoding: 'qwen2' as never })).toThrow(InvalidArgumentError);
  });
});

// Text where DeepSeek's pieces meet: digit runs, CJK runs (and ideographs past U+9FA5, which are
// not barriers), a space before a digit or CJK, punctuation before ASCII letters, marks, controls.
const DEEPSEEK_FRAGMENTS = ['1', '12', '1234', '٣', '中', '文字', 'ひら', 'カタ', '龦', '鿿', '𠀀', ' ', '  ', '\n', '\r\n', 'a', 'word', ' word', '.x', "'s",
  '!', '!!', '\u0301', 'é', '\u0001', '\u200b', '\ue000', '👋', '\ud800', '\t', 'Ω', 'ü'];
const deepseekText = fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...DEEPSEEK_FRAGMENTS) }, { weight: 1, arbitrary: mixedText }), { maxLength: 60 }).map((parts) => parts.join(''));

describe('streaming with deepseek_v3 (cuts at the edges of digit and CJK runs, before a space that leads a word, after line breaks)', () => {
  it('counts text written in any chunks as the whole text (fast-check prints the seed of a failure)', () => {
    const encoding = getEncoding('deepseek_v3');
    fc.assert(
      fc.property(deepseekText, fc.array(fc.nat(), { maxLength: 8 }), fc.integer({ min: 1, max: 64 }), (text, cuts, flushAt) => {
        const counter = new StreamCounter(encoding, flushAt);
        for (const chunk of chunked(text, cuts)) counter.write(chunk);
        expect(counter.end()).toBe(encoding.count(text));
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('keeps memory flat on prose and numbers: it finds cuts there', () => {
    const counter = new StreamCounter(getEncoding('deepseek_v3'), 1024);
    const text = 'The quick brown fox, 12345 jumps; 中文 over the lazy dog.\n'.repeat(2000);
    for (let i = 0; i < text.length; i += 1000) counter.write(text.slice(i, i + 1000));
    expect(counter.end()).toBe(getEncoding('deepseek_v3').count(text));
    expect(counter.mostHeld).toBeLessThan(4096);
  });

  it('countFiles cuts a large file into ranges and counts it as the whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokmeter-open-'));
    const path = join(dir, 'big.txt');
    const text = 'Hello, world! 12345 naïve café 中文 👋\n    indented code(); 3.14159\n'.repeat(20000);
    writeFileSync(path, text);
    const [result] = await countFiles([path], { encoding: 'deepseek_v3' as never, splitAbove: 100_000 });
    expect(result!.tokens).toBe(getEncoding('deepseek_v3').count(text));
  });
});
