import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { defineConfig } from 'tsup';
import type { Plugin } from 'esbuild';

const ENCODINGS = ['r50k_base', 'p50k_base', 'p50k_edit', 'cl100k_base', 'o200k_base', 'o200k_harmony'] as const;

/**
 * The web build's platform: every relative import of a file that has a `.web.ts` twin
 * (src/platform/host.ts → host.web.ts) resolves to the twin. Chosen at build time so that Node's
 * build keeps Buffer and node:crypto and the web build carries no trace of them.
 */
const webPlatform: Plugin = {
  name: 'tokmeter-web-platform',
  setup(build) {
    build.onResolve({ filter: /^\.{1,2}\/.*\.js$/ }, (args) => {
      const twin = resolve(args.resolveDir, args.path).replace(/\.js$/, '.web.ts');
      return existsSync(twin) ? { path: twin } : undefined;
    });
  },
};

/**
 * The encodings' data modules (encodings/<name>.js) stay separate files, imported from the
 * package as they are: a bundler then copies into an app only the encodings it imports, and each
 * rank file exists once in dist/ however many entries use it. `up` is the way from the output
 * folder to the package root: `../` from dist/ (Node's per-encoding entries), `../../` from
 * dist/web/ (every web output, entries and chunks alike, sits there, as the importing sources sit
 * in src/<folder>/, so the relative path stays `../../encodings/<name>.js`).
 */
function externalEncodingData(up: string): Plugin {
  return {
    name: 'tokmeter-encoding-data',
    setup(build) {
      build.onResolve({ filter: /\/encodings\/\w+\.js$/ }, (args) => {
        const path = resolve(args.resolveDir, args.path);
        if (path !== resolve('encodings', basename(path))) return undefined;
        return { path: `${up}encodings/${basename(path)}`, external: true };
      });
    },
  };
}

const encodingEntries = (prefix: string, folder = 'src/encoding-entries') => Object.fromEntries(ENCODINGS.map((name) => [`${prefix}${name}`, `${folder}/${name}.ts`]));

export default defineConfig([
  {
    // Node's library, the command line (the `tokmeter` bin) and the worker thread behind countFiles
    // (loaded by path from dist/), as ES modules sharing code through chunks: the command line and
    // the worker use most of the library, and one copy of it keeps the package within its 6 MB.
    // The per-encoding entries are here too, for Node (the `node` condition of
    // tokmeter/encoding/<name>): src/encoding-entries/node/, the web's functions over the root's
    // getEncoding, so the data is read from its file as the root reads it (importing the web's
    // entry, which imports its data module, cost Node 17–23 ms and 4–6 MB more; see functions.ts).
    entry: { index: 'src/index.ts', cli: 'src/cli/main.ts', worker: 'src/parallel/worker.ts', ...encodingEntries('encoding-', 'src/encoding-entries/node') },
    format: ['esm'],
    dts: { entry: { index: 'src/index.ts' } },
    clean: true,
    shims: true,
    target: 'node20',
    splitting: true,
    treeshake: true,
    esbuildPlugins: [externalEncodingData('../')],
    // Whitespace and syntax only, names kept, as the other builds: 30% less JavaScript for every
    // process to compile when it imports tokmeter, and room in the package's 6 MB.
    esbuildOptions(options) {
      options.minifyWhitespace = true;
      options.minifySyntax = true;
    },
    // The shebang goes on the command line's file alone (a banner would put it on every file).
    async onSuccess() {
      const cli = 'dist/cli.js';
      writeFileSync(cli, `#!/usr/bin/env node\n${readFileSync(cli, 'utf8')}`);
      chmodSync(cli, 0o755);
    },
  },
  {
    // Node's library for require().
    entry: { index: 'src/index.ts' },
    format: ['cjs'],
    dts: true,
    clean: false,
    shims: true,
    target: 'node20',
    splitting: false,
    treeshake: true,
    // As the web build: whitespace and syntax only, names kept. The require() copy is the one
    // build no other file shares a chunk with, and the package's 6 MB budget needs the room.
    esbuildOptions(options) {
      options.minifyWhitespace = true;
      options.minifySyntax = true;
    },
  },
  {
    // The web library (browsers, workers, edge runtimes, Deno): the root entry with every encoding,
    // and one entry per encoding; ES modules only, sharing code through chunks.
    entry: { index: 'src/index.ts', ...encodingEntries('encoding-') },
    outDir: 'dist/web',
    format: ['esm'],
    dts: { entry: Object.fromEntries(ENCODINGS.map((name) => [`encoding-${name}`, `src/encoding-entries/${name}.ts`])) },
    clean: false,
    platform: 'browser',
    target: 'es2022',
    splitting: true,
    treeshake: true,
    esbuildPlugins: [webPlatform, externalEncodingData('../../')],
    // Whitespace and syntax only, names kept (errors and stack traces still read): the package's
    // budget is 6 MB installed, the encodings' data take 4.1 MB, and apps minify again anyway.
    esbuildOptions(options) {
      options.minifyWhitespace = true;
      options.minifySyntax = true;
    },
  },
]);
