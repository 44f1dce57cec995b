// tokmeter, imported from the package as `npm pack` would publish it (see lib/tokmeter-package.mjs):
// built dist/ and encodings, never src/. run.mjs packs it at the start of every run; run
// `npm run build` at the repository root first.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tokmeterEntry } from '../lib/tokmeter-entry.mjs';

export default {
  name: 'tokmeter',
  label: 'tokmeter',
  pkg: null, // sized from the packed copy (lib/size.mjs), not from bench/node_modules
  missingReason() {
    return existsSync(tokmeterEntry) ? null : 'no packed copy of tokmeter: run `npm run build` at the repository root, then bench/run.mjs';
  },
  async load() {
    const reason = this.missingReason();
    if (reason) throw new Error(reason);
    const { getEncoding } = await import(pathToFileURL(tokmeterEntry).href);
    const enc = getEncoding('o200k_base');
    return {
      count: (text) => enc.count(text),
      encode: (text) => enc.encode(text),
      encodeSpecial: (text, allowed) => enc.encode(text, { allowedSpecial: allowed }),
    };
  },
};
