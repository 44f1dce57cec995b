// Child of bench/ab-fresh.mjs: one process, several builds of tokmeter (each `<dir>/dist/index.js`,
// its own caches). Every build counts the corpus's warm-up slice, then each document of the measured
// slice is counted by every build in turn (the order rotating per document), so each meets every
// measured document fresh and the machine's load falls on all of them alike. Prints one JSON line:
// MB/s by wall clock and by CPU time, per build, and the tokens each counted.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadFreshSlices } from '../corpora/build.mjs';

const [corpusName, ...dirs] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(new URL('../corpora/cache/manifest.json', import.meta.url), 'utf8'));
const entry = manifest.corpora.find((c) => c.name === corpusName);
if (!entry?.fresh) throw new Error(`ab-fresh: no fresh-text slices cached for a corpus named "${corpusName}"; run npm run bench once`);
const { warmup, measured } = loadFreshSlices(entry);
const encodings = [];
for (const dir of dirs) encodings.push((await import(pathToFileURL(`${dir}/dist/index.js`).href)).getEncoding('o200k_base'));
for (let i = 0; i < warmup.length; i++) for (let k = 0; k < encodings.length; k++) encodings[(i + k) % encodings.length].count(warmup[i]);
globalThis.gc();
const wall = encodings.map(() => 0);
const cpu = encodings.map(() => 0);
const tokens = encodings.map(() => 0);
for (let i = 0; i < measured.length; i++) {
  for (let k = 0; k < encodings.length; k++) {
    const e = (i + k) % encodings.length;
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    tokens[e] += encodings[e].count(measured[i]);
    wall[e] += performance.now() - start;
    const used = process.cpuUsage(cpuStart);
    cpu[e] += (used.user + used.system) / 1000;
  }
}
const mbs = (ms) => entry.fresh.measuredBytes / 1e3 / ms;
process.stdout.write(`${JSON.stringify({ corpus: corpusName, mbs: wall.map(mbs), cpuMbs: cpu.map(mbs), tokens })}\n`);
