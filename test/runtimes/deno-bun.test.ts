import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RuntimeReport } from './app.js';
import { expectExact, firstUseLine, makeConsumer, root } from './consumer.js';

// Smoke tests in Deno and Bun, whose binaries come from the npm packages `deno` and `bun` (exact
// dev dependencies). Each runs app.ts as it is, from a folder whose node_modules/tokmeter is this
// package: Deno resolves the root through the `deno` condition (the web build), Bun through
// `node` (Node's build). A runtime whose binary did not install is skipped, with the reason printed.

interface Runtime {
  readonly name: string;
  readonly args: readonly string[];
  /** What countFile does there: Node's build counts, the web build refuses. */
  readonly countFile: string;
}

const RUNTIMES: readonly Runtime[] = [
  { name: 'deno', args: ['run', '--sloppy-imports', '--quiet', 'main.ts'], countFile: 'UNSUPPORTED_RUNTIME' },
  { name: 'bun', args: ['main.ts'], countFile: 'counted' },
];

/** The runtime's version, or why it cannot be run. */
function probe(name: string): { ok: true; version: string } | { ok: false; reason: string } {
  const binary = join(root, 'node_modules', '.bin', name);
  if (!existsSync(binary)) return { ok: false, reason: `node_modules/.bin/${name} is missing (the npm package ${name} did not install here)` };
  try {
    return { ok: true, version: execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 }).split('\n')[0]!.trim() };
  } catch (error) {
    return { ok: false, reason: `node_modules/.bin/${name} --version failed (${(error as Error).message.split('\n')[0]}): its binary is not for this platform` };
  }
}

const consumer = makeConsumer();
writeFileSync(join(consumer.dir, 'main.ts'), "import { runReport } from './app.ts';\nconsole.log(JSON.stringify(await runReport()));\n");
afterAll(() => consumer.remove());

for (const runtime of RUNTIMES) {
  const found = probe(runtime.name);
  if (!found.ok) console.log(`${runtime.name} smoke test skipped: ${found.reason}`);

  describe.skipIf(!found.ok)(`in ${runtime.name}`, () => {
    it('counts every encoding as tiktoken does, through the root and the per-encoding entries', () => {
      const out = execFileSync(join(root, 'node_modules', '.bin', runtime.name), runtime.args, {
        cwd: consumer.dir,
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
      });
      const report = JSON.parse(out.trim().split('\n').pop()!) as RuntimeReport;
      expectExact(report, runtime.name);
      expect(report.countFile).toBe(runtime.countFile);
      expect(report.wasm.compiled).toBeGreaterThan(0);
      console.log(`${runtime.name} (${found.ok ? found.version : ''}), first use of each encoding's entry: ${firstUseLine(report)}`);
    });
  });
}
