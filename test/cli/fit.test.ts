import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContext, countTokens } from '../../src/index.js';
import { ensureBuilt, json, tokmeter } from './cli.js';

let dir = '';
// Over gpt-4's 8,192-token window (the test checks), well inside gpt-4o's 128,000.
const long = 'The context window bounds the prompt and the output together. '.repeat(900);
const short = 'A short prompt.\n';

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tokmeter-cli-fit-'));
  writeFileSync(join(dir, 'long.txt'), long);
  writeFileSync(join(dir, 'short.txt'), short);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fit = (args: string[], input?: string) => tokmeter(['fit', ...args], { cwd: dir, ...(input !== undefined && { input }) });

describe('tokmeter fit', () => {
  it('says a prompt fits and how much room is left', () => {
    const tokens = countTokens(short);
    const result = fit(['--model', 'gpt-4o', '--max-output', '4096', 'short.txt']);
    expect(result.code).toBe(0);
    const remaining = 128_000 - tokens - 4096;
    expect(result.stdout.split('\n')[0]).toBe(`fits: short.txt is ${tokens} tokens; ${remaining.toLocaleString('en-US')} more would fit in gpt-4o.`);
    expect(result.stdout).toMatch(/output reserved\s+4,096/);
  });

  it('says by how much a prompt is over, and which limit it breaks, with exit code 0', () => {
    const tokens = countTokens(long, { encoding: 'cl100k_base' });
    expect(tokens).toBeGreaterThan(8192);
    const result = fit(['--model', 'gpt-4', 'long.txt']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(`does not fit: long.txt is ${(tokens - 8192).toLocaleString('en-US')} tokens over gpt-4's max input.`);
    expect(fit(['--model', 'gpt-4o', '--max-output', '20000', 'short.txt']).stdout.split('\n')[0]).toBe(
      "does not fit: --max-output 20,000 is 3,616 over gpt-4o's max output.",
    );
  });

  it('gives the library check in --json, for a file and for standard input', () => {
    const expected = checkContext({ model: 'gpt-4', input: long, maxOutputTokens: 100 });
    expect(json(fit(['--model', 'gpt-4', '--max-output', '100', 'long.txt', '--json']))).toEqual({ file: 'long.txt', encoding: 'cl100k_base', ...expected });
    expect(json(fit(['--model', 'gpt-4', '--max-output', '100', '--json'], long))).toEqual({ file: 'standard input', encoding: 'cl100k_base', ...expected });
    const approximate = checkContext({ model: 'claude-haiku-4-5', input: short });
    expect(json(fit(['--model', 'claude-haiku-4-5', 'short.txt', '--json']))).toEqual({ file: 'short.txt', encoding: 'o200k_base', ...approximate });
    expect(approximate.approximate).toBe(true);
  });

  it('exits 1 without --model or with two files, 2 for a missing file or an unknown model', () => {
    expect(fit(['short.txt'])).toMatchObject({ code: 1, stdout: '' });
    expect(fit(['--model', 'gpt-4o', 'short.txt', 'long.txt'])).toMatchObject({ code: 1, stdout: '' });
    expect(fit(['--model', 'gpt-4o', '--max-output', 'many', 'short.txt'])).toMatchObject({ code: 1, stdout: '' });
    expect(fit(['--model', 'gpt-4o', 'gone.txt'])).toEqual({ code: 2, stdout: '', stderr: 'tokmeter: cannot read gone.txt: no such file or directory (ENOENT)\n' });
    expect(fit(['--model', 'gpt-9', 'short.txt'])).toMatchObject({ code: 2, stdout: '' });
  });
});
