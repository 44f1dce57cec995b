#!/usr/bin/env node
// Builds the playground page: site/src/main.ts bundled with esbuild against tokmeter's web build
// (dist/web/index.js, every encoding included) into one classic script, inlined with site/style.css
// into site/dist/index.html. One self-contained file: it opens from disk (file://, where Chromium
// loads no ES modules) and from any static host, and fetches nothing.
//
// The page's counting workers (site/src/count-worker.ts) are bundled first, against the same web
// build, into a classic worker script that the page carries as a string and starts from a blob:
// URL. Their bundle holds no rank data: tokmeter's data modules (encodings/<name>.js, imported by
// the web build) become empty slots there, which the page fills by posting its own copy of the
// data, so the ranks are in the page once. In the page those modules are bundled as they are, and
// `tokmeter-rank-data` hands the page their data to post.
//
//   npm run build && npm run build:site
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const webEntry = join(root, 'dist', 'web', 'index.js');
const outFile = join(root, 'site', 'dist', 'index.html');
/** The worker's bundle without rank data is ~0.1 MB; past this, data got in (it would be in the page twice). */
const WORKER_BUDGET = 256 * 1024;

if (!existsSync(webEntry)) {
  console.error('build-site: dist/web/index.js is missing; run `npm run build` first.');
  process.exit(1);
}

/**
 * `import … from 'tokmeter'` in the page's source means the package's web build, as the `browser`
 * condition gives an app, and `tokmeter/encoding/<name>` its one-encoding entry there. Resolved
 * here, before esbuild would follow site/tsconfig.json's `paths` to the library's source, which is
 * only there for the type checker.
 */
const tokmeterWebBuild = {
  name: 'tokmeter-web-build',
  setup(build) {
    build.onResolve({ filter: /^tokmeter$/ }, () => ({ path: webEntry }));
    build.onResolve({ filter: /^tokmeter\/encoding\/\w+$/ }, (args) => {
      const path = join(dirname(webEntry), `encoding-${args.path.slice('tokmeter/encoding/'.length)}.js`);
      if (!existsSync(path)) throw new Error(`build-site: ${args.path} has no file in dist/web/`);
      return { path };
    });
  },
};

/** A data module the web build imports: `../../encodings/o200k_base.js` → `o200k_base`. */
const DATA_MODULE = /(?:^|\/)encodings\/(\w+)\.js$/;
/** The data modules the web build imports, by name, with their file and SHA-256 (the two exports each has). */
const webFiles = readdirSync(dirname(webEntry)).filter((file) => file.endsWith('.js'));
const dataImports = new Map(
  webFiles.flatMap((file) => [...readFileSync(join(dirname(webEntry), file), 'utf8').matchAll(/from\s*['"]((?:\.\.\/)+encodings\/(\w+)\.js)['"]/g)].map(([, path, name]) => [name, path])),
);
const dataModules = [...dataImports].map(([name, path]) => {
  const file = join(dirname(webEntry), path);
  const source = readFileSync(file, 'utf8');
  const exports = [...source.matchAll(/^export const (\w+)/gm)].map((match) => match[1]);
  const sha256 = /^export const sha256 = '([0-9a-f]{64})';$/m.exec(source)?.[1];
  if (exports.join() !== 'sha256,base64' || sha256 === undefined) {
    throw new Error(`build-site: ${path} no longer exports just sha256 and base64; update the workers' rank slots in this script`);
  }
  return { name, file, sha256 };
});
if (dataModules.length === 0) throw new Error("build-site: dist/web/ imports no encodings/<name>.js; update the workers' rank slots in this script");
/** The data modules each one-encoding entry (dist/web/encoding-<name>.js, what the workers count with) reads. */
const rankModules = Object.fromEntries(
  webFiles
    .filter((file) => /^encoding-\w+\.js$/.test(file))
    .map((file) => [
      file.slice('encoding-'.length, -'.js'.length),
      [...readFileSync(join(dirname(webEntry), file), 'utf8').matchAll(/from\s*['"](?:\.\.\/)+encodings\/(\w+)\.js['"]/g)].map((match) => match[1]),
    ]),
);
for (const [name, modules] of Object.entries(rankModules)) {
  if (modules.length === 0) throw new Error(`build-site: dist/web/encoding-${name}.js imports no encodings/<name>.js; update the workers' rank slots in this script`);
}

/**
 * The worker's build: each data module an empty slot (its `base64` filled by `provide`), and
 * `tokmeter-rank-slots` the call that fills them from the data the page posts.
 */
const rankSlots = {
  name: 'tokmeter-rank-slots',
  setup(build) {
    build.onResolve({ filter: DATA_MODULE }, (args) => ({ path: DATA_MODULE.exec(args.path)[1], namespace: 'rank-slot' }));
    build.onResolve({ filter: /^tokmeter-rank-slots$/ }, () => ({ path: 'all', namespace: 'rank-slots' }));
    build.onLoad({ filter: /.*/, namespace: 'rank-slot' }, ({ path: name }) => {
      const module = dataModules.find((data) => data.name === name);
      if (module === undefined) throw new Error(`build-site: the web build imports encodings/${name}.js, which this script did not find`);
      return { contents: `export const sha256 = ${JSON.stringify(module.sha256)};\nexport let base64 = '';\nexport function provide(value) { base64 = value; }\n`, loader: 'js' };
    });
    build.onLoad({ filter: /.*/, namespace: 'rank-slots' }, () => ({
      contents: [
        ...dataModules.map(({ name }, i) => `import { provide as provide${i} } from ${JSON.stringify(`./encodings/${name}.js`)};`),
        `const slots = { ${dataModules.map(({ name }, i) => `${JSON.stringify(name)}: provide${i}`).join(', ')} };`,
        'export function provideRankData(data) {',
        '  for (const [name, base64] of Object.entries(data)) {',
        "    if (!Object.hasOwn(slots, name) || typeof base64 !== 'string') throw new Error('tokmeter playground worker: ' + name + ' is no rank data module');",
        '    slots[name](base64);',
        '  }',
        '}',
      ].join('\n'),
      loader: 'js',
      resolveDir: root,
    }));
  },
};

/**
 * The page's build: `tokmeter-rank-data` the data modules' base64, from the very modules the web
 * build bundles, and which of them each encoding reads.
 */
const rankData = {
  name: 'tokmeter-rank-data',
  setup(build) {
    build.onResolve({ filter: /^tokmeter-rank-data$/ }, () => ({ path: 'all', namespace: 'rank-data' }));
    build.onLoad({ filter: /.*/, namespace: 'rank-data' }, () => ({
      contents: [
        ...dataModules.map(({ file }, i) => `import { base64 as data${i} } from ${JSON.stringify(file)};`),
        `export const rankData = { ${dataModules.map(({ name }, i) => `${JSON.stringify(name)}: data${i}`).join(', ')} };`,
        `export const rankModules = ${JSON.stringify(rankModules)};`,
      ].join('\n'),
      loader: 'js',
      resolveDir: root,
    }));
  },
};

const common = { bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', minify: true, legalComments: 'none', logLevel: 'warning' };
const worker = await build({
  ...common,
  entryPoints: [join(root, 'site', 'src', 'count-worker.ts')],
  plugins: [tokmeterWebBuild, rankSlots],
});
const workerScript = worker.outputFiles[0].text;
if (workerScript.length > WORKER_BUDGET) {
  throw new Error(`build-site: the counting worker's bundle is ${workerScript.length} bytes, over ${WORKER_BUDGET}: rank data got into it, which the page would then hold twice`);
}

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const result = await build({
  ...common,
  entryPoints: [join(root, 'site', 'src', 'main.ts')],
  define: { TOKMETER_VERSION: JSON.stringify(version), COUNT_WORKER_SOURCE: JSON.stringify(workerScript) },
  plugins: [tokmeterWebBuild, rankData],
});
const script = result.outputFiles[0].text;
// An inline script ends at the first `</script`; esbuild escapes it in strings, and this checks.
if (/<\/script/i.test(script)) throw new Error('build-site: the bundle contains "</script"; it cannot be inlined');

const template = readFileSync(join(root, 'site', 'index.html'), 'utf8');
const style = readFileSync(join(root, 'site', 'style.css'), 'utf8');
const page = fill(fill(template, '/* STYLE */', style.trim()), '/* SCRIPT */', script.trim());

mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, page);
const megabytes = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
console.log(
  `build-site: wrote site/dist/index.html (${megabytes(Buffer.byteLength(page))}, of which the counting worker ${(Buffer.byteLength(workerScript) / 1024).toFixed(0)} KB; tokmeter ${version})`,
);

/** `text` with its one `marker` replaced by `content` (taken literally, `$` included). */
function fill(text, marker, content) {
  const at = text.indexOf(marker);
  if (at === -1 || text.indexOf(marker, at + 1) !== -1) throw new Error(`build-site: site/index.html must hold ${marker} once`);
  return text.slice(0, at) + content + text.slice(at + marker.length);
}
