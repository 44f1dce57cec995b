import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Importing the built package and counting text must not load zod (it costs more than the whole
// cold-start budget); the first call that validates loads it. Not a timing test: it checks which
// modules are loaded. zod is required lazily (src/zod.ts), so once loaded it is in the CJS module
// cache under both `require` and `import`. An ESM `import` of zod would not show up there, so the
// registry zod puts on globalThis when it loads (either build) is checked as well.

const root = join(__dirname, '..');

const probe = `
const zodModules = () => Object.keys(cache).filter((path) => path.replaceAll('\\\\', '/').includes('/node_modules/zod/')).length;
const zodRegistry = () => '__zod_globalRegistry' in globalThis;
const state = () => ({ modules: zodModules(), registry: zodRegistry() });
const afterImport = state();
const count = m.countTokens('hello world');
const afterCount = state();
const cost = m.estimateCost({ model: 'gpt-4o', inputTokens: 1, outputTokens: 1 });
const afterValidation = state();
let bad;
try { m.estimateCost({ model: 'gpt-4o', inputTokens: -1, outputTokens: 1 }); } catch (error) { bad = { name: error.name, message: error.message }; }
process.stdout.write(JSON.stringify({ afterImport, count, afterCount, total: cost.total, rates: cost.rates, afterValidation, bad }));
`;

function run(args: string[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, TOKMETER_ENCODINGS_DIR: '' } });
  return JSON.parse(out) as Record<string, unknown>;
}

function expectLazyZod(result: Record<string, unknown>): void {
  const notLoaded = { modules: 0, registry: false };
  expect(result['afterImport']).toEqual(notLoaded);
  expect(result['count']).toBe(2);
  expect(result['afterCount']).toEqual(notLoaded);
  expect(result['total']).toBe(0.0000125);
  expect(result['rates']).toEqual({ input: 2.5, output: 10, cachedInput: 1.25 });
  const loaded = result['afterValidation'] as { modules: number; registry: boolean };
  expect(loaded.modules).toBeGreaterThan(0);
  expect(loaded.registry).toBe(true);
  expect(result['bad']).toEqual({ name: 'InvalidArgumentError', message: expect.stringContaining('options.inputTokens') as unknown });
}

describe('cold start of the built package', () => {
  it('does not load zod through require until a schema is used', () => {
    expectLazyZod(run(['-e', `const m = require('tokmeter'); const cache = require.cache; ${probe}`]));
  });

  it('does not load zod through import until a schema is used', () => {
    const head = `import * as m from 'tokmeter'; import { createRequire } from 'node:module'; const cache = createRequire(import.meta.url).cache;`;
    expectLazyZod(run(['--input-type=module', '-e', `${head} ${probe}`]));
  });

  it('loads node:worker_threads only when countFiles starts a worker, not on import', () => {
    const script = `import * as m from 'tokmeter'; const loaded = () => process.moduleLoadList.includes('NativeModule worker_threads');
const afterImport = loaded(); m.countTokens('hello world'); const afterCount = loaded();
process.stdout.write(JSON.stringify({ afterImport, afterCount }));`;
    expect(run(['--input-type=module', '-e', script])).toEqual({ afterImport: false, afterCount: false });
  });

  it('counts without loading node:crypto, short text and long (also where process.getBuiltinModule is missing)', () => {
    // Rank files and the WebAssembly loop are checked by digests the index build and a hash take
    // anyway (rank-form.ts, byte-kernel.ts); node:fs is still reached through the same helper.
    for (const prelude of ['', 'process.getBuiltinModule = undefined;']) {
      const script = `import * as m from 'tokmeter'; ${prelude} const loaded = (name) => process.moduleLoadList.includes('NativeModule ' + name);
const afterImport = loaded('crypto'); const count = m.countTokens('hello world'); const long = m.countTokens('const answer = compute(42);\\n'.repeat(400));
process.stdout.write(JSON.stringify({ afterImport, count, long, crypto: loaded('crypto'), fs: loaded('fs') }));`;
      expect(run(['--input-type=module', '-e', script])).toEqual({ afterImport: false, count: 2, long: 2800, crypto: false, fs: true });
    }
  });
});
