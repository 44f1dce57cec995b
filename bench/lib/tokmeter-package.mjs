// tokmeter as a user would install it: `npm pack` of the repository (after `npm run build`), unpacked
// into corpora/cache/tokmeter/package. Benchmarking this copy rather than the live dist/ means the run
// sees exactly the published files (dist, encodings) and a rebuild in the middle of a run cannot
// change or remove what is being measured. Its dependencies (zod) resolve from the repository's
// node_modules, as Node walks up from the unpacked folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { snapshotRoot, tokmeterEntry, tokmeterPackageDir } from './tokmeter-entry.mjs';

export { tokmeterEntry, tokmeterPackageDir };

/**
 * Pack and unpack the repository at `repoRoot`. Returns `{ ok: true, pack }` with npm's pack report,
 * or `{ ok: false, reason }` when there is nothing built to pack.
 */
export function snapshotTokmeter(repoRoot) {
  rmSync(snapshotRoot, { recursive: true, force: true });
  if (!existsSync(join(repoRoot, 'dist', 'index.js'))) {
    return { ok: false, reason: 'dist/index.js not found: run `npm run build` at the repository root' };
  }
  mkdirSync(tokmeterPackageDir, { recursive: true });
  const output = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', snapshotRoot], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [pack] = JSON.parse(output);
  execFileSync('tar', ['-xzf', join(snapshotRoot, pack.filename), '-C', tokmeterPackageDir, '--strip-components=1']);
  if (!existsSync(tokmeterEntry)) return { ok: false, reason: `npm pack did not include dist/index.js (files: ${pack.entryCount})` };
  return { ok: true, pack: { filename: pack.filename, version: pack.version, size: pack.size, unpackedSize: pack.unpackedSize, files: pack.entryCount } };
}
