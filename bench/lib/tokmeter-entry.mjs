// Where the packed copy of tokmeter lives (see tokmeter-package.mjs, which makes it). Kept apart, with
// no imports beyond path helpers, so that the cold-start child loads nothing before its clock starts
// that a user's own script would not have loaded either.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const snapshotRoot = fileURLToPath(new URL('../corpora/cache/tokmeter/', import.meta.url));
export const tokmeterPackageDir = join(snapshotRoot, 'package');
export const tokmeterEntry = join(tokmeterPackageDir, 'dist', 'index.js');
