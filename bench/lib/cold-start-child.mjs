// Child process for the cold-start figure: `node --expose-gc lib/cold-start-child.mjs <library>`.
// Cold start as a user meets it: a fresh process that has loaded nothing but this file, the library's
// adapter (a few lines, no imports of its own beyond path helpers) and the short message. The clock
// starts right before the adapter's `import()` of the library and stops after the first count of
// the short message, so it covers loading the module, building the encoder and the first call.
// Memory is reported right after that count and again after a full GC. Prints one JSON line.
// The library name `none` measures an empty process, the floor every figure sits on.
import { SHORT_MESSAGE } from '../corpora/message.mjs';

const name = process.argv[2];
const memory = () => {
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, rss: m.rss };
};
// Only this library's adapter, not adapters/index.mjs (which would load every adapter's imports).
const adapter = name === 'none' ? null : (await import(new URL(`../adapters/${name}.mjs`, import.meta.url).href)).default;

const start = performance.now(); // ms since this process started
let tokens = 0;
if (adapter) {
  const lib = await adapter.load();
  tokens = lib.count(SHORT_MESSAGE);
}
const end = performance.now();
const afterFirstCount = memory();
globalThis.gc();
const afterGc = memory();
process.stdout.write(
  JSON.stringify({ library: name, importAndCountMs: end - start, startedAtMs: start, sinceProcessStartMs: end, tokens, afterFirstCount, afterGc }) + '\n',
);
