#!/usr/bin/env node
// How long the playground page (site/dist/index.html) takes to show the counts of a 1 MB paste, in
// headless Chromium: English prose, Chinese poetry and emoji-heavy JSON, every paste text the page
// has never seen. Prints a table; asserts nothing (speed goals are read, not tested).
//
//   npm run build && npm run build:site
//   node bench/playground-paste.mjs [--pastes=7] [--bytes=1000000] [--encoding=gpt-4o] [--page=path] [--compare=path]
//
// --page times another build of the page; --compare times a second one beside it (an older
// commit's, for a before/after), each text pasted into both, in turns. A path may end in a query
// the page reads, e.g. `site/dist/index.html?workers=0` (count on the page's thread only).
//
// Each paste is a real one: the text put on the clipboard, then Ctrl+V in the emptied text box
// once the page has gone quiet (Chromium inserts it and sends one `input` event, insertFromPaste). Times run from the
// `input` event (a capturing listener on window, which runs before the page's own) to:
//   count  — the token count and the character count both in the DOM (a MutationObserver, which
//            fires when the task that wrote them ends: the earliest a frame could show them). The
//            page writes the character count at once and, when its workers count a paste, the
//            token count only when every block is in (till then it keeps the old number and is
//            aria-busy), so this is when the final count is in the DOM, whoever counted it;
//   spans  — the token spans drawn;
//   frame  — the end of the first frame rendered with the count in it (a task posted from that
//            frame's requestAnimationFrame): when the count is on screen. It includes the browser
//            laying out the megabyte in the text box, which the page does not control.
// The first paste of each kind warms the JIT and is reported on its own ("cold"); the figures are
// the medians of the other pastes. Last, seven keys are typed one by one in the middle of the
// last megabyte pasted: from each one's input event to the count written. Before the pastes, each
// page is loaded nine times in a new browser context: its load event, and when its counting
// workers were ready, how long each took to load its encoding, and the page's own thread's time
// starting them (as the page reports them). The texts come from
// bench/'s corpus packages (npm --prefix bench ci); each kind's pastes are distinct slices, and no
// long sentence, poem or record repeats.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transform } from 'esbuild';
import { chromium } from 'playwright-core';
import { cutIntoDocs, Deduplicator, utf8Bytes } from './corpora/text.mjs';

const benchRoot = dirname(fileURLToPath(import.meta.url));
const root = join(benchRoot, '..');
const args = Object.fromEntries(process.argv.slice(2).map((arg) => /^--([\w-]+)=(.*)$/.exec(arg)?.slice(1) ?? [arg, '']));
/** A page to time: its file and the query its URL gets (`?workers=0`), if any. */
const pages = [args.page ?? join(root, 'site', 'dist', 'index.html'), ...(args.compare ? [args.compare] : [])].map((page) => {
  const at = page.indexOf('?');
  return at === -1 ? { file: page, query: '' } : { file: page.slice(0, at), query: page.slice(at) };
});
const pageUrl = (page) => pathToFileURL(page.file).href + page.query;
const pageName = (page) => page.file.replace(`${root}/`, '') + page.query;
const packageDir = (name) => join(benchRoot, 'node_modules', name);
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const PASTES = Number(args.pastes ?? 7);
const BYTES = Number(args.bytes ?? 1_000_000);
const CHOICE = args.encoding ?? 'gpt-4o';
/** Times each page is loaded, in turns, before the pastes. */
const LOADS = 9;

for (const [path, fix] of [
  ...pages.map((page) => [page.file, 'npm run build && npm run build:site']),
  [join(root, 'dist', 'index.js'), 'npm run build'],
  [packageDir('nlp-corpus'), 'npm --prefix bench ci'],
]) {
  if (!existsSync(path)) {
    console.error(`playground-paste: ${path.replace(`${root}/`, '')} is missing; run \`${fix}\` first.`);
    process.exit(1);
  }
}

/** The Chromium the browser tests drive (test/runtimes/chromium.ts, compiled here: Node 20 runs no TypeScript). */
async function findChromium() {
  const source = readFileSync(join(root, 'test', 'runtimes', 'chromium.ts'), 'utf8');
  const { code } = await transform(source, { loader: 'ts', format: 'esm' });
  const module = await import(`data:text/javascript,${encodeURIComponent(code)}`);
  return module.findChromium();
}

/** `count` texts of about `BYTES` UTF-8 bytes each from `text`, cut at a line break or space. */
function pastes(text, count, what) {
  const docs = cutIntoDocs(text, BYTES).filter((doc) => utf8Bytes(doc) > BYTES * 0.9);
  if (docs.length < count) throw new Error(`playground-paste: ${what} gives ${docs.length} pastes of ~${BYTES} bytes, not ${count}`);
  return docs.slice(0, count);
}

/** English prose: nlp-corpus sentences, each long one once, five to a paragraph. */
function english(count) {
  const builds = join(packageDir('nlp-corpus'), 'builds');
  const files = readdirSync(builds).filter((f) => /^doc-\d+\.json$/.test(f)).sort((a, b) => Number(a.match(/\d+/)[0]) - Number(b.match(/\d+/)[0]));
  const unique = new Deduplicator();
  const paragraphs = [];
  for (const file of files) {
    const sentences = unique.keep(readJson(join(builds, file)));
    for (let i = 0; i < sentences.length; i += 5) paragraphs.push(sentences.slice(i, i + 5).join(' '));
  }
  return pastes(paragraphs.join('\n\n'), count, 'nlp-corpus');
}

/** Chinese poetry: Tang shi from chinese-poetry, title, author and one line per couplet, each poem once. */
function chinese(count) {
  const dir = join(packageDir('chinese-poetry'), 'dist', 'quantangshi');
  const files = readdirSync(dir).filter((f) => /^poet\.tang\.\d+\.json$/.test(f)).sort((a, b) => Number(a.match(/\d+/)[0]) - Number(b.match(/\d+/)[0]));
  const unique = new Deduplicator(1);
  const poems = [];
  for (const file of files) {
    for (const poem of readJson(join(dir, file))) {
      if (!Array.isArray(poem.paragraphs) || unique.keep([poem.paragraphs.join('')]).length === 0) continue;
      poems.push(`${poem.title}\n${poem.author}\n${poem.paragraphs.join('\n')}`);
    }
    if (utf8Bytes(poems.join('\n\n')) > BYTES * (count + 1)) break;
  }
  return pastes(poems.join('\n\n'), count, 'chinese-poetry');
}

/** Emoji-heavy JSON: emojibase-data's dataset of one locale after another (CJK and other scripts first), as its files hold it. */
function emoji(count) {
  const locales = ['ja', 'zh', 'ko', 'zh-hant', 'th', 'ru', 'hi', 'uk', 'bn', 'vi', 'en', 'de', 'fr', 'es'];
  const dir = packageDir('emojibase-data');
  const files = locales.filter((locale) => existsSync(join(dir, locale, 'data.json'))).map((locale) => readFileSync(join(dir, locale, 'data.json'), 'utf8'));
  return pastes(files.join('\n'), count, 'emojibase-data');
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value) => (value < 10 ? value.toFixed(1) : value.toFixed(0));

/**
 * Pastes `text` into the page's text box and resolves with the times (ms from the input event) at
 * which the count, the spans and the next frame were there, and what the page shows.
 */
async function paste(tab, text) {
  // Empty the box, then let the page finish whatever it deferred.
  await tab.getByTestId('input').fill('');
  await tab.waitForTimeout(400);
  await tab.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await tab.evaluate(() => {
    const box = document.querySelector('[data-testid="input"]');
    const count = document.querySelector('[data-testid="token-count"]');
    const characters = document.querySelector('[data-testid="char-count"]');
    const tokens = document.querySelector('[data-testid="tokens"]');
    const before = { count: count.textContent, characters: characters.textContent };
    globalThis.__paste = new Promise((done, fail) => {
      const times = {};
      let start;
      const timer = setTimeout(() => fail(new Error(`timed out: ${JSON.stringify(times)}`)), 60_000);
      const finish = () => {
        if (times.count === undefined || times.spans === undefined || times.frame === undefined) return;
        clearTimeout(timer);
        done({ times, shown: count.textContent, characters: characters.textContent, drawn: tokens.childElementCount, pageMs: Number(count.dataset.ms), by: count.dataset.by ?? 'page' });
      };
      // The first frame that starts with the count in the page: its rendering is over when a task
      // posted from its requestAnimationFrame runs. Asked for here, before the page's own handler
      // runs, so that this task comes before any the page posts from the same frame.
      const onFrame = () => {
        if (times.count === undefined) requestAnimationFrame(onFrame);
        else
          setTimeout(() => {
            times.frame = performance.now() - start;
            finish();
          }, 0);
      };
      window.addEventListener(
        'input',
        (event) => {
          if (event.target !== box || start !== undefined) return;
          start = performance.now();
          requestAnimationFrame(onFrame);
        },
        { capture: true },
      );
      new MutationObserver((_, observer) => {
        if (start === undefined || times.count !== undefined) return;
        if (count.textContent === before.count || characters.textContent === before.characters || count.hasAttribute('aria-busy')) return;
        times.count = performance.now() - start;
        observer.disconnect();
      }).observe(document.getElementById('stats'), { childList: true, characterData: true, subtree: true });
      new MutationObserver((_, observer) => {
        if (start === undefined || tokens.childElementCount === 0) return;
        times.spans = performance.now() - start;
        observer.disconnect();
        finish();
      }).observe(tokens, { childList: true });
    });
  });
  await tab.evaluate((value) => navigator.clipboard.writeText(value), text);
  await tab.getByTestId('input').focus();
  await tab.keyboard.press('ControlOrMeta+V');
  return tab.evaluate(() => globalThis.__paste);
}

const { getEncoding, encodingNameForModel } = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
const encoding = getEncoding(/_/.test(CHOICE) ? CHOICE : encodingNameForModel(CHOICE));
const executable = await findChromium();
if (executable === null) {
  console.error('playground-paste: no chromium on PATH (apt-get install chromium)');
  process.exit(1);
}
const version = execFileSync(executable, ['--version'], { encoding: 'utf8' }).trim();
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const dirty = execFileSync('git', ['status', '--porcelain', '--', 'site'], { cwd: root, encoding: 'utf8' }).trim() !== '';
const loadBefore = loadavg();

const kinds = [
  { name: 'English prose', source: 'nlp-corpus', texts: english(PASTES) },
  { name: 'Chinese poetry', source: 'chinese-poetry, Tang shi', texts: chinese(PASTES) },
  { name: 'emoji JSON', source: 'emojibase-data, locales in turn', texts: emoji(PASTES) },
];

/** Types `keys` one by one in the middle of the text; resolves with the ms from each input event to the count written. */
async function typeInMiddle(tab, keys) {
  await tab.evaluate(() => {
    const box = document.querySelector('[data-testid="input"]');
    const times = (globalThis.__typing = []);
    let start;
    window.addEventListener('input', (event) => event.target === box && (start = performance.now()), { capture: true });
    // Writing the count replaces its text node even when the number is the same, so each keystroke shows here.
    new MutationObserver(() => start !== undefined && (times.push(performance.now() - start), (start = undefined))).observe(
      document.querySelector('[data-testid="token-count"]'),
      { childList: true, characterData: true, subtree: true },
    );
    box.focus();
    box.setSelectionRange(box.value.length >> 1, box.value.length >> 1);
  });
  await tab.keyboard.type(keys, { delay: 100 });
  await tab.waitForTimeout(300);
  return tab.evaluate(() => globalThis.__typing);
}

const browser = await chromium.launch({ executablePath: executable, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const results = pages.map((page) => ({ page, rows: [], loads: [] }));
/** Loads `page` in a new context; resolves with its load event, its workers' readiness and their start's cost on its thread (ms). */
async function load(page) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const tab = await context.newPage();
    await tab.goto(pageUrl(page));
    await tab.waitForFunction(() => ['ready', 'off', 'failed', undefined].includes(document.documentElement.dataset.pool) && document.readyState === 'complete', null, { timeout: 30_000 });
    await tab.waitForTimeout(1_000);
    return await tab.evaluate(() => {
      const root = document.documentElement.dataset;
      return {
        load: performance.getEntriesByType('navigation')[0].loadEventEnd,
        workers: Number(root.poolWorkers ?? 0),
        ready: root.poolReadyAt === undefined ? NaN : Number(root.poolReadyAt),
        start: root.poolStartMs === undefined ? NaN : Number(root.poolStartMs),
        warm: root.poolWarmMs === undefined ? NaN : Number(root.poolWarmMs),
      };
    });
  } finally {
    await context.close();
  }
}
try {
  for (let n = 0; n < LOADS; n++) for (const result of results) result.loads.push(await load(result.page));
  const errors = [];
  const tabs = [];
  for (const page of pages) {
    // A context of its own: two pages in one renderer would share its thread and heap.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const tab = await context.newPage();
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(pageUrl(page));
    // The workers start when the page is idle after loading; a paste before they are ready is counted on the page's thread.
    await tab.waitForTimeout(1_000);
    await tab.waitForFunction(() => document.documentElement.dataset.pool !== 'starting', null, { timeout: 30_000 });
    await tab.getByTestId('model').selectOption(CHOICE);
    tabs.push(tab);
  }
  for (const kind of kinds) {
    const samples = pages.map(() => []);
    for (const [n, text] of kind.texts.entries()) {
      const expected = encoding.count(text);
      // Each text goes to every page (each has its own caches, so it is fresh to each), in turns.
      for (let k = 0; k < tabs.length; k++) {
        const which = (n + k) % tabs.length;
        const result = await paste(tabs[which], text);
        const shown = Number(result.shown.replaceAll(',', ''));
        const characters = Number(result.characters.replaceAll(',', ''));
        if (shown !== expected || characters !== [...text].length) {
          throw new Error(`playground-paste: ${kind.name}: the page shows ${result.shown} tokens and ${result.characters} characters; tokmeter counts ${expected} and ${[...text].length}`);
        }
        samples[which].push({ ...result.times, drawn: result.drawn, tokens: expected, bytes: utf8Bytes(text), by: result.by });
        const label = pages.length > 1 ? ` [${pageName(pages[which])}]` : '';
        process.stderr.write(`${kind.name}${label}: ${ms(result.times.count)} ms count by the ${result.by} (page's own clock ${ms(result.pageMs)}), ${ms(result.times.spans)} ms spans, ${ms(result.times.frame)} ms frame (${expected} tokens)\n`);
      }
    }
    for (const [which, tab] of tabs.entries()) {
      const typing = await typeInMiddle(tab, 'tokens!');
      const [cold, ...timed] = samples[which];
      const pick = (key) => timed.map((sample) => sample[key]);
      results[which].rows.push({
        kind,
        bytes: median(pick('bytes')),
        tokens: median(pick('tokens')),
        count: median(pick('count')),
        countRange: [Math.min(...pick('count')), Math.max(...pick('count'))],
        spans: median(pick('spans')),
        frame: median(pick('frame')),
        cold: cold.count,
        drawn: median(pick('drawn')),
        by: [...new Set(pick('by'))].join(' + '),
        typing: typing.length > 0 ? median(typing) : NaN,
      });
    }
    if (errors.length > 0) throw new Error(`playground-paste: a page threw: ${errors.join('; ')}`);
  }
} finally {
  await browser.close();
}

const loadAfter = loadavg();
const mbps = (row) => (row.bytes / 1e6 / (row.count / 1000)).toFixed(1);
console.log(`playground paste: ${CHOICE} (${encoding.name}), ${PASTES - 1} timed pastes of ~${BYTES.toLocaleString('en-US')} bytes per kind after one cold paste`);
// The working tree's commit says what was measured only for the page built from it.
const built = args.page === undefined ? `; site/dist built at commit ${commit}${dirty ? ' + uncommitted site/' : ''}` : '';
console.log(`${version}; ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; Node ${process.version}${built}; ${new Date().toISOString().slice(0, 10)}`);
console.log(`load average ${loadBefore.map((v) => v.toFixed(2)).join(' / ')} at start, ${loadAfter.map((v) => v.toFixed(2)).join(' / ')} at end`);
for (const { page, rows, loads } of results) {
  const pick = (key) => loads.map((load) => load[key]).filter((value) => !Number.isNaN(value));
  const workers = Math.max(...pick('workers'));
  const bytes = statSync(page.file).size;
  console.log(`\n${pageName(page)}: ${(bytes / 1024 / 1024).toFixed(2)} MB (${bytes.toLocaleString('en-US')} bytes)`);
  console.log(
    `loaded (load event) in ${ms(median(pick('load')))} ms, median of ${loads.length}; ` +
      (workers > 0
        ? `${workers} counting worker${workers > 1 ? 's' : ''} ready at ${ms(median(pick('ready')))} ms (each loading its encoding and counting a first text in ${ms(median(pick('warm')))} ms of its own), starting them took the page's thread ${ms(median(pick('start')))} ms`
        : 'no counting workers'),
  );
  console.log('');
  console.log('| text | bytes | tokens | counted by | count shown, median (min–max) | as MB/s | on screen (next frame) | spans drawn | cold paste: count | a keystroke in it: count shown |');
  console.log('| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    console.log(
      `| ${row.kind.name} (${row.kind.source}) | ${Math.round(row.bytes).toLocaleString('en-US')} | ${Math.round(row.tokens).toLocaleString('en-US')} | ${row.by} | ${ms(row.count)} ms (${ms(row.countRange[0])}–${ms(row.countRange[1])}) | ${mbps(row)} | ${ms(row.frame)} ms | ${ms(row.spans)} ms (${row.drawn}) | ${ms(row.cold)} ms | ${ms(row.typing)} ms |`,
    );
  }
}
