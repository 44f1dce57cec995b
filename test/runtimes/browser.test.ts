import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeReport } from './app.js';
import { bundle, expectExact, firstUseLine, makeConsumer } from './consumer.js';
import { findChromium } from './chromium.js';

// tokmeter in a real browser: headless Chromium (Debian's `chromium`, which .ci/run installs) loads
// an app bundled with esbuild for the browser from the built package (dist/web/ through the
// `browser` condition), which counts every encoding through the root and the per-encoding entries.
// Twice: as served plainly, where the byte loop runs in WebAssembly, and under a content security
// policy without 'wasm-unsafe-eval', where compiling it throws and the JavaScript loop must count
// the same, silently.

const executable = findChromium();
if (executable === null) console.log('browser test skipped: no chromium on PATH (.ci/run installs it with apt-get install chromium)');

const ORIGIN = 'http://tokmeter.test';
const PAGE = '<!doctype html><meta charset="utf-8"><script type="module" src="app.js"></script>';

describe.skipIf(executable === null)('in headless Chromium', () => {
  let browser: Browser;
  let app = '';
  const consumer = makeConsumer();

  beforeAll(async () => {
    const source = `import { runReport } from './app.ts';
      runReport().then((report) => { globalThis.__report = report; }, (error) => { globalThis.__report = { error: String(error && error.stack || error) }; });`;
    [app, browser] = await Promise.all([
      bundle(consumer.dir, source),
      chromium.launch({ executablePath: executable!, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] }),
    ]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    consumer.remove();
  });

  /** Loads the app in a fresh page, with `csp` as the page's Content-Security-Policy header if given. */
  async function report(csp?: string): Promise<RuntimeReport & { error?: string }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.route(`${ORIGIN}/**`, (route) => {
      const isPage = new URL(route.request().url()).pathname === '/';
      void route.fulfill({
        status: 200,
        contentType: isPage ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8',
        headers: csp === undefined ? {} : { 'content-security-policy': csp },
        body: isPage ? PAGE : app,
      });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => '__report' in globalThis, undefined, { timeout: 60_000 });
    const result = (await page.evaluate(() => (globalThis as unknown as { __report: unknown }).__report)) as RuntimeReport & { error?: string };
    await page.close();
    expect(errors).toEqual([]);
    return result;
  }

  it('counts every encoding as tiktoken does, with the byte loop in WebAssembly', async () => {
    const result = await report();
    expect(result.error).toBeUndefined();
    expectExact(result, 'Chromium');
    expect(result.wasm.compiled).toBe(1);
    expect(result.countFile).toBe('UNSUPPORTED_RUNTIME');
    console.log(`Chromium, first use of each encoding's entry: ${firstUseLine(result)}`);
  });

  it('counts the same where a content security policy forbids compiling WebAssembly', async () => {
    const result = await report("default-src 'self'; script-src 'self'");
    expect(result.error).toBeUndefined();
    expectExact(result, 'Chromium without WebAssembly');
    expect(result.wasm).toEqual({ attempts: 1, compiled: 0 });
  });
});
