import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

const ENCODINGS = ['r50k_base', 'p50k_base', 'p50k_edit', 'cl100k_base', 'o200k_base', 'o200k_harmony'];
/** The root's conditions, in the order they must be tried: the web ones before `node`, which Deno and Bun also match. */
const ROOT_CONDITIONS = ['deno', 'workerd', 'worker', 'edge-light', 'browser', 'node', 'default'];

/** Every `{ types, default }` object in an exports entry, however deeply it is nested in conditions. */
function targets(entry: unknown): Record<string, string>[] {
  if (typeof entry !== 'object' || entry === null) return [];
  const record = entry as Record<string, unknown>;
  if (typeof record['default'] === 'string') return [record as Record<string, string>];
  return Object.values(record).flatMap(targets);
}

describe('the built package', () => {
  it('has a closed exports map, types first in every condition, and no side effects', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg['type']).toBe('module');
    expect(pkg['sideEffects']).toBe(false);
    const exportsMap = pkg['exports'] as Record<string, unknown>;
    expect(Object.keys(exportsMap).sort()).toEqual(['.', './node', ...ENCODINGS.map((name) => `./encoding/${name}`), './package.json'].sort());
    expect(Object.keys(exportsMap['.'] as object)).toEqual(ROOT_CONDITIONS);
    // Each encoding's entry takes the root's conditions: Node's build (the data read from its file) under
    // `node`, the web build under every other.
    for (const name of ENCODINGS) expect(Object.keys(exportsMap[`./encoding/${name}`] as object)).toEqual(ROOT_CONDITIONS);
    const leaves = Object.entries(exportsMap).filter(([key]) => key !== './package.json').flatMap(([, entry]) => targets(entry));
    expect(leaves.length).toBe(8 + 2 + 7 * ENCODINGS.length); // the root: 5 web conditions, node import and require, default
    for (const leaf of leaves) {
      expect(Object.keys(leaf)).toEqual(['types', 'default']);
      expect(existsSync(join(root, leaf['types']!))).toBe(true);
      expect(existsSync(join(root, leaf['default']!))).toBe(true);
    }
  });

  it('resolves through import', () => {
    expect(node(['--input-type=module', '-e', `import * as m from 'tokmeter'; ${script}`], root)).toBe(expected);
  });

  it('resolves through require', () => {
    expect(node(['-e', `const m = require('tokmeter'); ${script}`], root)).toBe(expected);
  });

  it('resolves to the web build under the browser condition, which counts the same without Node APIs', () => {
    const web = `import * as m from 'tokmeter'; ${script.replace('process.stdout.write(', 'process.stdout.write(import.meta.resolve("tokmeter").replace(/^.*\\/dist\\//, "") + " " + ')}`;
    expect(node(['--conditions=browser', '--input-type=module', '-e', web], root)).toBe(`web/index.js ${expected}`);
  });

  it('serves each encoding alone from tokmeter/encoding/<name>, through import and require', () => {
    const probe = (name: string) => `process.stdout.write(JSON.stringify([e.encode('hello <|endoftext|> 世界 🌍'), e.countTokens('hello world'), e.isWithinTokenLimit('hello world', 1), e.decode(e.encode('héllo'))]))`;
    for (const name of ENCODINGS) {
      const full = node(['--input-type=module', '-e', `import { getEncoding } from 'tokmeter'; const t = getEncoding('${name}'); process.stdout.write(JSON.stringify([t.encode('hello <|endoftext|> 世界 🌍'), t.count('hello world'), false, 'héllo']))`], root);
      expect(node(['--input-type=module', '-e', `import * as e from 'tokmeter/encoding/${name}'; ${probe(name)}`], root)).toBe(full);
      if (name === 'cl100k_base') expect(node(['-e', `const e = require('tokmeter/encoding/${name}'); ${probe(name)}`], root)).toBe(full);
    }
    // Node gets Node's build of the entry (over the root's getEncoding), a browser bundler the web one.
    const where = `process.stdout.write(import.meta.resolve('tokmeter/encoding/o200k_base').replace(/^.*\\/dist\\//, ''))`;
    expect(node(['--input-type=module', '-e', where], root)).toBe('encoding-o200k_base.js');
    expect(node(['--conditions=browser', '--input-type=module', '-e', where], root)).toBe('web/encoding-o200k_base.js');
  });

  it('keeps the Node-only functions at tokmeter/node, the same objects as the root has on Node', () => {
    const out = node(['--input-type=module', '-e', `import * as n from 'tokmeter/node'; import * as m from 'tokmeter'; process.stdout.write(String(n.countFile === m.countFile && n.countFiles === m.countFiles && typeof n.countFile))`], root);
    expect(out).toBe('function');
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

    it('works through tokmeter/encoding/<name> and under the browser condition', () => {
      const one = `import { countTokens } from 'tokmeter/encoding/cl100k_base'; process.stdout.write(String(countTokens('hello world')));`;
      expect(node(['--input-type=module', '-e', one], folder)).toBe('2');
      expect(node(['--conditions=browser', '--input-type=module', '-e', `import * as m from 'tokmeter'; ${script}`], folder)).toBe(expected);
    });

    it('ships the runtime data, once, and not the canonical files', () => {
      const installed = join(folder, 'node_modules', 'tokmeter');
      expect(readdirSync(join(installed, 'encodings')).sort()).toEqual(['cl100k_base.js', 'manifest.json', 'o200k_base.js', 'p50k_base.js', 'r50k_base.js']);
      expect(existsSync(join(installed, 'src'))).toBe(false);
    });
  });
});
