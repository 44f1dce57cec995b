#!/usr/bin/env node
// Cold start of built checkouts of tokmeter, each sample a fresh process, for deciding a change:
//
//   node bench/cold-start-ab.mjs ROUNDS DIR [DIR ...]      e.g. 20 /tmp/wt-a /tmp/wt-b
//
// Each DIR is a checkout with dist/ built (`git worktree add /tmp/wt-b HEAD`, edit, `npx tsup`).
// A round starts one `node --expose-gc` per DIR, in an order that rotates from round to round, so
// load on a shared machine falls on every build alike. In the child the clock starts right before
// `import()` of DIR/dist/index.js and stops after `getEncoding('o200k_base')` has counted the
// 75-byte message of bench/corpora/message.mjs (as bench/lib/cold-start-child.mjs, whose figure
// README quotes); the child also times the three steps apart, takes the process's CPU time over
// the whole (all threads: V8 compiles and collects on helpers too) and reports heap + array
// buffers after a full GC. Prints, per DIR, min and median of each figure. Not part of `npm run bench`.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MESSAGE = 'Hi! Can you summarise this thread in three bullets and flag any deadlines?\n';

if (process.argv[2] === '--child') {
  const entry = pathToFileURL(join(process.argv[3], 'dist', 'index.js')).href;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const { getEncoding } = await import(entry);
  const imported = performance.now();
  const encoding = getEncoding('o200k_base');
  const loaded = performance.now();
  const tokens = encoding.count(MESSAGE);
  const end = performance.now();
  const cpu = process.cpuUsage(cpuStart);
  globalThis.gc();
  const memory = process.memoryUsage();
  const figures = { total: end - start, import: imported - start, load: loaded - imported, count: end - loaded, cpu: (cpu.user + cpu.system) / 1000, sinceStart: end, afterGcMB: (memory.heapUsed + memory.arrayBuffers) / 1e6 };
  process.stdout.write(JSON.stringify({ tokens, figures }));
} else {
  const [rounds, ...dirs] = process.argv.slice(2);
  if (!(Number(rounds) >= 1) || dirs.length === 0) {
    console.error('usage: node bench/cold-start-ab.mjs ROUNDS DIR [DIR ...]');
    process.exit(2);
  }
  const self = fileURLToPath(import.meta.url);
  const samples = Object.fromEntries(dirs.map((dir) => [dir, []]));
  const tokens = new Set();
  const loadBefore = loadavg()[0];
  for (let round = 0; round < Number(rounds); round++) {
    const order = dirs.map((_, i) => dirs[(i + round) % dirs.length]);
    for (const dir of order) {
      const result = JSON.parse(execFileSync(process.execPath, ['--expose-gc', self, '--child', dir], { encoding: 'utf8' }));
      tokens.add(result.tokens);
      samples[dir].push(result.figures);
    }
  }
  const sorted = (values) => [...values].sort((a, b) => a - b);
  const median = (values) => sorted(values)[values.length >> 1];
  for (const [dir, list] of Object.entries(samples)) {
    const figure = (key) => `${key} ${Math.min(...list.map((s) => s[key])).toFixed(1)}/${median(list.map((s) => s[key])).toFixed(1)}`;
    console.log(`${dir}: ${['total', 'import', 'load', 'count', 'cpu', 'sinceStart'].map(figure).join(', ')} ms (min/median); after GC ${median(list.map((s) => s.afterGcMB)).toFixed(2)} MB; n=${list.length}`);
  }
  console.log(`tokens ${[...tokens].join(', ')}; load ${loadBefore.toFixed(2)} → ${loadavg()[0].toFixed(2)}`);
}
