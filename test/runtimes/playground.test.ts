import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContext, estimateCost } from '../../src/index.js';
import { formatCost, formatCount } from '../../site/src/format.js';
import { oracle } from '../support/oracle.js';
import { findChromium } from './chromium.js';

// The playground page (site/, built by `npm run build:site` into one file) opened from disk in
// headless Chromium and driven through its data-testid attributes, as a user would: typing,
// choosing a tokenizer, a day and an output length, pasting a megabyte. Counts and token ids are
// checked against tiktoken, costs and context fits against the library. It ends with a screenshot:
// docs/playground.png when TOKMETER_UPDATE_SCREENSHOT=1, otherwise a temporary file.

const root = join(__dirname, '..', '..');
const DAY = '2026-12-07';
/** The flagship rule (the library's flagshipModels) on DAY: the newest active model of each family. */
const FLAGSHIPS_ON_DAY = [
  'gpt-6.2-sol',
  'gpt-6.2-astra',
  'gpt-5.5',
  'gpt-5.4-mini',
  'claude-opus-5-5',
  'claude-sonnet-5-5',
  'claude-haiku-5-5',
  'gemini-4-carbon',
  'gemini-3.8-flash',
];
const TEXT = 'Hello, world! Tokens: 1234567 — naïve café 👋🏽 東京 <|endoftext|>\n  indented line';
const SCREENSHOT_TEXT = [
  'tokmeter counts tokens exactly, in every OpenAI encoding, and prices them. 🦊',
  "const total = countTokens(prompt, { model: 'gpt-4o' }); // 1234567 digits split in threes",
  '東京は晴れ。Ünïcödé, emoji 👋🏽 and <|endoftext|> are ordinary text here.',
].join('\n');

const executable = findChromium();
if (executable === null) console.log('playground test skipped: no chromium on PATH (.ci/run installs it with apt-get install chromium)');

/** Runs a command to its end; rejects with its output if it fails. */
function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: root, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error === null) resolve(stdout);
      else reject(new Error(`${args.map((arg) => arg.replace(`${root}/`, '')).join(' ')} failed:\n${stdout}${stderr}`));
    });
  });
}

/** The number a count output shows (`1,234` → 1234). */
async function shownNumber(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  expect(text, `${testId} shows a whole number`).toMatch(/^\d{1,3}(,\d{3})*$/);
  return Number(text.replaceAll(',', ''));
}

/** The ids in the token spans' titles (`id 24912`), in order, and the spans' text joined. */
async function shownTokens(page: Page): Promise<{ ids: number[]; text: string }> {
  const spans = await page.getByTestId('tokens').locator(':scope > *').evaluateAll((elements) =>
    elements.map((element) => ({ title: element.getAttribute('title') ?? '', text: element.textContent ?? '' })),
  );
  return { ids: spans.map((span) => Number(/^id (\d+)/.exec(span.title)?.[1] ?? NaN)), text: spans.map((span) => span.text).join('') };
}

/**
 * The browser globals that functions run in the page use. Only named as types: the tests are
 * type-checked without the DOM library, and these functions are sent to the page as their source.
 */
interface PageGlobals {
  requestAnimationFrame(callback: () => void): number;
  performance: { now(): number };
  document: { querySelector(selector: string): object };
  MutationObserver: new (callback: (records: unknown, observer: { disconnect(): void }) => void) => { observe(target: object, options: object): void };
  InputEvent: new (type: string, init: object) => object;
}

/** Waits until the page has recounted after an edit: the two frames a scheduled update takes. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    return new Promise<void>((done) => page.requestAnimationFrame(() => page.requestAnimationFrame(done)));
  });
}

describe.skipIf(executable === null)('the playground page in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'tokmeter-playground-'));

  /** The page's own type check (site/tsconfig.json: DOM types), run beside the browser tests. */
  let typecheck: Promise<Error | null>;

  beforeAll(async () => {
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    typecheck = run(process.execPath, [tsc, '--noEmit', '-p', join(root, 'site', 'tsconfig.json')]).then(
      () => null,
      (error: Error) => error,
    );
    // Bundles site/ against dist/web/, which `npm test` has just built.
    [browser] = await Promise.all([
      chromium.launch({ executablePath: executable!, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] }),
      run(process.execPath, [join(root, 'scripts', 'build-site.mjs')]),
    ]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('requestfailed', (request) => errors.push(`request failed: ${request.url().slice(0, 100)}`));
    await page.goto(pathToFileURL(join(root, 'site', 'dist', 'index.html')).href);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('opens from a file:// URL with nothing counted, and fetches nothing', async () => {
    expect(await shownNumber(page, 'token-count')).toBe(0);
    expect(await shownNumber(page, 'char-count')).toBe(0);
    expect(await page.getByTestId('tokens').locator(':scope > *').count()).toBe(0);
    expect(await page.getByTestId('model').inputValue()).toBe('gpt-4o');
    // Everything is inlined: the page is the only resource loaded.
    const resources = await page.evaluate(() => performance.getEntriesByType('resource').length);
    expect(resources).toBe(0);
    expect(errors).toEqual([]);
  });

  it('counts as one types: tokens, characters, and one span per token with its id', async () => {
    await page.getByTestId('at').fill(DAY);
    await page.getByTestId('input').fill(TEXT.slice(0, -5));
    await page.getByTestId('input').pressSequentially(TEXT.slice(-5));
    await settled(page);
    const ids = oracle('o200k_base').encodeOrdinary(TEXT);
    expect(ids.length).toBe(30);
    expect(await shownNumber(page, 'token-count')).toBe(30);
    expect(await shownNumber(page, 'char-count')).toBe([...TEXT].length);
    expect(await shownNumber(page, 'char-count')).toBe(78);
    const shown = await shownTokens(page);
    expect(shown.ids).toEqual(ids);
    expect(shown.text).toBe(TEXT);
  });

  it('counts with the encoding or model chosen in the selector', async () => {
    await page.getByTestId('model').selectOption('cl100k_base');
    await settled(page);
    const ids = oracle('cl100k_base').encodeOrdinary(TEXT);
    expect(await shownNumber(page, 'token-count')).toBe(ids.length);
    const shown = await shownTokens(page);
    expect(shown.ids).toEqual(ids);
    // 👋🏽 is two characters of four bytes each; cl100k_base cuts them into tokens that end inside
    // a character, drawn as empty slivers before the token that completes it.
    expect(shown.text).toBe(TEXT);
    expect(await page.getByTestId('tokens').locator('.partial').count()).toBeGreaterThan(0);

    await page.getByTestId('model').selectOption('r50k_base');
    await settled(page);
    expect(await shownNumber(page, 'token-count')).toBe(oracle('r50k_base').encodeOrdinary(TEXT).length);

    await page.getByTestId('model').selectOption('claude-sonnet-5-5');
    await settled(page);
    expect(await shownNumber(page, 'token-count')).toBe(30);
    expect(await page.locator('#tokenizer-note').textContent()).toMatch(/^≈ o200k_base stands in for claude-sonnet-5-5's tokenizer/);
  });

  it('prices the text as the prompt of each flagship, with the output length typed, and says whether it fits', async () => {
    await page.getByTestId('output-tokens').fill('1000');
    await settled(page);
    const rows = page.getByTestId('cost-table').locator('tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-model')))).toEqual(FLAGSHIPS_ON_DAY);
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent ?? '')));
    for (const [i, model] of FLAGSHIPS_ON_DAY.entries()) {
      const exact = model === 'gpt-5.5' || model === 'gpt-5.4-mini';
      const prompt = estimateCost({ model, inputTokens: 30, outputTokens: 0, at: DAY });
      const total = estimateCost({ model, inputTokens: 30, outputTokens: 1000, at: DAY });
      expect(cells[i]!.slice(0, 7), model).toEqual([
        model,
        exact ? '30' : '≈ 30',
        `$${prompt.rates.input.toFixed(2)}`,
        formatCost(prompt.total),
        `$${total.rates.output.toFixed(2)}`,
        formatCost(total.total),
        `fits, ${formatCount((checkContext({ model, input: 30, maxOutputTokens: 1000, at: DAY }) as { remaining: number }).remaining)} left`,
      ]);
    }
    // Concrete figures for one row: gpt-5.5 at $5 in and $30 out per 1M tokens.
    expect(cells[2]!.slice(2, 6)).toEqual(['$5.00', '$0.00015', '$30.00', '$0.03015']);
    expect(cells[8]![7]).toBe('promotion, until 2026-12-31');
  });

  it('counts a 1 MB paste in full, draws the first 5,000 tokens and says so', async () => {
    await page.getByTestId('model').selectOption('gpt-4o');
    await page.getByTestId('output-tokens').fill('500');
    const line = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. 12345 — ünïcödé 😀\n';
    const big = line.repeat(Math.ceil(1_000_000 / line.length)).slice(0, 1_000_000);
    const expected = oracle('o200k_base').encodeOrdinary(big).length;
    // A paste: the value set at once and one input event, as the browser sends it. The page times
    // from that event to the count shown; the bound is generous, this checks that it finishes.
    const elapsed = await page.getByTestId('input').evaluate(
      (box: { value: string; dispatchEvent(event: object): boolean }, text: string) =>
        new Promise<number>((done) => {
          const page = globalThis as unknown as PageGlobals;
          const count = page.document.querySelector('[data-testid="token-count"]');
          const start = page.performance.now();
          new page.MutationObserver((_, observer) => {
            observer.disconnect();
            done(page.performance.now() - start);
          }).observe(count, { childList: true, characterData: true, subtree: true });
          box.value = text;
          box.dispatchEvent(new page.InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
        }),
      big,
    );
    expect(elapsed).toBeLessThan(10_000);
    expect(await shownNumber(page, 'token-count')).toBe(expected);
    expect(await shownNumber(page, 'char-count')).toBe([...big].length);
    expect(await page.getByTestId('tokens').locator(':scope > *').count()).toBe(5000);
    expect(await page.getByTestId('tokens-notice').textContent()).toBe(
      `Showing the first 5,000 of ${formatCount(expected)} tokens; the counts and costs cover them all.`,
    );
    const ms = await page.getByTestId('token-count').getAttribute('data-ms');
    console.log(`playground: 1 MB paste (${formatCount(expected)} tokens) counted in ${ms} ms, shown ${elapsed.toFixed(0)} ms after the input event`);
    // With 128,000 output tokens, the most GPT and Claude models give, the prompt still fits
    // gpt-5.4-mini's 400K window; Gemini gives at most 65,536.
    await page.getByTestId('output-tokens').fill('128000');
    await settled(page);
    const wanted = FLAGSHIPS_ON_DAY.map((model) => [model, checkContext({ model, input: expected, maxOutputTokens: 128_000, at: DAY }).fits ? 'fits' : 'over']);
    const readContext = () =>
      page.getByTestId('cost-table').locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [tr.getAttribute('data-model'), tr.children[6]?.className, tr.children[6]?.textContent]),
      );
    // On a loaded machine the table can be redrawn a moment after the counts settle: read it until
    // it shows the new output length (or the deadline passes and the assertion below reports it).
    let context = await readContext();
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; context = await readContext()) {
      if (JSON.stringify(context.map(([model, className]) => [model, className])) === JSON.stringify(wanted)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(context.map(([model, className]) => [model, className])).toEqual(wanted);
    expect(expected).toBe(263_156);
    expect(context[3]).toEqual(['gpt-5.4-mini', 'fits', 'fits, 8,844 left']);
    expect(context[7]).toEqual(['gemini-4-carbon', 'over', '62,464 over max output']);
  });

  it('takes a screenshot', async () => {
    await page.getByTestId('input').fill(SCREENSHOT_TEXT);
    await page.getByTestId('output-tokens').fill('1000');
    await page.getByTestId('output-tokens').blur();
    await settled(page);
    expect(await shownNumber(page, 'token-count')).toBe(oracle('o200k_base').encodeOrdinary(SCREENSHOT_TEXT).length);
    const path = process.env['TOKMETER_UPDATE_SCREENSHOT'] === '1' ? join(root, 'docs', 'playground.png') : join(scratch, 'playground.png');
    const png = await page.screenshot({ fullPage: true });
    writeFileSync(path, png);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(1280); // width, from the IHDR chunk
    expect(readFileSync(path).length).toBe(png.length);
    expect(errors).toEqual([]);
  });

  it('type-checks (site/tsconfig.json)', async () => {
    const failure = await typecheck;
    if (failure !== null) throw failure;
  }, 60_000);
});
