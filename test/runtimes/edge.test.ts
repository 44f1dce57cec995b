import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeReport } from './app.js';
import { bundle, expectExact, firstUseLine, makeConsumer } from './consumer.js';

// tokmeter on an edge runtime: Cloudflare's workerd, run by miniflare, serving a Worker bundled as
// wrangler bundles one (export conditions workerd, worker, browser). workerd forbids compiling
// WebAssembly from bytes at run time (`new WebAssembly.Module(bytes)` throws), so the byte loop
// must fall back to JavaScript silently and count exactly the same.

describe('in workerd (Cloudflare Workers, through miniflare)', () => {
  let worker: Miniflare;
  const consumer = makeConsumer();

  beforeAll(async () => {
    const source = `import { runReport } from './app.ts';
      export default { async fetch() { return Response.json(await runReport()); } };`;
    const script = await bundle(consumer.dir, source, { conditions: ['workerd', 'worker', 'browser'] });
    worker = new Miniflare({ modules: true, script, compatibilityDate: '2025-09-01' });
    await worker.ready;
  }, 60_000);

  afterAll(async () => {
    await worker?.dispose();
    consumer.remove();
  });

  it('counts every encoding as tiktoken does, falling back from WebAssembly without a word', async () => {
    const response = await worker.dispatchFetch('http://tokmeter.test/');
    expect(response.status).toBe(200);
    const report = (await response.json()) as RuntimeReport;
    expectExact(report, 'workerd');
    expect(report.wasm).toEqual({ attempts: 1, compiled: 0 });
    expect(report.countFile).toBe('UNSUPPORTED_RUNTIME');
    console.log(`workerd, first use of each encoding's entry: ${firstUseLine(report)}`);
  });
});
