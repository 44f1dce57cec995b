// Child process for the cold-start figure: `node --expose-gc lib/cold-start-child.mjs <library>`.
// Times importing the library plus its first count in a process that has loaded nothing else, then
// reports memory right after that count and again after a full GC. Prints one JSON line.
// The library name `none` measures an empty process, the floor every figure sits on.
import { adapterByName } from '../adapters/index.mjs';
import { SHORT_MESSAGE } from '../corpora/message.mjs';

const name = process.argv[2];
const memory = () => {
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, rss: m.rss };
};

const start = performance.now(); // ms since this process started
let tokens = 0;
if (name !== 'none') {
  const adapter = adapterByName(name);
  const lib = await adapter.load();
  tokens = lib.count(SHORT_MESSAGE);
}
const end = performance.now();
const afterFirstCount = memory();
globalThis.gc();
const afterGc = memory();
process.stdout.write(
  JSON.stringify({ library: name, importAndCountMs: end - start, sinceProcessStartMs: end, tokens, afterFirstCount, afterGc }) + '\n',
);
