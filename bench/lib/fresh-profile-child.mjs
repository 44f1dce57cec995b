// Child of bench/fresh-profile.mjs: `node --expose-gc lib/fresh-profile-child.mjs DIR CORPUS INTERVAL_US`.
// As lib/fresh-child.mjs — load DIR/dist/index.js, count the corpus's warm-up slice, a full GC, one
// count of each document of the measured slice — with the sampling profiler running from before the
// import: V8 then keeps the source positions that name inlined functions in the code it compiles.
// The warm-up's samples are dropped (the profiler is restarted after it). Prints one JSON line: the
// measured slice's milliseconds and the self time of each function in it.
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { pathToFileURL } from 'node:url';
import { loadFreshSlices } from '../corpora/build.mjs';

const [dir, corpusName, interval] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(new URL('../corpora/cache/manifest.json', import.meta.url), 'utf8'));
const entry = manifest.corpora.find((c) => c.name === corpusName);
if (!entry?.fresh) throw new Error(`fresh-profile: no fresh-text slices cached for a corpus named "${corpusName}"; run npm run bench once`);
const { warmup, measured } = loadFreshSlices(entry);
performance.now();
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: Number(interval) });
await session.post('Profiler.start');
const encoding = (await import(pathToFileURL(`${dir}/dist/index.js`).href)).getEncoding('o200k_base');
for (const doc of warmup) encoding.count(doc);
await session.post('Profiler.stop');
globalThis.gc();
await session.post('Profiler.start');
const micros = () => Number(process.hrtime.bigint() / 1000n);
const from = micros();
const start = performance.now();
for (const doc of measured) encoding.count(doc);
const ms = performance.now() - start;
const to = micros();
const { profile } = await session.post('Profiler.stop');

// A sample stands for the time since the one before; only what falls in [from, to) is counted.
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = {};
let at = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  const before = at;
  at += profile.timeDeltas[i];
  const span = Math.min(at, to) - Math.max(before, from);
  if (span <= 0) continue;
  const name = byId.get(profile.samples[i]).callFrame.functionName || '(anonymous)';
  self[name] = (self[name] ?? 0) + span / 1000;
}
process.stdout.write(`${JSON.stringify({ corpus: corpusName, ms, self })}\n`);
