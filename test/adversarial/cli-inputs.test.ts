import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTokens } from '../../src/index.js';
import { bin, ensureBuilt, tokmeter } from '../cli/cli.js';

/** Issue 24, items 12, 13 and 15: the CLI finishes what it can, reads what cannot seek, and fails writes in one line. */

let dir = '';
const run = (args: string[]) => tokmeter(['count', ...args], { cwd: dir });
/** A bash command line with tokmeter as `$T`, for process substitution, FIFOs and redirections. */
const bash = (script: string) => {
  const result = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, T: `${process.execPath} ${bin}` } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tokmeter-adversarial-cli-'));
  writeFileSync(join(dir, 'ok.txt'), 'hello world\n');
  mkdirSync(join(dir, 'tree'));
  writeFileSync(join(dir, 'tree', 'a.txt'), 'first file\n');
  symlinkSync('nowhere.txt', join(dir, 'tree', 'dangling.txt'));
  symlinkSync('loop-b', join(dir, 'tree', 'loop-a'));
  symlinkSync('loop-a', join(dir, 'tree', 'loop-b'));
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('one bad input does not lose the run', () => {
  it('a dangling link and a link loop in a walked folder are named with their reasons; the rest is counted (exit 5)', () => {
    const result = run(['tree', 'ok.txt', '--json']);
    expect(result.code).toBe(5);
    expect(result.stderr.split('\n').filter(Boolean).sort()).toEqual([
      'tokmeter: cannot count tree/dangling.txt: dangling symbolic link (ENOENT)',
      'tokmeter: cannot count tree/loop-a: symbolic link loop (ELOOP)',
      'tokmeter: cannot count tree/loop-b: symbolic link loop (ELOOP)',
    ]);
    const parsed = JSON.parse(result.stdout) as { files: { path: string }[]; failed: unknown[]; total: { tokens: number } };
    expect(parsed.files.map((f) => f.path)).toEqual(['tree/a.txt', 'ok.txt']);
    expect(parsed.total.tokens).toBe(countTokens('first file\n') + countTokens('hello world\n'));
    expect(parsed.failed).toHaveLength(3);
  });

  it('a link loop named on the command line is a loop, not "no such file"', () => {
    expect(run(['tree/loop-a'])).toEqual({ code: 2, stdout: '', stderr: 'tokmeter: cannot count tree/loop-a: symbolic link loop (ELOOP)\n' });
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file is named and the others counted (skipped as root, who reads everything)', () => {
    const locked = join(dir, 'locked.txt');
    writeFileSync(locked, 'secret');
    chmodSync(locked, 0o000);
    try {
      const result = run(['ok.txt', 'locked.txt']);
      expect(result.code).toBe(5);
      expect(result.stderr).toBe('tokmeter: cannot count locked.txt: permission denied (EACCES)\n');
    } finally {
      chmodSync(locked, 0o600);
    }
  });
});

describe('inputs that cannot seek', () => {
  it('counts process substitution (a pipe), which failed with ESPIPE before', () => {
    const result = bash('$T count --json <(printf "hello from a pipe")');
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { total: { tokens: number } }).total.tokens).toBe(countTokens('hello from a pipe'));
  });

  it('counts a FIFO with a writer', () => {
    const result = bash('mkfifo f && (printf "text through a fifo" > f &) && $T count f --json; rm -f f');
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { total: { tokens: number } }).total.tokens).toBe(countTokens('text through a fifo'));
  });

  it.skipIf(process.platform !== 'linux')('counts a /proc file, whose size reads as 0', () => {
    const result = run(['/proc/self/mounts', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { total: { tokens: number; bytes: number } }).total.bytes).toBeGreaterThan(0);
  });
});

describe('output that cannot be written', () => {
  it.skipIf(process.platform !== 'linux')('a full device ends the run with one line and exit 2, no stack trace', () => {
    const result = bash('$T count ok.txt > /dev/full');
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'tokmeter: cannot write the output: no space left on the device (ENOSPC)\n' });
  });

  it('a pipe closed early ends quietly', () => {
    const result = bash('$T count ok.txt | head -c 0; echo "exit ${PIPESTATUS[0]}"');
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('exit 0\n');
  });
});
