import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: ESM and CJS with type declarations.
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    shims: true,
    target: 'node20',
    splitting: false,
    treeshake: true,
  },
  {
    // The command line: one ESM file with a shebang, installed as the `tokmeter` bin.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    target: 'node20',
    splitting: false,
    treeshake: true,
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    // The worker thread behind countFiles, loaded by path from dist/.
    entry: { worker: 'src/parallel/worker.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    target: 'node20',
    splitting: false,
    treeshake: true,
  },
]);
