// Timing primitives. Every figure is a median over rounds; within a round each library runs once per
// case, and the order of libraries rotates from round to round, so slow drift on a shared machine
// (another process starting, thermal changes, GC debt) lands on every library alike.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
/** Full GC between measurements so one library's garbage is not collected on another's clock. */
export const collectGarbage = runInNewContext('gc');

export const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Rotate `items` left by `by`: round r starts with the r-th library. */
export const rotate = (items, by) => items.map((_, i) => items[(i + by) % items.length]);

/** Anything measured is folded into this sink so V8 cannot drop the calls as dead code. */
let sink = 0;
export const consume = (value) => {
  sink = (sink + (typeof value === 'number' ? value : value.length)) | 0;
};
export const sinkValue = () => sink;

/**
 * Run `fn` over every document, as many whole passes as fit in `minMs` (at least one), and return
 * megabytes (10^6 bytes of UTF-8 input) per second.
 */
export function throughput(fn, docs, docBytes, minMs) {
  collectGarbage();
  let passes = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < docs.length; i++) consume(fn(docs[i]));
    passes++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return (docBytes * passes) / 1e6 / (elapsed / 1000);
}

/** Microseconds per call of `fn(text)`, calls made in batches until `minMs` has passed. */
export function latency(fn, text, minMs, batch = 1000) {
  collectGarbage();
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < batch; i++) consume(fn(text));
    calls += batch;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return (elapsed * 1000) / calls;
}
