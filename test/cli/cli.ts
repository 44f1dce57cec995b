import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs the built bin as users do, and builds it first when it is missing (npm test builds before vitest). */

export const root = join(__dirname, '..', '..');
export const bin = join(root, 'dist', 'cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Builds dist/ once if dist/cli.js is missing; test files run in parallel, so a directory lock keeps it to one build. */
export function ensureBuilt(): void {
  if (existsSync(bin)) return;
  const lock = join(tmpdir(), 'tokmeter-cli-test-build.lock');
  try {
    mkdirSync(lock);
  } catch {
    const deadline = Date.now() + 120_000;
    while (!existsSync(bin) && Date.now() < deadline) execFileSync('sleep', ['0.2']);
    return;
  }
  try {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  } finally {
    rmdirSync(lock);
  }
}

let cacheDir: string | undefined;

/** A directory with no saved price table, made once per test file. */
function emptyCacheDir(): string {
  cacheDir ??= mkdtempSync(join(tmpdir(), 'tokmeter-cli-cache-'));
  return cacheDir;
}

/** `tokmeter args…` with `input` on standard input (an empty pipe when not given). */
export function tokmeter(args: readonly string[], options: { input?: string | Buffer; cwd?: string; command?: string } = {}): CliResult {
  const command = options.command ?? process.execPath;
  const argv = options.command === undefined ? [bin, ...args] : [...args];
  const result = spawnSync(command, argv, {
    cwd: options.cwd ?? root,
    input: options.input ?? '',
    encoding: 'utf8',
    // An empty price cache of its own: a developer's ~/.cache/tokmeter/prices.json must not change the answers.
    env: { ...process.env, TOKMETER_ENCODINGS_DIR: '', TOKMETER_CACHE_DIR: emptyCacheDir() },
  });
  if (result.error !== undefined) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Parses the stdout of a `--json` run, failing the test with stderr when it is not JSON. */
export function json<T = Record<string, unknown>>(result: CliResult): T {
  if (result.code !== 0) throw new Error(`exit ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
