import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTokens } from '../../src/index.js';
import { bin, ensureBuilt, json, tokmeter } from './cli.js';

// Counting a 10 MB text file through the bin: the count must be exact; the time is printed, not
// asserted (timings belong in benchmarks, and a loaded CI machine would make it flaky). Four links
// to it make 40 MB, over the size at which count hands the work to the library's worker pool.

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
  mkdirSync(join(dir, 'corpus'));
  for (const name of ['a.txt', 'b.txt', 'c.txt', 'd.txt']) linkSync(join(dir, 'ten.txt'), join(dir, 'corpus', name));
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

  it('counts 40 MB on worker threads, each file exactly, in the order walked', () => {
    const tokens = countTokens(text);
    const started = performance.now();
    const result = json<{ files: { path: string; tokens: number }[]; total: { tokens: number } }>(tokmeter(['count', 'corpus', '--jobs', '2', '--json'], { cwd: dir }));
    const seconds = (performance.now() - started) / 1000;
    expect(result.files.map((f) => [f.path, f.tokens])).toEqual(['a', 'b', 'c', 'd'].map((name) => [`corpus/${name}.txt`, tokens]));
    expect(result.total.tokens).toBe(4 * tokens);
    console.log(`tokmeter count of 4 × 10 MB on 2 worker threads: ${seconds.toFixed(2)} s`);
  });

  // `script` (util-linux) runs the bin on a pseudo-terminal, so stderr is a TTY as at a prompt.
  const hasScript = process.platform === 'linux' && spawnSync('script', ['--version']).status === 0;
  it.runIf(hasScript)('draws a progress bar on a terminal for a large input, and erases it', () => {
    const run = spawnSync('script', ['-qec', `${process.execPath} ${bin} count corpus`, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, TOKMETER_ENCODINGS_DIR: '' } });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/counting \[[#.]+\]\s+\d+%  [\d.]+ \w+ of [\d.]+ MiB in 4 files/);
    expect(run.stdout).toContain('\r\x1b[2K');
    expect(run.stdout).toMatch(/total, 4 files \(o200k_base\)/);
  });
});
