import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTokens } from '../../src/index.js';
import { ensureBuilt, root, tokmeter, type CliResult } from './cli.js';

// The bin as users get it: `npm pack`, installed in a fresh folder, run as node_modules/.bin/tokmeter.

let folder = '';
let installedBin = '';
const text = 'Counting the tokens of a file straight after install.\n'.repeat(20);

beforeAll(() => {
  ensureBuilt();
  folder = mkdtempSync(join(tmpdir(), 'tokmeter-cli-install-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', folder], { cwd: root, encoding: 'utf8' })) as { filename: string }[];
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'cli-consumer', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(folder, packed[0]!.filename)], { cwd: folder, stdio: 'ignore' });
  installedBin = join(folder, 'node_modules', '.bin', 'tokmeter');
  writeFileSync(join(folder, 'notes.txt'), text);
}, 180_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

const installed = (args: string[], input?: string): CliResult => tokmeter(args, { command: installedBin, cwd: folder, ...(input !== undefined && { input }) });

describe('the installed tokmeter bin', () => {
  it('prints its help and version', () => {
    expect(installed(['--help']).stdout).toContain('Usage: tokmeter <command> [options]');
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(installed(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('counts files and standard input with the shipped encodings', () => {
    expect(installed(['count', 'notes.txt', '--json']).stdout).toContain(`"tokens": ${countTokens(text)}`);
    expect(installed(['count', '--encoding', 'cl100k_base'], text).stdout).toBe(`${countTokens(text, { encoding: 'cl100k_base' })}\n`);
    expect(installed(['count', '--encoding', 'r50k_base'], text).stdout).toBe(`${countTokens(text, { encoding: 'r50k_base' })}\n`);
  });

  it('prices, estimates, fits, lists and sizes', () => {
    expect(installed(['cost', '--model', 'gpt-4o', '--input', '10000', '--cached-input', '8000', '--output', '500']).stdout).toMatch(/^total\s+10,500\s+\$0\.02$/m);
    expect(installed(['cost', '--model', 'gpt-4o', 'notes.txt']).stdout).toContain(`prompt: notes.txt, ${countTokens(text)} tokens`);
    expect(installed(['estimate', '--model', 'gpt-4o-mini', '--requests-per-day', '10000', '--input', '2000', '--output', '300', '--cached-share', '0.5', '--compare', 'gpt-4.1-nano']).stdout).toContain(
      'gpt-4o-mini: $123.27 a month, $0.000405 a request',
    );
    expect(installed(['fit', '--model', 'gpt-4o', 'notes.txt']).stdout).toMatch(/^fits: notes\.txt is \d+ tokens/);
    expect(installed(['models', '--provider', 'openai']).stdout).toMatch(/^gpt-4o\s+openai\s+128,000/m);
    expect(installed(['memory', '--model', 'llama-2-7b', '--precision', 'int8', '--train', '--batch', '50', '--assumptions', 'seed', '--unit', 'GB']).stdout).toMatch(
      /^total\s+77\.49\s+77,492,787,200 bytes$/m,
    );
  });

  it('keeps its exit codes', () => {
    expect(installed(['count', 'absent.txt'])).toEqual({ code: 2, stdout: '', stderr: 'tokmeter: cannot count absent.txt: no such file or directory (ENOENT)\n' });
    expect(installed(['count', '--nope'])).toMatchObject({ code: 1, stdout: '' });
  });
});
