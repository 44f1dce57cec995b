#!/usr/bin/env node
// Builds the playground page: site/src/main.ts bundled with esbuild against tokmeter's web build
// (dist/web/index.js, every encoding included) into one classic script, inlined with site/style.css
// into site/dist/index.html. One self-contained file: it opens from disk (file://, where Chromium
// loads no ES modules) and from any static host, and fetches nothing.
//
//   npm run build && npm run build:site
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const webEntry = join(root, 'dist', 'web', 'index.js');
const outFile = join(root, 'site', 'dist', 'index.html');

if (!existsSync(webEntry)) {
  console.error('build-site: dist/web/index.js is missing; run `npm run build` first.');
  process.exit(1);
}

/**
 * `import … from 'tokmeter'` in the page's source means the package's web build, as the `browser`
 * condition gives an app. Resolved here, before esbuild would follow site/tsconfig.json's `paths`
 * to the library's source, which is only there for the type checker.
 */
const tokmeterWebBuild = {
  name: 'tokmeter-web-build',
  setup(build) {
    build.onResolve({ filter: /^tokmeter$/ }, () => ({ path: webEntry }));
  },
};

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const result = await build({
  entryPoints: [join(root, 'site', 'src', 'main.ts')],
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  define: { TOKMETER_VERSION: JSON.stringify(version) },
  plugins: [tokmeterWebBuild],
  logLevel: 'warning',
});
const script = result.outputFiles[0].text;
// An inline script ends at the first `</script`; esbuild escapes it in strings, and this checks.
if (/<\/script/i.test(script)) throw new Error('build-site: the bundle contains "</script"; it cannot be inlined');

const template = readFileSync(join(root, 'site', 'index.html'), 'utf8');
const style = readFileSync(join(root, 'site', 'style.css'), 'utf8');
const page = fill(fill(template, '/* STYLE */', style.trim()), '/* SCRIPT */', script.trim());

mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, page);
console.log(`build-site: wrote site/dist/index.html (${(Buffer.byteLength(page) / 1024 / 1024).toFixed(2)} MB, tokmeter ${version})`);

/** `text` with its one `marker` replaced by `content` (taken literally, `$` included). */
function fill(text, marker, content) {
  const at = text.indexOf(marker);
  if (at === -1 || text.indexOf(marker, at + 1) !== -1) throw new Error(`build-site: site/index.html must hold ${marker} once`);
  return text.slice(0, at) + content + text.slice(at + marker.length);
}
