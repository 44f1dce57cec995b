// Child process for the fresh-text figure: `node --expose-gc lib/fresh-child.mjs <library> <corpus>`.
// Text a process has never seen, as a user who counts each document once meets it: the library is
// loaded, counts every document of the corpus's warm-up slice once (so the JIT has compiled its hot
// paths; this pass is timed too, as the cold first pass), then, after a full GC, the clock covers one
// count of each document of the measured slice, which shares no document with the warm-up slice.
// Prints one JSON line.
import { readFileSync } from 'node:fs';
import { adapterByName } from '../adapters/index.mjs';
import { loadFreshSlices } from '../corpora/build.mjs';

const [name, corpusName] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(new URL('../corpora/cache/manifest.json', import.meta.url), 'utf8'));
const entry = manifest.corpora.find((c) => c.name === corpusName);
if (!entry?.fresh) throw new Error(`tokmeter bench: no fresh-text slices cached for a corpus named "${corpusName}"`);
const { warmup, measured } = loadFreshSlices(entry);

const loadStart = performance.now();
const lib = await adapterByName(name).load();
const loadMs = performance.now() - loadStart;

/** One count of each document, in order: elapsed milliseconds and the tokens counted. */
function countEach(docs) {
  let tokens = 0;
  const start = performance.now();
  for (let i = 0; i < docs.length; i++) tokens += lib.count(docs[i]);
  return { ms: performance.now() - start, tokens };
}

const warm = countEach(warmup);
globalThis.gc();
const timed = countEach(measured);
process.stdout.write(
  JSON.stringify({
    library: name,
    corpus: corpusName,
    loadMs,
    warmup: { ms: warm.ms, bytes: entry.fresh.warmupBytes, docs: warmup.length, tokens: warm.tokens },
    measured: { ms: timed.ms, bytes: entry.fresh.measuredBytes, docs: measured.length, tokens: timed.tokens },
  }) + '\n',
);
