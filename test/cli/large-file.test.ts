import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTokens } from '../../src/index.js';
import { ensureBuilt, json, tokmeter } from './cli.js';

// Counting a 10 MB text file through the bin: the count must be exact; the time is printed, not
// asserted (timings belong in benchmarks, and a loaded CI machine would make it flaky).

const SIZE = 10 * 1024 * 1024;
let dir = '';
let text = '';

/** Varied text from a fixed seed: prose, numbers, code punctuation, accents, CJK, emoji, runs of spaces. */
function generate(bytes: number): string {
  const words = ['token', 'count', 'the', 'of', 'naïve', 'Größe', '東京都', 'こんにちは', 'привет', '🎉', 'x += 1;', '=>', '{ "k": [1, 2] }', '    ', '\n', '\t', '3.14159', '2026-07-24', "don't", 'HTTPServer'];
  let seed = 0x2545f491;
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    const word = words[(seed >>> 0) % words.length]!;
    parts.push(word, (seed & 7) === 0 ? '' : ' ');
    length += Buffer.byteLength(word) + 1;
  }
  return parts.join('');
}

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tokmeter-cli-large-'));
  text = generate(SIZE);
  writeFileSync(join(dir, 'ten.txt'), text);
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a 10 MB text file', () => {
  it('counts exactly, and reports how long the bin took', () => {
    const started = performance.now();
    const result = json<{ total: { tokens: number; bytes: number } }>(tokmeter(['count', 'ten.txt', '--json'], { cwd: dir }));
    const seconds = (performance.now() - started) / 1000;
    expect(result.total.bytes).toBe(Buffer.byteLength(text));
    expect(result.total.tokens).toBe(countTokens(text));
    console.log(`tokmeter count of ${(result.total.bytes / 1e6).toFixed(1)} MB (${result.total.tokens.toLocaleString('en-US')} tokens): ${seconds.toFixed(2)} s, process start included`);
  });
});
