import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getModel, loadPrices, resetPrices } from '../../src/pricing/index.js';
import { bin, ensureBuilt, root, type CliResult } from './cli.js';

// `tokmeter prices update` against a local server, with the cache in a temp directory. The bin is
// run asynchronously (spawn, not spawnSync) so that this process's server can answer it.

const snapshotPath = join(root, 'test', 'fixtures', 'reference', 'litellm-model-prices-2026-07-24.json');
const snapshot = readFileSync(snapshotPath);
const snapshotSha = createHash('sha256').update(snapshot).digest('hex');

let server: Server;
let base: string;
let temp: string;

beforeAll(async () => {
  ensureBuilt();
  temp = mkdtempSync(join(tmpdir(), 'tokmeter-prices-'));
  server = createServer((request, response) => {
    if (request.url === '/prices.json') response.writeHead(200, { 'content-type': 'application/json' }).end(snapshot);
    else if (request.url === '/broken.json') response.writeHead(200, { 'content-type': 'application/json' }).end(snapshot.subarray(0, 4_000));
    else response.writeHead(404).end('Not Found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(temp, { recursive: true, force: true });
});

/** `tokmeter args…` with the cache where `env` puts it (never the real ~/.cache). */
function tokmeter(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      env: { ...process.env, TOKMETER_ENCODINGS_DIR: '', TOKMETER_CACHE_DIR: '', XDG_CACHE_HOME: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A fresh cache directory, as TOKMETER_CACHE_DIR. */
function cacheDir(name: string): { dir: string; file: string; env: Record<string, string> } {
  const dir = join(temp, name);
  return { dir, file: join(dir, 'prices.json'), env: { TOKMETER_CACHE_DIR: dir } };
}

/** What loading the snapshot over the built-in catalog gives, from the library itself. */
function expectedCounts(overwrite = false) {
  resetPrices();
  const result = loadPrices(snapshot.toString('utf8'), { overwrite });
  resetPrices();
  return { added: result.added.length, skipped: result.skipped.length, rejected: result.rejected.length, ignored: result.ignored.length };
}

const group = (n: number) => n.toLocaleString('en-US');

describe('tokmeter prices update --url', () => {
  it('fetches the table into $XDG_CACHE_HOME/tokmeter with its date; cost then prices a LiteLLM-only model', async () => {
    const xdg = join(temp, 'xdg');
    const env = { XDG_CACHE_HOME: xdg };
    const file = join(xdg, 'tokmeter', 'prices.json');

    const before = await tokmeter(['cost', '--model', 'deepseek/deepseek-reasoner', '--input', '10000', '--output', '1000'], env);
    expect(before.code).toBe(2);
    expect(before.stderr).toMatch(/^tokmeter: unknown model "deepseek\/deepseek-reasoner"/);

    const started = Date.now();
    const update = await tokmeter(['prices', 'update', '--url', `${base}/prices.json`], env);
    const counts = expectedCounts();
    expect(update.stderr).toBe('');
    expect(update.code).toBe(0);
    expect(update.stdout).toBe(
      [
        `Fetched ${base}/prices.json: LiteLLM table, 1,487,719 bytes, sha256 ${snapshotSha}.`,
        `${group(counts.added)} models added, ${group(counts.skipped)} skipped (the built-in catalog has them; --prefer-fetched uses the fetched rows), ` +
          `${counts.rejected} rejected, ${counts.ignored} not priced per token.`,
        `Saved to ${file}; the pricing commands load it from now on.`,
        '',
      ].join('\n'),
    );
    expect(counts.added).toBeGreaterThan(2_000);

    const cache = JSON.parse(readFileSync(file, 'utf8'));
    expect(cache).toMatchObject({
      format: 'tokmeter-price-cache/1',
      from: { url: `${base}/prices.json` },
      sha256: snapshotSha,
      bytes: 1_487_719,
      tableFormat: 'litellm',
      asOf: null,
      counts,
    });
    expect(Date.parse(cache.fetchedAt)).toBeGreaterThanOrEqual(started - 1);
    expect(Date.parse(cache.fetchedAt)).toBeLessThanOrEqual(Date.now());
    expect(cache.source).toBe(`${base}/prices.json, fetched ${cache.fetchedAt.slice(0, 10)}`);
    expect(cache.table).toEqual(JSON.parse(snapshot.toString('utf8')));
    expect(readdirSync(join(xdg, 'tokmeter'))).toEqual(['prices.json']);

    // 10,000 × $0.28 + 1,000 × $0.42 per 1M = 2,800 + 420 µ$
    const cost = await tokmeter(['cost', '--model', 'deepseek/deepseek-reasoner', '--input', '10000', '--output', '1000', '--json'], env);
    expect(cost.stderr).toBe('');
    expect(JSON.parse(cost.stdout)).toMatchObject({ model: 'deepseek/deepseek-reasoner', total: 0.00322 });

    const shown = await tokmeter(['prices', '--json'], env);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      preferFetched: false,
      cacheDirectory: join(xdg, 'tokmeter'),
      cache: { state: 'loaded', path: file, from: { url: `${base}/prices.json` }, fetchedAt: cache.fetchedAt, ageDays: 0, sha256: snapshotSha, atUpdate: counts, loaded: counts },
    });
    const text = await tokmeter(['prices'], env);
    expect(text.stdout).toContain(`fetched table     ${file}\n  from            ${base}/prices.json\n`);
    expect(text.stdout).toContain(`  fetched         ${cache.fetchedAt.slice(0, 10)} ${cache.fetchedAt.slice(11, 16)} UTC, today\n`);
  });

  it('a 404 or broken JSON exits non-zero with one line and leaves the previous cache byte for byte', async () => {
    const { dir, file, env } = cacheDir('failures');
    expect((await tokmeter(['prices', 'update', '--url', `${base}/prices.json`], env)).code).toBe(0);
    const previous = readFileSync(file);

    const missing = await tokmeter(['prices', 'update', '--url', `${base}/nope.json`], env);
    expect(missing).toEqual({
      code: 4,
      stdout: '',
      stderr:
        `tokmeter: could not fetch prices from ${base}/nope.json: the server answered HTTP 404 Not Found. ` +
        "Check the URL: it must serve LiteLLM's model_prices_and_context_window.json or a tokmeter-prices/1 file.\n",
    });

    const broken = await tokmeter(['prices', 'update', '--url', `${base}/broken.json`], env);
    expect(broken.code).toBe(2);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(new RegExp(`^tokmeter: the price table: ${base}/broken\\.json is not JSON \\([^\\n]+\\)\\. A price table is LiteLLM's[^\\n]+\\n$`));

    const brokenFile = join(temp, 'broken.json');
    writeFileSync(brokenFile, snapshot.subarray(0, 4_000));
    const fromFile = await tokmeter(['prices', 'update', '--file', brokenFile], env);
    expect(fromFile.code).toBe(2);
    expect(fromFile.stderr).toMatch(new RegExp(`^tokmeter: the price table: ${brokenFile.replace(/[.\\]/g, '\\$&')} is not JSON [^\\n]+\\n$`));

    const absent = await tokmeter(['prices', 'update', '--file', join(temp, 'absent.json')], env);
    expect(absent).toEqual({ code: 2, stdout: '', stderr: `tokmeter: no such file or directory: ${join(temp, 'absent.json')}\n` });

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const nobody = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/prices.json`;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await tokmeter(['prices', 'update', '--url', nobody], env);
    expect(refused).toEqual({
      code: 4,
      stdout: '',
      stderr: `tokmeter: could not fetch prices from ${nobody}: fetch failed (ECONNREFUSED). Check the network connection and the URL, then try again.\n`,
    });

    expect(readFileSync(file).equals(previous)).toBe(true);
    expect(readdirSync(dir)).toEqual(['prices.json']);
  });
});

describe('tokmeter prices update: a cache that cannot be written', () => {
  it('exits 2 naming the path, and leaves no temporary file behind', async () => {
    const blocker = join(temp, 'a-file');
    writeFileSync(blocker, 'not a directory');
    const under = await tokmeter(['prices', 'update', '--file', snapshotPath], { TOKMETER_CACHE_DIR: join(blocker, 'tokmeter') });
    expect(under).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `tokmeter: could not save the price cache ${join(blocker, 'tokmeter', 'prices.json')} (ENOTDIR); the previous cache is unchanged. ` +
        'Make the directory writable, or set TOKMETER_CACHE_DIR to one that is.\n',
    });

    // The rename is the last step: when it fails, the temporary file is removed.
    const { dir, file, env } = cacheDir('rename-fails');
    mkdirSync(join(file, 'occupied'), { recursive: true });
    const blocked = await tokmeter(['prices', 'update', '--file', snapshotPath], env);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toMatch(/^tokmeter: could not save the price cache .*\/prices\.json \((EISDIR|ENOTEMPTY|EEXIST)\)/);
    expect(readdirSync(dir)).toEqual(['prices.json']);
    expect(readdirSync(file)).toEqual(['occupied']);
  });
});

describe('tokmeter prices update --file, and the cache in later runs', () => {
  it('reads a local table, records its absolute path, and tokmeter prices shows its age', async () => {
    const { file, env } = cacheDir('from-file');
    const update = await tokmeter(['prices', 'update', '--file', 'test/fixtures/reference/litellm-model-prices-2026-07-24.json', '--json'], env);
    expect(update.code).toBe(0);
    const report = JSON.parse(update.stdout);
    expect(report).toMatchObject({ path: file, from: { file: snapshotPath }, sha256: snapshotSha, bytes: 1_487_719, counts: expectedCounts() });
    expect(report.rejected).toContainEqual({ model: 'gpt-5-nano', field: 'output_cost_per_token_priority', problem: expect.any(String) });

    // Twelve days later…
    const cache = JSON.parse(readFileSync(file, 'utf8'));
    const fetchedAt = new Date(Date.now() - 12 * 86_400_000 - 60_000).toISOString();
    writeFileSync(file, JSON.stringify({ ...cache, fetchedAt }));
    const shown = await tokmeter(['prices'], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`  from            ${snapshotPath}\n`);
    expect(shown.stdout).toContain(`  fetched         ${fetchedAt.slice(0, 10)} ${fetchedAt.slice(11, 16)} UTC, 12 days ago\n`);
    expect(shown.stdout).not.toContain('days old');
    expect(JSON.parse((await tokmeter(['prices', '--json'], env)).stdout).cache.ageDays).toBe(12);

    // …and forty-five: a reminder to update.
    writeFileSync(file, JSON.stringify({ ...cache, fetchedAt: new Date(Date.now() - 45 * 86_400_000 - 60_000).toISOString() }));
    expect((await tokmeter(['prices'], env)).stdout).toMatch(/\n\nThe fetched prices are 45 days old; tokmeter prices update fetches them again\.\n$/);
  });

  it('built-in rows win unless --prefer-fetched, which every pricing command accepts', async () => {
    const { env } = cacheDir('prefer');
    // A LiteLLM table with gpt-4o at $1 / $2 per 1M, and a model the catalog does not have.
    const entry = { litellm_provider: 'openai', input_cost_per_token: 1e-6, output_cost_per_token: 2e-6, max_input_tokens: 128_000, max_output_tokens: 16_384 };
    const table = join(temp, 'prefer.json');
    writeFileSync(table, JSON.stringify({ last_updated: '2026-12-01', 'gpt-4o': entry, 'acme-chat': { ...entry, litellm_provider: 'acme' } }));
    expect((await tokmeter(['prices', 'update', '--file', table], env)).code).toBe(0);

    const million = async (model: string, ...flags: string[]) => {
      const result = await tokmeter(['cost', ...flags, '--model', model, '--input', '1000000', '--output', '0', '--json'], env);
      expect(result.stderr).toBe('');
      return JSON.parse(result.stdout) as { total: number; pricesAsOf: string };
    };
    resetPrices();
    const builtIn = getModel('gpt-4o').pricing.standard.input;
    expect(builtIn).not.toBe(1);
    expect(await million('gpt-4o')).toMatchObject({ total: builtIn });
    expect(await million('gpt-4o', '--prefer-fetched')).toMatchObject({ total: 1, pricesAsOf: '2026-12-01' });
    expect(await million('acme-chat')).toMatchObject({ total: 1, pricesAsOf: '2026-12-01' });

    const counts = async (...flags: string[]) => JSON.parse((await tokmeter(['prices', '--json', ...flags], env)).stdout).cache.loaded;
    expect(await counts()).toEqual({ added: 1, skipped: 1, rejected: 0, ignored: 0 });
    expect(await counts('--prefer-fetched')).toEqual({ added: 2, skipped: 0, rejected: 0, ignored: 0 });

    const listed = async (...flags: string[]) => {
      const models = JSON.parse((await tokmeter(['models', '--json', ...flags], env)).stdout) as { id: string; origin: string }[];
      return models.find((model) => model.id === 'gpt-4o')?.origin;
    };
    expect(await listed()).toBe('built-in');
    expect(await listed('--prefer-fetched')).toBe('loaded');

    for (const args of [
      ['estimate', '--model', 'acme-chat', '--requests-per-day', '10', '--input', '1000', '--output', '100', '--prefer-fetched'],
      ['estimate', '--model', 'gpt-4o', '--requests-per-month', '10', '--input', '1000', '--output', '100', '--compare', 'acme-chat'],
      ['fit', '--prefer-fetched', '--model', 'acme-chat', 'LICENSE'],
      ['count', '--prefer-fetched', '--model', 'acme-chat', 'LICENSE'],
    ]) {
      const result = await tokmeter(args, env);
      expect([args.join(' '), result.code]).toEqual([args.join(' '), 0]);
    }
    // After `--`, it is a file name like any other.
    expect((await tokmeter(['count', '--', '--prefer-fetched'], env)).stderr).toBe('tokmeter: cannot count --prefer-fetched: no such file or directory (ENOENT)\n');
  });

  it('a corrupt cache is one warning on stderr, and the command goes on with the built-in catalog', async () => {
    const { dir, file, env } = cacheDir('corrupt');
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, '{"format": "tokmeter-price-cache/1", "fetchedAt": "2026-12');
    const models = await tokmeter(['models', '--provider', 'google'], env);
    expect(models.code).toBe(0);
    expect(models.stderr).toMatch(
      new RegExp(`^tokmeter: warning: ignoring the price cache ${file.replace(/[.\\]/g, '\\$&')}: it is not JSON \\([^\\n]+\\)\\. Using the built-in prices; run tokmeter prices update to fetch them again\\.\\n$`),
    );
    expect(models.stdout).toMatch(/^model +provider +context.*\n\S+ ~ +google /);
    // A command whose models are all built-in gets the same answer without the table, so it does not read it.
    expect(await tokmeter(['cost', '--model', 'gpt-4o', '--input', '1000', '--output', '100'], env)).toMatchObject({ code: 0, stderr: '' });

    const shown = await tokmeter(['prices', '--json'], env);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout).cache).toMatchObject({ state: 'unreadable', path: file, problem: expect.stringMatching(/^it is not JSON/) });

    writeFileSync(file, JSON.stringify({ format: 'tokmeter-price-cache/9' }));
    expect((await tokmeter(['models'], env)).stderr).toContain('its format is "tokmeter-price-cache/9", not "tokmeter-price-cache/1"');
  });

  it('without a cache, tokmeter prices says how to get one', async () => {
    const { file, env } = cacheDir('none');
    const shown = await tokmeter(['prices'], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(new RegExp(`^built-in catalog  \\d+ models, prices as of \\d{4}-\\d{2}-\\d{2}\\nfetched table     none \\(no ${file.replace(/[.\\]/g, '\\$&')}\\)\\n`));
    expect(shown.stdout).toContain("tokmeter prices update fetches LiteLLM's table");
  });

  it('refuses unknown subcommands and misplaced or conflicting flags (exit 1)', async () => {
    const { env } = cacheDir('usage');
    const cases: [string[], string][] = [
      [['prices', 'refresh'], 'tokmeter: unknown prices subcommand "refresh"; use tokmeter prices or tokmeter prices update.'],
      [['prices', '--url', `${base}/prices.json`], 'tokmeter: --url goes with tokmeter prices update.'],
      [['prices', 'update', '--url', `${base}/prices.json`, '--file', snapshotPath], 'tokmeter: give --url or --file, not both.'],
      [['prices', 'update', 'now'], 'tokmeter: prices update takes no further arguments, got "now".'],
    ];
    for (const [args, message] of cases) {
      expect(await tokmeter(args, env)).toEqual({ code: 1, stdout: '', stderr: `${message}\nRun tokmeter prices --help for usage.\n` });
    }
  });
});
