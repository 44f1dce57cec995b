import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The built package (npm test builds before it runs vitest), as users get it: through `import`
// and `require`, and from the packed tarball installed in a fresh folder.

const root = join(__dirname, '..');
const script = `const t = m.getEncoding('o200k_base'); process.stdout.write(JSON.stringify([t.encode('hello world'), m.countTokens('a\\uFEFF\\uFEFF!'), typeof m.Encoding]));`;
const expected = JSON.stringify([[24912, 2375], 3, 'function']);

function node(args: string[], cwd: string): string {
  return execFileSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, TOKMETER_ENCODINGS_DIR: '' } });
}

describe('the built package', () => {
  it('has a closed exports map, types first in every condition, and no side effects', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg['type']).toBe('module');
    expect(pkg['sideEffects']).toBe(false);
    const exportsMap = pkg['exports'] as Record<string, unknown>;
    expect(Object.keys(exportsMap).sort()).toEqual(['.', './package.json']);
    for (const condition of Object.values(exportsMap['.'] as Record<string, Record<string, string>>)) {
      expect(Object.keys(condition)[0]).toBe('types');
      expect(existsSync(join(root, condition['types']!))).toBe(true);
      expect(existsSync(join(root, condition['default']!))).toBe(true);
    }
  });

  it('resolves through import', () => {
    expect(node(['--input-type=module', '-e', `import * as m from 'tokmeter'; ${script}`], root)).toBe(expected);
  });

  it('resolves through require', () => {
    expect(node(['-e', `const m = require('tokmeter'); ${script}`], root)).toBe(expected);
  });

  describe('from the packed tarball, installed in a fresh folder', () => {
    let folder = '';
    beforeAll(() => {
      // '#' and '%' in the path: file URLs built by string concatenation break on them.
      folder = mkdtempSync(join(tmpdir(), 'tokmeter-install-#%-'));
      const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', folder], { cwd: root, encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
      const tarball = join(folder, packed[0]!.filename);
      writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'commonjs' }));
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: folder, stdio: 'ignore' });
    }, 120_000);
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it('works through import and require', () => {
      expect(node(['--input-type=module', '-e', `import * as m from 'tokmeter'; ${script}`], folder)).toBe(expected);
      expect(node(['-e', `const m = require('tokmeter'); ${script}`], folder)).toBe(expected);
    });

    it('ships the runtime data and not the canonical files', () => {
      const installed = join(folder, 'node_modules', 'tokmeter');
      expect(existsSync(join(installed, 'encodings', 'o200k_base.bin'))).toBe(true);
      expect(existsSync(join(installed, 'encodings', 'manifest.json'))).toBe(true);
      expect(existsSync(join(installed, 'encodings', 'o200k_base.tiktoken.gz'))).toBe(false);
      expect(existsSync(join(installed, 'src'))).toBe(false);
    });
  });
});
