import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getEncoding, type EncodingName } from '../../src/index.js';
import { planRanges, findSafeCutOffset, type CutSearchStats } from '../../src/parallel/file-cuts.js';
import { countFile } from '../../src/stream/count-file.js';
import { cutRulesFor } from '../../src/stream/cut-rules.js';
import { StreamCounter } from '../../src/stream/token-counter.js';

// Issue 24, items 1 and 2: text with no letters (numbers, whitespace, emoji, NUL) used to have no
// safe cut, so the streaming counter held all of it and the file cut search read it again for
// every cut. These tests bound the work and the memory structurally — characters held, characters
// and bytes read by the cut search — rather than by timing; bench/streams.mjs measures 1 GB.

const MB = 1 << 20;

/** A deterministic pseudo-random stream of numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/** About `size` characters of each shape the issue names. */
const SHAPES: Record<string, (size: number) => string> = {
  'numeric CSV': (size) => {
    const next = random(1);
    const rows: string[] = [];
    for (let length = 0; length < size; ) {
      const row = Array.from({ length: 6 }, () => String(Math.floor(next() * 10 ** (1 + Math.floor(next() * 9))))).join(',');
      rows.push(row);
      length += row.length + 1;
    }
    return `${rows.join('\n')}\n`;
  },
  'log of numbers': (size) => {
    const next = random(2);
    const parts: string[] = [];
    for (let length = 0; length < size; ) {
      const part = `${Math.floor(next() * 1e12)} `;
      parts.push(part);
      length += part.length;
    }
    return parts.join('');
  },
  'whitespace runs with line breaks': (size) => {
    const next = random(3);
    const marks = ['.', '}', ';', '1', '-', '😀', '#'];
    const parts: string[] = [];
    for (let length = 0; length < size; ) {
      const run = Array.from({ length: 1 + Math.floor(next() * 40) }, () => ' \t\n'[Math.floor(next() * 3)]).join('');
      const part = run + marks[Math.floor(next() * marks.length)]!;
      parts.push(part);
      length += part.length;
    }
    return parts.join('');
  },
  'emoji with spaces': (size) => {
    const next = random(4);
    const emoji = ['😀', '👋🏽', '❤️', '🇺🇸', '👨‍👩‍👧', '🚀', '✨'];
    const parts: string[] = [];
    for (let length = 0; length < size; ) {
      const part = emoji[Math.floor(next() * emoji.length)]! + (next() < 0.9 ? ' ' : '\n');
      parts.push(part);
      length += part.length;
    }
    return parts.join('');
  },
  'emoji alone': (size) => '😀🚀🙂👋'.repeat(Math.ceil(size / 8)),
  NUL: (size) => '\0'.repeat(size),
};

const ENCODINGS: EncodingName[] = ['o200k_base', 'cl100k_base', 'r50k_base'];

describe.each(ENCODINGS)('%s', (name) => {
  const encoding = getEncoding(name);

  it.each(Object.keys(SHAPES))('createTokenCounter holds a bounded amount of %s and reads each character at most twice', (shape) => {
    const text = SHAPES[shape]!(MB / 2);
    const counter = new StreamCounter(encoding);
    for (let at = 0, i = 0; at < text.length; i++) {
      const size = [65_536, 1000, 100_003, 7][i % 4]!;
      counter.write(text.slice(at, at + size));
      at += size;
    }
    expect(counter.end()).toBe(encoding.count(text));
    expect(counter.mostHeld).toBeLessThanOrEqual(65_536 + 100_003 + 1024);
    expect(counter.examined).toBeLessThanOrEqual(2 * text.length);
  });
});

describe('a long run of digits', () => {
  const digits = '31415926535897932384'.repeat(50_000); // 1 MB, one run
  it('is cut every three digits under cl100k_base and o200k_base, so little is held', () => {
    for (const name of ['cl100k_base', 'o200k_base'] as const) {
      const counter = new StreamCounter(getEncoding(name));
      for (let at = 0; at < digits.length; at += 65_536) counter.write(digits.slice(at, at + 65_536));
      expect(counter.end()).toBe(Math.ceil(digits.length / 3));
      expect(counter.mostHeld).toBeLessThanOrEqual(2 * 65_536);
    }
  });

  it('is one piece under r50k_base, held whole and counted exactly', () => {
    const counter = new StreamCounter(getEncoding('r50k_base'));
    for (let at = 0; at < digits.length; at += 65_536) counter.write(digits.slice(at, at + 65_536));
    expect(counter.end()).toBe(getEncoding('r50k_base').count(digits));
    expect(counter.mostHeld).toBe(digits.length);
  });
});

describe('files', () => {
  const folder = mkdtempSync(join(tmpdir(), 'tokmeter-letterless-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('countFile counts megabytes of NUL exactly, two to a token under o200k_base', async () => {
    const path = join(folder, 'nul.bin');
    writeFileSync(path, Buffer.alloc(3 * MB));
    expect(await countFile(path)).toEqual({ path, tokens: (3 * MB) / 2, bytes: 3 * MB });
    expect((await countFile(path, { encoding: 'cl100k_base' })).tokens).toBe(3 * MB);
  });

  it.each(Object.keys(SHAPES))('the cut search cuts %s within a few bytes of each target and reads each byte at most about twice', (shape) => {
    const text = SHAPES[shape]!(MB);
    const path = join(folder, 'shape.txt');
    writeFileSync(path, text);
    const size = Buffer.byteLength(text);
    const encoding = getEncoding('o200k_base');
    const stats: CutSearchStats = { bytesRead: 0 };
    const ranges = planRanges(path, size, 16, cutRulesFor(encoding), stats);
    expect(ranges.map(([, end], k) => end - Math.floor((size * (k + 1)) / 16)).every((distance) => distance >= 0 && distance <= 64)).toBe(true);
    // A run (NUL) is read backwards to its start and forwards again; other shapes just after each target.
    expect(stats.bytesRead).toBeLessThanOrEqual(shape === 'NUL' ? 2 * size + 16 * 2048 : 16 * 2048);
    const bytes = Buffer.from(text);
    expect(ranges.reduce((sum, [start, end]) => sum + encoding.count(bytes.subarray(start, end).toString()), 0)).toBe(encoding.count(text));
  });

  it('planning ranges in one long run of digits cuts it in threes from its start, reading it about once', () => {
    const path = join(folder, 'digits.txt');
    const digits = '31415926535897932384'.repeat(100_000);
    writeFileSync(path, `x ${digits}`);
    const encoding = getEncoding('o200k_base');
    const stats: CutSearchStats = { bytesRead: 0 };
    const ranges = planRanges(path, digits.length + 2, 16, cutRulesFor(encoding), stats);
    expect(ranges).toHaveLength(16);
    expect(ranges.slice(1).every(([start]) => (start - 2) % 3 === 0)).toBe(true);
    expect(stats.bytesRead).toBeLessThanOrEqual(2 * digits.length + 16 * 2048);
    expect(ranges.reduce((sum, [start, end]) => sum + encoding.count(`x ${digits}`.slice(start, end)), 0)).toBe(encoding.count(`x ${digits}`));
  });

  it('under r50k_base a long run of digits is one piece: the search reads past it once and cuts after it', () => {
    const path = join(folder, 'digits.txt');
    writeFileSync(path, `${'7'.repeat(MB)} tail`);
    const stats: CutSearchStats = { bytesRead: 0 };
    expect(planRanges(path, MB + 5, 16, cutRulesFor(getEncoding('r50k_base')), stats)).toEqual([[0, MB], [MB, MB + 5]]);
    expect(stats.bytesRead).toBeLessThanOrEqual(2 * MB + 16 * 4096);
  });

  it('planning ranges of a numeric CSV reads a few kilobytes per cut and the ranges add up exactly', async () => {
    const text = SHAPES['numeric CSV']!(4 * MB);
    const path = join(folder, 'numbers.csv');
    writeFileSync(path, text);
    const size = Buffer.byteLength(text);
    const encoding = getEncoding('cl100k_base');
    const stats: CutSearchStats = { bytesRead: 0 };
    const ranges = planRanges(path, size, 16, cutRulesFor(encoding), stats);
    expect(ranges).toHaveLength(16);
    expect(stats.bytesRead).toBeLessThanOrEqual(15 * 2048);
    const bytes = Buffer.from(text);
    const total = ranges.reduce((sum, [start, end]) => sum + encoding.count(bytes.subarray(start, end).toString()), 0);
    expect(total).toBe(encoding.count(text));
    expect((await countFile(path, { encoding: 'cl100k_base' })).tokens).toBe(total);
  });
});
