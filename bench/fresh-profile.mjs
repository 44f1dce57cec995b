#!/usr/bin/env node
// Where tokmeter's time goes on fresh text, per corpus: a CPU profile of the measured slice of
// `bench/`'s fresh mode, summed into the parts of the encode path.
//
//   node bench/fresh-profile.mjs [--runs=6] [--interval=25] [--dir=.] [CORPORA]   e.g. english,code
//
// --dir is a checkout with dist/ built (`npx tsup`); CORPORA are names of bench/corpora (run `npm run
// bench` once to cache their slices), all nine when left out. Each run starts one process per corpus
// (lib/fresh-profile-child.mjs) that does what lib/fresh-child.mjs does — load, count the warm-up
// slice, a full GC, one count of each document of the measured slice — with V8's sampling profiler
// on from before the import (so that code V8 inlines is still named by its own function), keeping
// only the samples of the measured slice. Prints a Markdown table: the slice's milliseconds under
// the profiler (median of the runs; the profiler adds some 20–40%), then each part's share of the
// sampled time (summed over the runs), and the functions with the most self time.
// Not part of `npm run bench`: a tool for finding what to make faster.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const options = Object.fromEntries(
  process.argv
    .slice(2)
    .filter((arg) => arg.startsWith('--'))
    .map((arg) => arg.slice(2).split('=')),
);
const named = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
const manifest = JSON.parse(readFileSync(new URL('./corpora/cache/manifest.json', import.meta.url), 'utf8'));
const corpora = named?.split(',') ?? manifest.corpora.filter((c) => c.fresh).map((c) => c.name);
const runs = Number(options.runs ?? 6);
const interval = Number(options.interval ?? 25);
const dir = resolve(options.dir ?? '.');
const child = fileURLToPath(new URL('./lib/fresh-profile-child.mjs', import.meta.url));

/** The parts of the encode path, by the names of the functions that do them (self time). */
const PARTS = [
  ['byte loop', 'the WebAssembly loop: cuts ASCII and two-byte words, answers them from ShortPieces and PieceCounts', [/^wasm-function/, /^wasm-to-js/, /^js-to-wasm/]],
  [
    'scan',
    'cutting in JavaScript: the scanners, the rules interpreter, the unit and wide loops, the windows',
    ['encodeInto', 'write', 'ucs2Write', 'mostlyAscii', 'encodeWindows', 'encodeWide', 'encodeUnits', 'encodeOrdinary', '#ordinary', '#run', 'count', 'countWindow', 'encodeInKernel', 'otherPiece', 'setPieceEnd', 'utf8Length', /^nextPiece/, /^wide/, /^ascii(?!Piece$)/, /End$/, /^match/, /Class/, /^classAt$/, 'wordEndsBefore', 'startsRest', /^compiled/, /O200k$/, /Cl100k$/, /Gpt2$/, 'stepBack', 'copy'],
  ],
  ['memo lookups', 'the byte loop\'s callbacks and the memo: hash, probe, compare, answer', ['asciiPiece', 'widePiece', 'find', 'findAscii', 'findWide', '#sameBytes', '#sameUnits', '#sameWide', 'answer', 'hashAscii', 'hashUnits', 'hashWide', 'get', 'pushTokens', 'countAnswers', 'slotIndex', 'shortSlot']],
  [
    'first sighting',
    'tokenizing a piece no cache answered: UTF-8, whole-piece lookup, merge, pair lookups',
    ['learnPiece', 'tokenizePiece', 'encodeUtf8', 'rankOf', 'rankOfHashed', 'equals', 'hashBytes', 'mergePiece', 'mergeBytePairs', 'mergeByScan', 'mergeWithHeap', 'mergeLongPiece', 'join', 'bytePair', 'heapPush', 'heapPop', 'get pairs', 'isValidPair', 'seam', 'place', 'pairHash', 'pairSlot'],
  ],
  ['inserts', 'remembering it: PieceMemo and ShortPieces inserts', ['add', '#freeSlot', '#reset', '#put', '#waryOffers']],
  ['growth', 'PieceMemo and ShortPieces doubling their tables and arenas (mostly the first touch of the new memory)', ['#grow', '#reserve']],
];
const partOf = (name) => PARTS.find(([, , names]) => names.some((m) => (typeof m === 'string' ? m === name : m.test(name))))?.[0] ?? 'rest';
const columns = [...PARTS.map(([part]) => part), 'rest'];

const results = {};
for (let r = 0; r < runs; r++) {
  for (const corpus of corpora) {
    const out = execFileSync(process.execPath, ['--expose-gc', child, dir, corpus, String(interval)], { encoding: 'utf8', maxBuffer: 1 << 26 });
    (results[corpus] ??= []).push(JSON.parse(out));
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
console.log(`${dir}, ${runs} processes a corpus, sampling every ${interval} µs; load ${loadavg()[0].toFixed(2)}\n`);
console.log(`| corpus | ms | ${columns.join(' | ')} | most self time (ms a process) |`);
console.log(`| --- | ---: | ${columns.map(() => '---:').join(' | ')} | --- |`);
for (const [corpus, list] of Object.entries(results)) {
  const parts = Object.fromEntries(columns.map((part) => [part, 0]));
  const self = new Map();
  let total = 0;
  for (const run of list) {
    for (const [name, ms] of Object.entries(run.self)) {
      parts[partOf(name)] += ms;
      self.set(name, (self.get(name) ?? 0) + ms);
      total += ms;
    }
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([name, ms]) => `${name} ${(ms / list.length).toFixed(1)}`);
  console.log(`| ${corpus} | ${median(list.map((run) => run.ms)).toFixed(0)} | ${columns.map((part) => `${Math.round((100 * parts[part]) / total)}%`).join(' | ')} | ${top.join(', ')} |`);
}
console.log('');
for (const [part, what] of PARTS) console.log(`${part}: ${what}`);
console.log('rest: everything else (GC, the harness)');
