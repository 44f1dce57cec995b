// Child process for the first-pass figure: `node lib/first-pass-child.mjs <library> <corpus>`.
// Loads the library and counts the short message once (so loading is not timed), then times one
// count of every document of the corpus, once each, in order: piece caches and the JIT start cold,
// as in a CLI run or a fresh server instance. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { adapterByName } from '../adapters/index.mjs';
import { loadCorpus } from '../corpora/build.mjs';
import { SHORT_MESSAGE } from '../corpora/message.mjs';

const [name, corpusName] = process.argv.slice(2);

/** The corpus as run.mjs prepared and cached it: its manifest entry and documents. */
function cachedCorpus(corpus) {
  const manifest = JSON.parse(readFileSync(new URL('../corpora/cache/manifest.json', import.meta.url), 'utf8'));
  const entry = manifest.corpora.find((c) => c.name === corpus);
  if (!entry) throw new Error(`tokmeter bench: no cached corpus named "${corpus}"`);
  return { ...entry, texts: loadCorpus(entry) };
}

const corpus = cachedCorpus(corpusName);
const lib = await adapterByName(name).load();
lib.count(SHORT_MESSAGE);

let tokens = 0;
const start = performance.now();
for (const doc of corpus.texts) tokens += lib.count(doc);
const ms = performance.now() - start;
process.stdout.write(JSON.stringify({ library: name, corpus: corpus.name, ms, bytes: corpus.bytes, tokens }) + '\n');
