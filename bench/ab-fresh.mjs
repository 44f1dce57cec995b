#!/usr/bin/env node
// A/B of two builds of tokmeter on fresh text, for a change to the core:
//
//   node bench/ab-fresh.mjs ROUNDS CORPORA DIR_A DIR_B      e.g. 6 english,code,russian ../a ../b
//
// DIR_A and DIR_B are checkouts with dist/ built (`git worktree add ../b HEAD`, edit, `npx tsup`);
// CORPORA are names of bench/corpora (run `npm run bench` once to cache their slices). Each round
// starts one process per corpus in which both builds count the same never-seen documents in turn
// (lib/ab-fresh-child.mjs), so load on a shared machine falls on both alike. Prints, per corpus,
// each build's median MB/s and B ÷ A by wall clock and by CPU time (median and quartiles of the
// rounds), and whether both counted the same tokens. Not part of `npm run bench`: a tool for
// deciding a change, whose figures the commit message then quotes.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const [rounds, corpora, ...dirs] = process.argv.slice(2);
if (!(Number(rounds) >= 1) || corpora === undefined || dirs.length !== 2) {
  console.error('usage: node bench/ab-fresh.mjs ROUNDS CORPORA DIR_A DIR_B');
  process.exit(2);
}
const child = fileURLToPath(new URL('./lib/ab-fresh-child.mjs', import.meta.url));
const runs = {};
for (let r = 0; r < Number(rounds); r++) {
  for (const corpus of corpora.split(',')) {
    const order = r % 2 === 0 ? dirs : [...dirs].reverse();
    const result = JSON.parse(execFileSync(process.execPath, ['--expose-gc', child, corpus, ...order], { encoding: 'utf8' }));
    const byDir = (values) => Object.fromEntries(order.map((dir, i) => [dir, values[i]]));
    (runs[corpus] ??= []).push({ wall: byDir(result.mbs), cpu: byDir(result.cpuMbs), tokens: result.tokens });
  }
}
const sorted = (values) => [...values].sort((a, b) => a - b);
const median = (values) => sorted(values)[values.length >> 1];
const spread = (values) => `${sorted(values)[Math.floor(values.length / 4)].toFixed(3)}–${sorted(values)[Math.floor((3 * values.length) / 4)].toFixed(3)}`;
const [a, b] = dirs;
for (const [corpus, list] of Object.entries(runs)) {
  const wall = list.map((run) => run.wall[b] / run.wall[a]);
  const cpu = list.map((run) => run.cpu[b] / run.cpu[a]);
  const figures = dirs.map((dir) => `${dir.split('/').pop()} ${median(list.map((run) => run.wall[dir])).toFixed(1)} MB/s`).join(', ');
  const same = list.every((run) => new Set(run.tokens).size === 1);
  console.log(`${corpus}: ${figures}; B/A ${median(wall).toFixed(3)} (${spread(wall)}), CPU ${median(cpu).toFixed(3)} (${spread(cpu)}), n=${list.length}; tokens equal: ${same}; load ${loadavg()[0].toFixed(2)}`);
}
