import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENCODING_NAMES } from '../../src/index.js';
import { ensureBuilt, tokmeter } from './cli.js';

// Issue 22, point 7: what a new user meets when a value is wrong — the flag they typed, never a library option.

let dir = '';
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tokmeter-cli-flags-'));
  mkdirSync(join(dir, 'empty'));
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('errors speak in flags', () => {
  it('a negative number is refused for what it is, not as an unknown flag', () => {
    expect(tokmeter(['cost', '--model', 'gpt-4o', '--input', '-5', '--output', '1'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'tokmeter: --input must be a number, 0 or more, got -5.\nRun tokmeter cost --help for usage.\n',
    });
    expect(tokmeter(['fit', '--model', 'gpt-4o', '--max-output', '-1', 'x']).stderr).toMatch(/^tokmeter: --max-output must be a number, 0 or more, got -1\./);
    // A flag whose smallest value is not 0 says so.
    expect(tokmeter(['split', '--max-tokens', '-5', 'x']).stderr).toMatch(/^tokmeter: --max-tokens must be a number, 1 or more, got -5\./);
  });

  it("the library's refusals name the flags, not options.*", () => {
    const cached = tokmeter(['cost', '--model', 'gpt-4o', '--input', '5', '--output', '1', '--cached-input', '10']);
    expect(cached).toMatchObject({ code: 2, stdout: '' });
    expect(cached.stderr).toBe('tokmeter: --cached-input takes the cached, cache-write and audio tokens to more than the 5 prompt tokens of --input; the prompt count includes them all, so raise it or lower this.\n');
    const share = tokmeter(['estimate', '--model', 'gpt-4o', '--requests-per-month', '10', '--input', '5', '--output', '1', '--cached-share', '2']);
    expect(share.stderr).toBe('tokmeter: --cached-share must be a number from 0 to 1, got 2.\n');
    for (const result of [cached, share]) expect(result.stderr).not.toMatch(/options\.|scenario\.|estimateCost|estimateMonthlySpend/);
  });

  it('an empty folder and a glob that matches nothing get the same exit code and the same kind of message', () => {
    const folder = tokmeter(['count', 'empty'], { cwd: dir });
    const glob = tokmeter(['count', 'empty/*.md'], { cwd: dir });
    expect(folder).toEqual({ code: 2, stdout: '', stderr: 'tokmeter: cannot count empty: no files in this folder (ignored files are left out; --no-ignore counts them)\n' });
    expect(glob).toEqual({ code: 2, stdout: '', stderr: 'tokmeter: cannot count empty/*.md: no files match this glob (ignored files are left out; --no-ignore counts them)\n' });
  });

  it('count --help lists every encoding', () => {
    const help = tokmeter(['count', '--help']).stdout;
    for (const name of ENCODING_NAMES) expect(help).toContain(name);
  });
});
