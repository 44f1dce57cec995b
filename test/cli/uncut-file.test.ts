import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, tokmeter } from './cli.js';

// A file with one run longer than the streaming limit (UNCUT_LIMIT, 4 MiB of characters) cannot be
// counted in constant memory. The command line names the file, says what to do, and still counts
// the other files of the run (exit 5, partial), as for any unreadable input.

let dir = '';

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tokmeter-cli-uncut-'));
  writeFileSync(join(dir, 'spaces.txt'), ' '.repeat(4 * 1024 * 1024 + 64));
  writeFileSync(join(dir, 'note.txt'), 'a short note\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a file with a run longer than the streaming limit', () => {
  it('alone: an input error (exit 2) that names the file and the way out', () => {
    const result = tokmeter(['count', join(dir, 'spaces.txt')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`tokmeter: cannot count ${join(dir, 'spaces.txt')}: from character 0 on`);
    expect(result.stderr).toContain('PIECE_TOO_LONG');
    expect(result.stderr).toContain('break the run up');
  });

  it('beside another file: that one is counted, this one listed as failed (exit 5)', () => {
    const result = tokmeter(['count', '--json', join(dir, 'spaces.txt'), join(dir, 'note.txt')]);
    expect(result.code).toBe(5);
    const report = JSON.parse(result.stdout) as { files: { path: string; tokens: number }[]; failed: { path: string; reason: string }[] };
    expect(report.files.map((f) => f.path)).toEqual([join(dir, 'note.txt')]);
    expect(report.files[0]!.tokens).toBe(4);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]!.path).toBe(join(dir, 'spaces.txt'));
    expect(report.failed[0]!.reason).toMatch(/^from character 0 on, more than 4,194,304 characters in a row/);
  });
});
