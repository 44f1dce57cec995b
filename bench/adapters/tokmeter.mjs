// tokmeter, imported from the repository's built `dist/` — never from src/, so the benchmark sees
// exactly what would be published. Run `npm run build` at the repository root first.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const distEntry = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

export default {
  name: 'tokmeter',
  label: 'tokmeter',
  pkg: null, // measured from the repository (see lib/size.mjs), not from bench/node_modules
  distEntry,
  missingReason() {
    return existsSync(distEntry)
      ? null
      : 'dist/index.js not found: run `npm run build` at the repository root';
  },
  async load() {
    const reason = this.missingReason();
    if (reason) throw new Error(reason);
    const { getEncoding } = await import(pathToFileURL(distEntry).href);
    const enc = getEncoding('o200k_base');
    return {
      count: (text) => enc.count(text),
      encode: (text) => Array.from(enc.encode(text)),
      encodeSpecial: (text, allowed) => Array.from(enc.encode(text, { allowedSpecial: allowed })),
    };
  },
};
