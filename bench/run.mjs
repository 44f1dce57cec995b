// The tokmeter benchmark: every library in one run, rounds interleaved. See README.md.
//
//   node run.mjs            full run (about 12 min on 2 cores): writes RESULTS.md, throughput.svg, results.json
//   node run.mjs --quick    a fast smoke run; writes to corpora/cache/quick/ instead
//   options: --rounds=N (in-process rounds)  --timeout=SECONDS (adversarial, per library and input)
//            --fresh-runs=N (fresh-text processes per library and corpus; the median is reported)
//            --cold-runs=N (cold-start processes per library; min and median are reported)
//            --adversarial-runs=N (processes per library and input; the median is reported)
//            --skip=throughput,latency,cold,fresh,adversarial (for working on the bench itself)
//            --render  rewrite RESULTS.md and throughput.svg from results.json without measuring
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adapters, REFERENCE } from './adapters/index.mjs';
import { buildCorpora, loadAdversarial, loadCorpus } from './corpora/build.mjs';
import { cutIntoDocs } from './corpora/text.mjs';
import { SHORT_MESSAGE } from './corpora/message.mjs';
import { runAdversarial, runColdStart, runFresh } from './lib/children.mjs';
import { ADVERSARIAL_PREFIX_BYTES, checkCorpus, checkText, checkTraps } from './lib/correctness.mjs';
import { latency, median, rotate, sinkValue, throughput } from './lib/measure.mjs';
import { renderChart } from './lib/chart.mjs';
import { renderResults } from './lib/report.mjs';
import { installedSize, tokmeterInstalledSize } from './lib/size.mjs';
import { snapshotTokmeter, tokmeterPackageDir } from './lib/tokmeter-package.mjs';

const benchRoot = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(benchRoot, '..');

// ---------------------------------------------------------------------------------------------- options
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const found = args.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
};
const positiveInteger = (name, fallback) => {
  const value = Number(option(name, fallback));
  if (!Number.isInteger(value) || value < 1) throw new Error(`tokmeter bench: --${name} must be a whole number of at least 1`);
  return value;
};
const quick = flag('quick');
const settings = {
  quick,
  rounds: Number(option('rounds', quick ? 2 : 5)),
  throughputMinMs: quick ? 40 : 200,
  latencyMinMs: quick ? 30 : 200,
  coldStartRuns: positiveInteger('cold-runs', quick ? 5 : 20),
  freshRuns: positiveInteger('fresh-runs', quick ? 2 : 7),
  adversarialTimeoutMs: Number(option('timeout', quick ? 5 : 20)) * 1000,
  adversarialRuns: positiveInteger('adversarial-runs', quick ? 1 : 3),
  skip: new Set(option('skip', '').split(',').filter(Boolean)),
};
const outDir = quick ? join(benchRoot, 'corpora', 'cache', 'quick') : benchRoot;
const log = (...parts) => process.stderr.write(`${parts.join(' ')}\n`);

// ---------------------------------------------------------------------------------------------- machine
function machine() {
  let cpu = 'unknown';
  try {
    const line = execFileSync('lscpu', { encoding: 'utf8' }).split('\n').find((l) => l.startsWith('Model name:'));
    if (line) cpu = line.slice('Model name:'.length).trim();
  } catch {}
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {}
  const dist = join(repoRoot, 'dist', 'index.js');
  return {
    cpu,
    cores: availableParallelism(),
    node: process.version,
    date: new Date().toISOString(),
    commit,
    distBuilt: existsSync(dist) ? statSync(dist).mtime.toISOString() : null,
    loadavgStart: loadavg().map((l) => Number(l.toFixed(2))),
  };
}

function writeReports(results) {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'throughput.svg'), renderChart(results));
  writeFileSync(join(outDir, 'RESULTS.md'), renderResults(results));
}

// --render: rewrite RESULTS.md and the chart from the last results.json, measuring nothing.
if (flag('render')) {
  writeReports(JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')));
  log(`rendered ${join(outDir, 'RESULTS.md')} from results.json`);
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------- run
const started = performance.now();
const meta = machine();
const manifest = await buildCorpora();
const corpora = manifest.corpora.map((entry) => ({ ...entry, texts: loadCorpus(entry) }));
log(`tokmeter bench — ${meta.cpu}, ${meta.cores} cores, Node ${meta.node}${quick ? ' (quick)' : ''}`);

// Pack tokmeter first: its adapter (here and in every child process) loads the packed copy.
const tokmeterPack = snapshotTokmeter(repoRoot);
meta.tokmeterPack = tokmeterPack.ok ? tokmeterPack.pack : null;

const libraries = [];
const loaded = new Map();
for (const adapter of adapters) {
  const reason = adapter.name === 'tokmeter' && !tokmeterPack.ok ? tokmeterPack.reason : (adapter.missingReason?.() ?? null);
  const row = { name: adapter.name, label: adapter.label, available: false, reason };
  libraries.push(row);
  if (reason) {
    log(`  ${adapter.name}: missing — ${reason}`);
    continue;
  }
  try {
    loaded.set(adapter.name, await adapter.load());
    row.available = true;
  } catch (error) {
    row.reason = `failed to load: ${error.message}`;
    log(`  ${adapter.name}: ${row.reason}`);
  }
}
const reference = loaded.get(REFERENCE);
if (!reference) throw new Error('tokmeter bench: the reference library (tiktoken) did not load');
const names = [...loaded.keys()];

// Correctness first: it also warms every library up on every corpus before any clock runs.
log('correctness');
const correctness = { corpora: {}, traps: checkTraps(loaded, reference) };
for (const corpus of corpora) {
  const referenceIds = corpus.texts.map((doc) => reference.encode(doc));
  correctness.corpora[corpus.name] = {};
  for (const name of names) correctness.corpora[corpus.name][name] = checkCorpus(loaded.get(name), corpus.texts, referenceIds, reference.decode);
}
// The adversarial inputs are too long for tiktoken at 1 MB (it crashes), so their exactness is
// checked on a prefix every library can finish in-process.
correctness.adversarialPrefixBytes = ADVERSARIAL_PREFIX_BYTES;
correctness.adversarial = {};
for (const input of manifest.adversarial) {
  const prefix = cutIntoDocs(loadAdversarial(input), ADVERSARIAL_PREFIX_BYTES)[0];
  const expected = reference.encode(prefix);
  correctness.adversarial[input.name] = { referenceTokens: expected.length, results: {} };
  for (const name of names) correctness.adversarial[input.name].results[name] = checkText(loaded.get(name), prefix, expected);
}
const usable = (corpusName, name) => !correctness.corpora[corpusName][name].error;

log(`throughput: ${settings.rounds} rounds × ${corpora.length} corpora × ${names.length} libraries × count, encode`);
const throughputResults = { count: {}, encode: {} };
for (const mode of ['count', 'encode']) for (const corpus of corpora) throughputResults[mode][corpus.name] = Object.fromEntries(names.map((n) => [n, { samples: [] }]));
for (let round = 0; round < (settings.skip.has('throughput') ? 0 : settings.rounds); round++) {
  for (const mode of ['count', 'encode']) {
    for (const corpus of corpora) {
      for (const name of rotate(names, round)) {
        if (!usable(corpus.name, name)) continue;
        const fn = loaded.get(name)[mode];
        throughputResults[mode][corpus.name][name].samples.push(throughput(fn, corpus.texts, corpus.bytes, settings.throughputMinMs));
      }
    }
  }
  log(`  round ${round + 1}/${settings.rounds} done (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
for (const mode of Object.values(throughputResults)) for (const perLib of Object.values(mode)) for (const cell of Object.values(perLib)) cell.median = median(cell.samples);

log('latency of the 75-byte message');
const latencyResults = Object.fromEntries(names.map((n) => [n, { samples: [] }]));
for (let round = 0; round < (settings.skip.has('latency') ? 0 : settings.rounds); round++) {
  for (const name of rotate(names, round)) latencyResults[name].samples.push(latency(loaded.get(name).count, SHORT_MESSAGE, settings.latencyMinMs));
}
for (const cell of Object.values(latencyResults)) cell.median = median(cell.samples);

// Cold start as a user meets it: a fresh process per sample, the clock from before the library's
// import() to after its first count of the short message. Libraries rotate from one round to the next.
const coldStart = {};
if (!settings.skip.has('cold')) {
  log(`cold start: ${settings.coldStartRuns} fresh processes per library`);
  const coldNames = ['none', ...names];
  const samples = Object.fromEntries(coldNames.map((n) => [n, []]));
  for (let round = 0; round < settings.coldStartRuns; round++) {
    for (const name of rotate(coldNames, round)) samples[name].push(await runColdStart(name));
  }
  const heapPlusBuffers = (m) => m.heapUsed + m.arrayBuffers;
  for (const [name, list] of Object.entries(samples)) {
    const importAndCount = list.map((s) => s.importAndCountMs);
    const sinceStart = list.map((s) => s.sinceProcessStartMs);
    coldStart[name] = {
      importAndCountMs: median(importAndCount),
      importAndCountMinMs: Math.min(...importAndCount),
      sinceProcessStartMs: median(sinceStart),
      sinceProcessStartMinMs: Math.min(...sinceStart),
      heapPlusBuffers: median(list.map((s) => heapPlusBuffers(s.afterFirstCount))),
      heapPlusBuffersAfterGc: median(list.map((s) => heapPlusBuffers(s.afterGc))),
      rss: median(list.map((s) => s.afterFirstCount.rss)),
      samples: list.length,
      importAndCountSamplesMs: importAndCount,
    };
  }
}

// Fresh text: each library in a new process per sample counts a warm-up slice of the corpus, then is
// timed on a disjoint slice of documents it has never seen. Libraries rotate from round to round.
const fresh = {};
if (!settings.skip.has('fresh')) {
  log(`fresh text: ${settings.freshRuns} rounds × ${corpora.length} corpora × ${names.length} libraries, a new process each`);
  for (const corpus of corpora) fresh[corpus.name] = Object.fromEntries(names.map((n) => [n, { samples: [], warmupSamples: [], loadMs: [], tokens: [] }]));
  for (let round = 0; round < settings.freshRuns; round++) {
    for (const corpus of corpora) {
      for (const name of rotate(names, round)) {
        if (!usable(corpus.name, name)) continue;
        const run = await runFresh(name, corpus.name);
        const cell = fresh[corpus.name][name];
        cell.samples.push(run.measured.bytes / run.measured.ms / 1000);
        cell.warmupSamples.push(run.warmup.bytes / run.warmup.ms / 1000);
        cell.loadMs.push(run.loadMs);
        cell.tokens.push(run.measured.tokens);
      }
    }
    log(`  round ${round + 1}/${settings.freshRuns} done (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  for (const perLib of Object.values(fresh)) {
    const referenceTokens = perLib[REFERENCE]?.tokens[0];
    for (const cell of Object.values(perLib)) {
      cell.median = median(cell.samples);
      cell.warmupMedian = median(cell.warmupSamples);
      const counts = [...new Set(cell.tokens)];
      // The measured slice must give the same count in every run and in every library (tiktoken's is the reference).
      cell.countsAgree = counts.length <= 1 && (referenceTokens === undefined || counts.length === 0 || counts[0] === referenceTokens);
    }
  }
}

log('installed size');
const size = {};
for (const adapter of adapters) {
  if (!loaded.has(adapter.name)) continue;
  size[adapter.name] = adapter.pkg ? installedSize(benchRoot, adapter.pkg) : tokmeterInstalledSize(tokmeterPackageDir);
}

/**
 * The adversarial inputs, in `adversarialRuns` rounds: each round runs every library on every input
 * once, in a fresh process, so that one library's runs of one input are minutes apart rather than
 * back to back (one count of a megabyte is a single sample, and a slow spell on this shared machine
 * moves it by ±25%). The median of a library's runs is reported. A run that times out or crashes
 * ends that library's runs of that input and is what is reported; runs that disagree on the count
 * are reported as an error.
 */
async function runAdversarialRounds() {
  const order = [REFERENCE, ...names.filter((n) => n !== REFERENCE)]; // the reference first, to check the others against
  const cells = new Map(); // `${input}/${library}` → { samples, ended }
  for (let run = 0; run < settings.adversarialRuns; run++) {
    log(`  round ${run + 1}/${settings.adversarialRuns}`);
    for (const input of manifest.adversarial) {
      const file = join(benchRoot, 'corpora', 'cache', input.file);
      for (const name of order) {
        const key = `${input.name}/${name}`;
        if (!cells.has(key)) cells.set(key, { samples: [], ended: null });
        const cell = cells.get(key);
        if (cell.ended) continue;
        const result = await runAdversarial(name, file, settings.adversarialTimeoutMs);
        if (result.state === 'done') cell.samples.push(result);
        else cell.ended = cell.samples.length === 0 ? result : { ...result, earlierRunsMs: cell.samples.map((s) => s.ms) };
        log(`    ${input.name.padEnd(16)} ${name.padEnd(14)} ${result.state === 'done' ? `${result.ms.toFixed(1)} ms` : result.state}`);
      }
    }
  }
  const adversarial = {};
  for (const input of manifest.adversarial) {
    const row = (adversarial[input.name] = { title: input.title, bytes: input.bytes, results: {} });
    for (const name of order) {
      const result = summarizeRuns(cells.get(`${input.name}/${name}`));
      const ref = row.results[REFERENCE];
      if (result.state === 'done' && ref?.state === 'done') result.matchesReference = result.tokens === ref.tokens;
      row.results[name] = result;
    }
  }
  return adversarial;
}

function summarizeRuns({ samples, ended }) {
  if (ended) return ended;
  const counts = new Set(samples.map((s) => s.tokens));
  if (counts.size > 1) return { state: 'error', inconsistent: true, message: `runs disagree on the count: ${[...counts].join(', ')}`, afterMs: null };
  return { state: 'done', ms: median(samples.map((s) => s.ms)), tokens: samples[0].tokens, samplesMs: samples.map((s) => s.ms) };
}

let adversarial = {};
if (!settings.skip.has('adversarial')) {
  log(`adversarial 1 MB inputs (timeout ${settings.adversarialTimeoutMs / 1000} s each)`);
  adversarial = await runAdversarialRounds();
}

meta.loadavgEnd = loadavg().map((l) => Number(l.toFixed(2)));
meta.durationS = Math.round((performance.now() - started) / 1000);
meta.settings = { ...settings, skip: [...settings.skip] };
meta.sink = sinkValue();

const results = { meta, libraries, corpora: manifest.corpora, shortMessage: manifest.shortMessage, correctness, fresh, throughput: throughputResults, latency: latencyResults, coldStart, size, adversarial };
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
writeReports(results);
log(`wrote ${join(outDir, 'RESULTS.md')} in ${meta.durationS} s`);
