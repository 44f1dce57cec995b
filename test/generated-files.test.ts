/**
 * Every generated file is what its generator writes: `npm run generate -- --check` (scripts/generate.mjs,
 * which runs each generator in its GENERATORS list with --check). A stale file fails here with the
 * generator's name and how to regenerate it.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GENERATORS } from '../scripts/generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** `node scripts/generate.mjs ...args`: its exit code and output. */
function generate(...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['scripts/generate.mjs', ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, output: `${stdout}${stderr}` });
    });
  });
}

describe('generated files', () => {
  it('are all what their generators write (npm run generate -- --check)', async () => {
    const { code, output } = await generate('--check');
    expect(output).toMatch(/up to date/);
    expect(code, output).toBe(0);
    for (const { script } of GENERATORS) expect(output).toContain(`up to date ${script}`);
  }, 180_000);

  it('lists each generator once, each a script that takes --check', () => {
    const scripts = GENERATORS.map((g) => g.script);
    expect(new Set(scripts).size).toBe(scripts.length);
    for (const script of scripts) expect(readFileSync(new URL(`../${script}`, import.meta.url), 'utf8')).toContain('--check');
  });

  it('a name that matches no generator is refused, naming them', async () => {
    const { code, output } = await generate('--check', 'no-such-generator');
    expect(code).toBe(2);
    expect(output).toContain('scripts/generate-kernel.mjs');
  });
});
