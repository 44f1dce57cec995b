import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { RANK_FILES } from '../../src/encodings/rank-files.generated.js';
import { bundle, makeConsumer, root } from './consumer.js';

// What tokmeter adds to a browser app: one-line apps bundled and minified by esbuild from the
// built package, gzipped at level 9. The README's "Bundle sizes" table documents each figure;
// a bundle more than 10% over its figure fails, and so does a one-encoding bundle that carries
// another encoding's data, zod, or anything of Node's.

interface App {
  /** The import, as the README's row shows it. */
  readonly specifier: string;
  readonly source: string;
  /** The rank files whose data the bundle must hold; the others must be absent. */
  readonly data: readonly (keyof typeof RANK_FILES)[];
}

const APPS: readonly App[] = [
  { specifier: 'tokmeter/encoding/cl100k_base', source: "import { countTokens } from 'tokmeter/encoding/cl100k_base';\nconsole.log(countTokens('hello world'));", data: ['cl100k_base'] },
  { specifier: 'tokmeter/encoding/o200k_base', source: "import { countTokens } from 'tokmeter/encoding/o200k_base';\nconsole.log(countTokens('hello world'));", data: ['o200k_base'] },
  { specifier: 'tokmeter', source: "import { countTokens } from 'tokmeter';\nconsole.log(countTokens('hello world'));", data: ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'] },
];

/** The documented min+gzip figure for `specifier`, in bytes, from the README's bundle-size table. */
function documentedBytes(readme: string, specifier: string): number {
  const row = readme.split('\n').find((line) => line.startsWith(`| \`import { countTokens } from '${specifier}'\``));
  if (row === undefined) throw new Error(`README.md has no bundle-size row for ${specifier}`);
  const cells = row.split('|').map((cell) => cell.trim());
  const figure = /^([\d,]+) KB$/.exec(cells[3] ?? '');
  if (figure === null) throw new Error(`README.md's row for ${specifier} has no "N KB" min+gzip figure in its third column: ${row}`);
  return Number(figure[1]!.replaceAll(',', '')) * 1000;
}

/**
 * 64 characters of a rank file's base64 that occur nowhere else: from the middle of a whole rank
 * form; from the start of an extension (p50k_base's, mostly runs of spaces after its header).
 */
async function dataSample(name: keyof typeof RANK_FILES): Promise<string> {
  const { base64 } = (await import(`../../encodings/${name}.js`)) as { base64: string };
  const at = RANK_FILES[name].extends === null ? base64.length >> 1 : 0;
  return base64.slice(at, at + 64);
}

const consumer = makeConsumer();
afterAll(() => consumer.remove());

describe('bundle size of a browser app', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');

  it.each(APPS)('importing $specifier stays within 10% of the README figure and carries only what it uses', async (app) => {
    const code = await bundle(consumer.dir, app.source, { minify: true });
    const gzipped = gzipSync(code, { level: 9 }).length;
    console.log(`${app.specifier}: ${(code.length / 1000).toFixed(0)} KB minified, ${(gzipped / 1000).toFixed(0)} KB min+gzip`);
    const documented = documentedBytes(readme, app.specifier);
    expect(gzipped).toBeLessThanOrEqual(documented * 1.1);
    for (const name of Object.keys(RANK_FILES) as (keyof typeof RANK_FILES)[]) {
      expect(code.includes(await dataSample(name)), `${name}'s data in the bundle`).toBe(app.data.includes(name));
    }
    expect(code).not.toMatch(/["']node:|\bBuffer\b|process\.env|createRequire/);
    if (app.specifier !== 'tokmeter') {
      expect(code).not.toMatch(/ZodError|\$ZodType/);
      // Other encodings' specs, and with them their pre-tokenizers, are shaken out too.
      const specs = [...code.matchAll(/name:"(r50k_base|p50k_base|p50k_edit|cl100k_base|o200k_base|o200k_harmony)"/g)].map((match) => match[1]);
      expect(specs).toEqual([app.specifier.slice('tokmeter/encoding/'.length)]);
    }
  });

  it('keeps a cl100k_base-only app under 1.2 MB gzipped', async () => {
    const code = await bundle(consumer.dir, APPS[0]!.source, { minify: true });
    expect(gzipSync(code, { level: 9 }).length).toBeLessThan(1_200_000);
  });
});
