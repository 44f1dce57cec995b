import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitByTokens, type SplitOptions, type TextChunk } from '../../src/index.js';
import { bin, ensureBuilt, tokmeter } from './cli.js';

// tokmeter split: the library's splitByTokens on the whole input, found while streaming it, as JSON
// lines with byte offsets; flags checked with messages that name them; inputs refused as count does.

interface Line extends TextChunk {
  startByte: number;
  endByte: number;
}

let dir = '';
const file = (name: string) => join(dir, name);

/** Prose, CJK, ZWJ emoji and CRLF lines, long enough (≈ 400 KB) that the splitter reads it in many segments. */
const MIXED = Array.from(
  { length: 2500 },
  (_, i) =>
    `Paragraph ${i}: tokens are what a model reads. ${i % 4 === 0 ? '\n\n' : ''}第${i}段，分词。👩🏽‍🚀👨‍👩‍👧 ${i % 5 === 0 ? 'line\r\n\r\n' : 'more words follow here, '}`,
).join('');

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tokmeter-cli-split-'));
  writeFileSync(file('mixed.txt'), MIXED);
  writeFileSync(file('bom.txt'), `\ufeffhé said “hi”. ${'Ünïcödé wörds. '.repeat(40)}`);
  writeFileSync(file('empty.txt'), '');
  writeFileSync(file('emoji.txt'), '🧑‍🤝‍🧑');
  writeFileSync(file('binary.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
  writeFileSync(file('spaces.txt'), `hello${' '.repeat(4 * 1024 * 1024 + 64)}`);
  mkdirSync(file('folder'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lines(stdout: string): Line[] {
  return stdout === '' ? [] : stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Line);
}

/** The lines must be splitByTokens' chunks of `text`, and their byte offsets those of `text` in UTF-8. */
function expectChunksOf(output: Line[], text: string, options: SplitOptions): void {
  expect(output.map(({ text, start, end, tokens }) => ({ text, start, end, tokens }))).toEqual(splitByTokens(text, options));
  for (const line of output) {
    expect(line.startByte).toBe(Buffer.byteLength(text.slice(0, line.start)));
    expect(line.endByte).toBe(Buffer.byteLength(text.slice(0, line.end)));
  }
}

describe('tokmeter split', () => {
  it('prints splitByTokens’ chunks of a file as JSON lines, with UTF-8 byte offsets into the file', () => {
    const result = tokmeter(['split', '--max-tokens', '200', file('mixed.txt')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const output = lines(result.stdout);
    expect(output.length).toBeGreaterThan(100);
    expectChunksOf(output, MIXED, { maxTokens: 200 });
    const bytes = readFileSync(file('mixed.txt'));
    expect(bytes.subarray(output[7]!.startByte, output[7]!.endByte).toString('utf8')).toBe(output[7]!.text);
  });

  it('reads standard input (piped, or -), with --overlap and --encoding or --model', () => {
    const piped = tokmeter(['split', '--max-tokens', '1_000', '--overlap', '100', '--encoding', 'cl100k_base'], { input: MIXED });
    expect(piped.code).toBe(0);
    expectChunksOf(lines(piped.stdout), MIXED, { maxTokens: 1000, overlap: 100, encoding: 'cl100k_base' });
    const dash = tokmeter(['split', '--max-tokens', '1000', '--overlap', '100', '--model', 'gpt-4', '-'], { input: MIXED });
    expect(dash.stdout).toBe(piped.stdout);
  });

  it('keeps a byte-order mark as text, and counts bytes past it', () => {
    const text = readFileSync(file('bom.txt'), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const result = tokmeter(['split', '--max-tokens', '16', file('bom.txt')]);
    expectChunksOf(lines(result.stdout), text, { maxTokens: 16 });
  });

  it('prints nothing for an empty input', () => {
    expect(tokmeter(['split', '--max-tokens', '5', file('empty.txt')])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('notes on stderr when the model’s tokenizer is approximate', () => {
    const result = tokmeter(['split', '--max-tokens', '50', '--model', 'claude-sonnet-4-5'], { input: 'Hello there.\n' });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^tokmeter: claude-sonnet-4-5 has no public tokenizer; counts use o200k_base and are approximate\. Measured against Claude's own counts, [^\n]*\n$/);
  });

  it('refuses bad flags with usage errors that name them (exit 1)', () => {
    const cases: [string[], RegExp][] = [
      [[], /^tokmeter: split needs --max-tokens, the most tokens a chunk may have\.\nRun tokmeter split --help for usage\.\n$/],
      [['--max-tokens', '0'], /^tokmeter: --max-tokens must be a whole number, 1 or more, got 0\./],
      [['--max-tokens', '12.5'], /^tokmeter: --max-tokens must be a whole number such as 2000 or 2_000, got "12\.5"\./],
      [['--max-tokens', '10', '--overlap', '10'], /^tokmeter: --overlap must be fewer than --max-tokens: a whole number from 0 to 9, got 10\./],
      [['--max-tokens', '10', '--model', 'gpt-4o', '--encoding', 'r50k_base'], /^tokmeter: split takes --model or --encoding, not both\./],
      [['--max-tokens', '10', 'a.txt', 'b.txt'], /^tokmeter: split reads one file at a time, got 2\./],
      [['--max-tokns', '10'], /^tokmeter: unknown option --max-tokns\./],
    ];
    for (const [args, message] of cases) {
      const result = tokmeter(['split', ...args], { input: 'text' });
      expect({ args, code: result.code, stdout: result.stdout }).toEqual({ args, code: 1, stdout: '' });
      expect(result.stderr).toMatch(message);
    }
  });

  it('reports inputs it cannot split as input errors naming them (exit 2)', () => {
    const cases: [string[], string][] = [
      [[file('nope.txt')], `tokmeter: cannot read ${file('nope.txt')}: no such file or directory (ENOENT)\n`],
      [[file('folder')], `tokmeter: ${file('folder')} is a directory; only tokmeter count walks directories.\n`],
      [[file('binary.bin')], `tokmeter: ${file('binary.bin')} looks binary (a NUL byte in the first 8 KiB); tokmeter splits text.\n`],
      [['--encoding', 'o300k'], ''],
      [[file('emoji.txt'), '--max-tokens', '2'], 'tokmeter: --max-tokens (2) is smaller than the tokens of one character at index 0; a character can take up to 4 tokens, so use 4 or more.\n'],
    ];
    for (const [args, stderr] of cases) {
      const result = tokmeter(['split', '--max-tokens', '10', ...args]);
      expect({ args, code: result.code, stdout: result.stdout }).toEqual({ args, code: 2, stdout: '' });
      if (stderr !== '') expect(result.stderr).toBe(stderr);
      else expect(result.stderr).toMatch(/^tokmeter: .*o300k/);
    }
  });

  it('refuses a run longer than the streaming limit, naming the file and the way out (exit 2)', () => {
    const result = tokmeter(['split', '--max-tokens', '100', file('spaces.txt')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^tokmeter: cannot split ${file('spaces.txt').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: from character 5 on, more than 4,194,304 characters in a row`));
    expect(result.stderr).toContain('PIECE_TOO_LONG');
    expect(result.stderr).toContain('splitByTokens(text, { maxTokens })');
  });

  it('writes as it goes: a reader that stops early ends the run quietly', () => {
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" split --max-tokens 20 "${file('mixed.txt')}" | head -n 2`], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(lines(result.stdout)).toEqual(lines(tokmeter(['split', '--max-tokens', '20', file('mixed.txt')]).stdout).slice(0, 2));
  });
});
