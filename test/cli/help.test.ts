import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/run.js';
import { ensureBuilt, root, tokmeter } from './cli.js';

beforeAll(ensureBuilt, 180_000);

describe('tokmeter --help and --version', () => {
  it('lists every command with its summary, and the exit codes', () => {
    for (const args of [[], ['--help'], ['-h'], ['help']]) {
      const result = tokmeter(args);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      for (const command of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^  ${command.spec.name}\\s+${command.spec.summary}$`, 'm'));
      expect(result.stdout).toContain('Exit codes: 0 success, 1 usage error, 2 input error');
    }
    expect(COMMANDS.map((c) => c.spec.name)).toEqual(['count', 'split', 'cost', 'estimate', 'fit', 'models', 'prices', 'memory']);
  });

  it('shows each command\'s usage, every flag and examples, from --help, -h or help <command>', () => {
    for (const command of COMMANDS) {
      const help = tokmeter([command.spec.name, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout.startsWith(`Usage: tokmeter ${command.spec.name} `)).toBe(true);
      for (const name of Object.keys(command.spec.options)) expect(help.stdout).toMatch(new RegExp(`^\\s+(-\\w, )?--${name}\\b`, 'm'));
      expect(help.stdout).toContain('Examples:\n  tokmeter ');
      expect(tokmeter([command.spec.name, '-h']).stdout).toBe(help.stdout);
      expect(tokmeter(['help', command.spec.name]).stdout).toBe(help.stdout);
      // Help wins over other arguments, even ones that would be errors.
      expect(tokmeter([command.spec.name, '--no-such-flag', '--help']).stdout).toBe(help.stdout);
    }
  });

  it('prints the version of package.json', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(tokmeter(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(tokmeter(['-v']).stdout).toBe(`${version}\n`);
  });

  it('exits 1 for an unknown command or top-level flag, pointing at --help', () => {
    expect(tokmeter(['counts'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'tokmeter: unknown command "counts". Commands: count, split, cost, estimate, fit, models, prices, memory.\nRun tokmeter --help for usage.\n',
    });
    expect(tokmeter(['--json'])).toMatchObject({ code: 1, stdout: '' });
    expect(tokmeter(['help', 'nothing'])).toMatchObject({ code: 1, stdout: '' });
  });
});
