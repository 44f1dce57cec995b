import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTokens } from '../../src/index.js';
import { ensureBuilt, json, tokmeter } from './cli.js';

interface CountJson {
  encoding: string;
  model: string | null;
  approximate: boolean;
  files: { path: string; tokens: number; bytes: number }[];
  skipped: { path: string; reason: string }[];
  total: { files: number; tokens: number; bytes: number };
}

const texts = {
  'notes.md': '# Notes\n\nTokens are pieces of text; tiktoken splits them with a pattern, then merges bytes by rank.\n',
  'docs/guide.md': 'Guide: 東京 café naïve — emoji 🎉 and <|endoftext|> as plain text.\n',
  'docs/deep/more.txt': 'Deeper file.\r\nWith CRLF line endings.\r\n',
  'src/app.ts': 'export const answer: number = 42;\n',
  '.hidden/secret.md': 'hidden files are skipped in walks\n',
  'node_modules/pkg/readme.md': 'installed packages are skipped in walks\n',
} as const;

let dir = '';

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tokmeter-cli-count-'));
  for (const [path, text] of Object.entries(texts)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  // A PNG header has NUL bytes; Latin-1 text is not UTF-8.
  writeFileSync(join(dir, 'docs/logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
  writeFileSync(join(dir, 'docs/latin1.txt'), Buffer.from('caf\xe9 cr\xe8me br\xfbl\xe9e\n', 'latin1'));
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], input?: string | Buffer) => tokmeter(['count', ...args], { cwd: dir, ...(input !== undefined && { input }) });

describe('tokmeter count', () => {
  it('walks a directory: every text file counted exactly, binaries skipped with a note, hidden entries and node_modules left out', () => {
    const result = json<CountJson>(run(['.', '--json']));
    expect(result.encoding).toBe('o200k_base');
    expect(result.model).toBe('gpt-4o');
    expect(result.files).toEqual(
      ['docs/deep/more.txt', 'docs/guide.md', 'notes.md', 'src/app.ts'].map((path) => ({
        path,
        tokens: countTokens(texts[path as keyof typeof texts]),
        bytes: Buffer.byteLength(texts[path as keyof typeof texts]),
      })),
    );
    expect(result.skipped.map((s) => s.path)).toEqual(['docs/latin1.txt', 'docs/logo.png']);
    expect(result.skipped[0]!.reason).toMatch(/not UTF-8/);
    expect(result.skipped[1]!.reason).toMatch(/NUL byte/);
    expect(result.total).toEqual({
      files: 4,
      tokens: result.files.reduce((sum, f) => sum + f.tokens, 0),
      bytes: result.files.reduce((sum, f) => sum + f.bytes, 0),
    });
  });

  it('prints a table with the total and notes the skipped files on stderr', () => {
    const result = run(['docs']);
    expect(result.code).toBe(0);
    const guide = countTokens(texts['docs/guide.md']);
    const more = countTokens(texts['docs/deep/more.txt']);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\s*tokens\s+bytes\s+file$/);
    expect(lines[1]).toMatch(new RegExp(`^\\s*${more}\\s+\\d+\\s+docs/deep/more\\.txt$`));
    expect(lines[2]).toMatch(new RegExp(`^\\s*${guide}\\s+\\d+\\s+docs/guide\\.md$`));
    expect(lines[4]).toMatch(new RegExp(`^\\s*${guide + more}\\s+\\d+\\s+total, 2 files \\(o200k_base\\)$`));
    expect(result.stderr).toContain('tokmeter: skipped docs/logo.png: binary');
    expect(result.stderr).toContain('tokmeter: skipped docs/latin1.txt: binary');
  });

  it('names a hidden folder or node_modules when asked to', () => {
    const result = json<CountJson>(run(['.hidden', 'node_modules', '--json']));
    expect(result.files.map((f) => f.path)).toEqual(['.hidden/secret.md', 'node_modules/pkg/readme.md']);
  });

  it('expands quoted globs: ** across folders, * within one, {a,b} alternatives; a file named twice counts once', () => {
    expect(json<CountJson>(run(['**/*.md', '--json'])).files.map((f) => f.path)).toEqual(['docs/guide.md', 'notes.md']);
    expect(json<CountJson>(run(['docs/*', '--json'])).files.map((f) => f.path)).toEqual(['docs/guide.md']);
    expect(json<CountJson>(run(['{src,docs/deep}/*.{ts,txt}', '--json'])).files.map((f) => f.path)).toEqual(['docs/deep/more.txt', 'src/app.ts']);
    expect(json<CountJson>(run(['notes.md', '*.md', './notes.md', '--json'])).total.files).toBe(1);
  });

  it('counts one file without a total row', () => {
    const result = run(['notes.md']);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(result.stdout).toContain(`${countTokens(texts['notes.md'])}  `);
  });

  it('counts standard input and prints the bare number, with or without -', () => {
    const text = 'hello world, counted from a pipe\n'.repeat(50);
    expect(run([], text).stdout).toBe(`${countTokens(text)}\n`);
    expect(run(['-'], text).stdout).toBe(`${countTokens(text)}\n`);
    expect(json<CountJson>(run(['--json'], text)).files).toEqual([{ path: '-', tokens: countTokens(text), bytes: Buffer.byteLength(text) }]);
    expect(run([], '').stdout).toBe('0\n');
  });

  it('mixes standard input with files', () => {
    const result = json<CountJson>(run(['-', 'notes.md', '--json'], 'piped'));
    expect(result.files.map((f) => [f.path, f.tokens])).toEqual([
      ['-', countTokens('piped')],
      ['notes.md', countTokens(texts['notes.md'])],
    ]);
  });

  it('counts with the encoding of --model or --encoding', () => {
    const text = 'Sphinx of black quartz, judge my vow. 1234567 東京';
    const cl100k = json<CountJson>(run(['--encoding', 'cl100k_base', '--json'], text));
    expect(cl100k).toMatchObject({ encoding: 'cl100k_base', model: null, approximate: false });
    expect(cl100k.total.tokens).toBe(countTokens(text, { encoding: 'cl100k_base' }));
    expect(json<CountJson>(run(['--model', 'gpt-3.5-turbo', '--json'], text)).encoding).toBe('cl100k_base');
    expect(json<CountJson>(run(['--model', 'text-davinci-003', '--json'], text)).total.tokens).toBe(countTokens(text, { encoding: 'p50k_base' }));
  });

  it("counts a model without a public tokenizer with the catalog's stand-in, and says it is approximate", () => {
    const result = run(['--model', 'claude-sonnet-4-5', '--json'], 'approximately');
    expect(json<CountJson>(result)).toMatchObject({ encoding: 'o200k_base', approximate: true });
    expect(result.stderr).toMatch(/claude-sonnet-4-5 has no public tokenizer; counts use o200k_base and are approximate/);
  });

  it('counts any claude-*, gemini-* or newer gpt-* id with the same rule as the library, catalog or not', () => {
    for (const model of ['claude-opus-5', 'anthropic/claude-some-future-model', 'gemini-4-carbon', 'gpt-6.2-sol', 'gpt-7-preview']) {
      const result = run(['--model', model, '--json'], 'approximately counted text');
      expect(json<CountJson>(result), model).toMatchObject({ encoding: 'o200k_base', approximate: true, total: { tokens: countTokens('approximately counted text', { model }) } });
      expect(result.stderr).toContain(`${model} has no public tokenizer`);
    }
    // Gemini ids that Google's SDK counts with gemma3 say so (tokmeter-open is not installed here).
    expect(run(['--model', 'gemini-2.5-pro'], 'text').stderr).toMatch(/counts its text with gemma3, whose data is in the package tokmeter-open: install it where tokmeter is \(npm install tokmeter-open\) for exact Gemini text counts/);
    expect(run(['--model', 'gemini-3.1-pro-preview'], 'text').stderr).toMatch(/counts its text with gemma4, which tokmeter does not have/);
  });

  it('is exact across the streaming counter\'s chunk boundaries (a file of many 64 KiB chunks)', () => {
    const piece = 'Ünïcödé wörds, 12345678 digits,   spaces\t\ttabs\n\n🎉🎉 emoji  and  "quotes". ';
    // Over 1 MiB, so that it is streamed in chunks rather than read whole (small-file.ts).
    const text = Array.from({ length: 16_000 }, (_, i) => piece.slice(i % 7) + ' '.repeat(i % 5)).join('');
    writeFileSync(join(dir, 'big.txt'), text);
    try {
      const result = json<CountJson>(run(['big.txt', '--json']));
      expect(result.files[0]!.bytes).toBeGreaterThan(1 << 20);
      expect(result.total.tokens).toBe(countTokens(text));
      expect(json<CountJson>(run(['--json'], text)).total.tokens).toBe(countTokens(text));
    } finally {
      rmSync(join(dir, 'big.txt'));
    }
  });

  it('keeps a leading byte-order mark, as tiktoken does', () => {
    const text = '\uFEFFwith a BOM';
    expect(run([], text).stdout).toBe(`${countTokens(text)}\n`);
  });

  it('exits 2 with nothing on stdout when no input can be counted, naming each path', () => {
    const result = run(['missing/file.txt']);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'tokmeter: cannot count missing/file.txt: no such file or directory (ENOENT)\n' });
  });

  it('counts what it can when some inputs fail: each failure named once on stderr, exit 5', () => {
    const result = run(['notes.md', 'missing/file.txt', 'src/app.ts', '--json']);
    expect(result.code).toBe(5);
    expect(result.stderr).toBe('tokmeter: cannot count missing/file.txt: no such file or directory (ENOENT)\n');
    const parsed = JSON.parse(result.stdout) as CountJson & { failed: { path: string; reason: string }[] };
    expect(parsed.files.map((f) => f.path)).toEqual(['notes.md', 'src/app.ts']);
    expect(parsed.failed).toEqual([{ path: 'missing/file.txt', reason: 'no such file or directory (ENOENT)' }]);
  });

  it('exits 2 for a glob that matches nothing, binary standard input, an unknown model or encoding', () => {
    for (const [args, input, message] of [
      [['*.pdf'], '', /cannot count \*\.pdf: no files match this glob/],
      [[], Buffer.from([0x00, 0x01, 0x02]), /standard input looks binary/],
      [['--model', 'gtp-4o'], 'x', /unknown model "gtp-4o".*Did you mean "gpt-4o"/],
      [['--encoding', 'o200k'], 'x', /unknown encoding "o200k"/],
    ] as const) {
      const result = run([...args], input);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
    }
  });

  it('exits 1 with nothing on stdout for an unknown flag, a missing value or both --model and --encoding', () => {
    for (const [args, message] of [
      [['--modle', 'gpt-4o'], /unknown option --modle/],
      [['notes.md', '--model'], /--model needs a value/],
      [['--model', 'gpt-4o', '--encoding', 'cl100k_base'], /not both/],
      [['--json=yes'], /--json takes no value/],
    ] as const) {
      const result = run([...args], 'x');
      expect(result.code, result.stderr).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain('Run tokmeter count --help for usage.');
    }
  });

  it('draws no progress bar when stderr is not a terminal', () => {
    const result = run(['.']);
    expect(result.stderr).not.toContain('\r');
    expect(result.stderr).not.toContain('counting [');
  });
});
