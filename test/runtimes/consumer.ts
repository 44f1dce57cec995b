// The Node side of the runtime tests: a consumer folder that uses this package as an app would
// (node_modules/tokmeter, resolved through the exports map), bundling with esbuild, and the
// comparison of what a runtime reports with tiktoken's ids.
import { copyFileSync, mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { expect } from 'vitest';
import { oracle } from '../support/oracle.js';
import type { RuntimeReport } from './app.js';
import { ENCODINGS, SPECIAL_TEXT, TEXTS } from './cases.js';

export const root = join(__dirname, '..', '..');

/** A fresh folder with node_modules/tokmeter linked to this package and app.ts and cases.ts in it. */
export function makeConsumer(): { readonly dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tokmeter-consumer-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'tokmeter'), 'dir');
  for (const file of ['app.ts', 'cases.ts']) copyFileSync(join(__dirname, file), join(dir, file));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * `source` bundled as an app for a runtime would be: ES module, for the browser platform, with
 * the runtime's export conditions (esbuild adds `browser` on that platform, and `import`, `default`).
 */
export async function bundle(dir: string, source: string, options: { conditions?: string[]; minify?: boolean } = {}): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: dir, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: options.minify ?? false,
    conditions: options.conditions ?? [],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Asserts a runtime's report: tiktoken's ids for every encoding and text, and the API's figures. */
export function expectExact(report: RuntimeReport, where: string): void {
  for (const name of ENCODINGS) {
    const reference = oracle(name);
    const ids = TEXTS.map((text) => reference.encodeOrdinary(text));
    const got = report.encodings[name];
    expect(got.root, `${where}: ${name} through getEncoding`).toEqual(ids);
    expect(got.entry, `${where}: ${name} through tokmeter/encoding/${name}`).toEqual(ids);
    expect(got.special, `${where}: ${name} with allowedSpecial 'all'`).toEqual(reference.encodeAllSpecial(SPECIAL_TEXT));
    expect(got.rootCounts, `${where}: ${name} countTokens`).toEqual(ids.map((list) => list.length));
    expect(got.entryCounts, `${where}: ${name} entry countTokens`).toEqual(ids.map((list) => list.length));
    expect(got.within, `${where}: ${name} isWithinTokenLimit`).toEqual(ids.map((list) => [false, list.length]));
    expect(got.roundTrips, `${where}: ${name} decode`).toEqual(TEXTS.map(() => true));
  }
  expect(report.chatTotal, `${where}: chat count`).toBe(86);
  expect(report.costTotal, `${where}: cost`).toBe(0.02);
  expect(report.contextFits, `${where}: context check`).toBe(true);
  expect(report.remote, `${where}: countTokensRemote with a fetch double`).toEqual({
    url: 'https://api.anthropic.com/v1/messages/count_tokens',
    key: 'runtime-key',
    messages: [{ role: 'user', content: TEXTS[0] }],
    inputTokens: 11,
  });
}

/** One line for the test log: how long each encoding's first use took. */
export function firstUseLine(report: RuntimeReport): string {
  return ENCODINGS.map((name) => `${name} ${report.encodings[name].firstUseMs.toFixed(0)} ms`).join(', ');
}
