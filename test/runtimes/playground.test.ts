import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContext, ENCODING_NAMES, estimateCost, getEncoding, type EncodingName } from '../../src/index.js';
import { countPlan } from '../../site/src/block-counter.js';
import { formatCost, formatCount } from '../../site/src/format.js';
import { isSafeCut, nextSafeCut } from '../../site/src/safe-cuts.js';
import { planBlocks, type BlockPlan } from '../../site/src/text-blocks.js';
import { FRAGMENTS, mixedText } from '../support/arbitraries.js';
import { oracle } from '../support/oracle.js';
import { findChromium } from './chromium.js';
// @ts-expect-error: plain JavaScript without type declarations (the bench's mulberry32, the same text on every run)
import { seededRandom } from '../../bench/corpora/text.mjs';

// The playground page (site/, built by `npm run build:site` into one file) opened from disk in
// headless Chromium and driven through its data-testid attributes, as a user would: typing,
// choosing a tokenizer, a day and an output length, pasting a megabyte and typing in it. Counts and
// token ids are checked against tiktoken, costs and context fits against the library. It ends with
// a screenshot: docs/playground.png when TOKMETER_UPDATE_SCREENSHOT=1, otherwise a temporary file.
// First, without a browser, the page's own counting parts: where it cuts text (safe-cuts.ts) and
// the blocks it counts and keeps across edits (text-blocks.ts, block-counter.ts). Last, the
// counting workers (count-pool.ts, count-worker.ts), asked for with `?workers=2` since the page
// starts none on two cores: a pasted megabyte counted by them, a paste that overtakes another,
// and the page's own thread counting instead where there is no Worker or a worker fails.

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

/** The pieces of `text` cut at every safe cut the page finds. */
function cutAtSafeCuts(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let cut = nextSafeCut(text, 1); cut !== -1; cut = nextSafeCut(text, cut + 1)) {
    pieces.push(text.slice(start, cut));
    start = cut;
  }
  pieces.push(text.slice(start));
  return pieces;
}


/**
 * A megabyte (1,000,000 UTF-16 units) no cache has seen: prose of made-up words, with now and then
 * a line of Chinese, a line of emoji, indented code, trailing spaces, and once a 40,000-digit
 * number, where the page finds no safe cut at all. No CR: a text box keeps only LF.
 */
function freshMegabyte(): string {
  const random = seededRandom(0x9e3779b9);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const syllables = ['ka', 'to', 'ren', 'mi', 'sol', 've', 'dra', 'qu', 'lin', 'op', 'th', 'ess', 'un', 'por', 'ix', 'al', 'zen', 'ce', 'ru', 'mb'];
  const word = () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(syllables)).join('');
  const sentence = () => {
    const words = Array.from({ length: 4 + Math.floor(random() * 12) }, () => (random() < 0.08 ? String(Math.floor(random() * 100_000)) : word()));
    words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
    return `${words.join(random() < 0.1 ? ', ' : ' ')}${pick(['.', '.', '.', '?', '!', ';', ' —', "'s."])}`;
  };
  const chinese = () => Array.from({ length: 20 + Math.floor(random() * 40) }, (_, i) => (i % 9 === 8 ? pick(['，', '。', '、']) : String.fromCodePoint(0x4e00 + Math.floor(random() * 0x5200)))).join('');
  const emoji = () => Array.from({ length: 12 }, () => pick(['😀', '👋🏽', '👨‍👩‍👧', '🇯🇵', '❤️', ' ', 'ok', '🦊'])).join('');
  const code = () => `function ${word()}(${word()}) {\n    return ${word()}.map((x) => x * ${Math.floor(random() * 10)});  \n}\n`;
  const parts: string[] = [];
  let units = 0;
  for (let paragraph = 0; units < 1_000_000; paragraph++) {
    const text =
      paragraph === 700
        ? `${Array.from({ length: 40_000 }, () => Math.floor(random() * 10)).join('')}\n\n`
        : paragraph % 23 === 5
          ? `${chinese()}\n${emoji()}\n\n`
          : paragraph % 31 === 7
            ? code()
            : `${Array.from({ length: 3 + Math.floor(random() * 4) }, sentence).join(' ')}${random() < 0.2 ? '  ' : ''}\n\n`;
    parts.push(text);
    units += text.length;
  }
  const text = parts.join('').slice(0, 1_000_000);
  return (text.charCodeAt(text.length - 1) & 0xfc00) === 0xd800 ? text.slice(0, -1) : text;
}

/** Texts with the places where the cut rules must say no: whitespace before a newline, CRLF, apostrophes, marks, runs. */
const cutText = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: mixedText },
      { weight: 2, arbitrary: fc.constantFrom(...FRAGMENTS) },
      {
        weight: 3,
        arbitrary: fc.constantFrom('word ', 'Word', ' next', '.\n', 'x \n', ' \nY', '\r\nZ', "it's", "'ll", 'a,', '"a":', 'f(x)', '字，', '文。', 'e\u0301,', 'ǅ.', '\u0085\nA', '\ufeff\nB', '7\nq', '😀\nw', '\n\n', '  ', 'a/b', '.\n/', 'x\n1', 'é;', 'Я!', 'か」'),
      },
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe("the page's safe cuts and blocks", () => {
  it('cuts only where every encoding gives the same tokens for the pieces as for the whole (fast-check prints the seed of a failure)', () => {
    let cuts = 0;
    fc.assert(
      fc.property(cutText, (text) => {
        const pieces = cutAtSafeCuts(text);
        cuts += pieces.length - 1;
        for (const name of ENCODING_NAMES) {
          const whole = oracle(name).encodeOrdinary(text);
          expect(pieces.flatMap((piece) => oracle(name).encodeOrdinary(piece)), `${name}: ${JSON.stringify(text)}`).toEqual(whole);
        }
      }),
      { numRuns: 300 },
    );
    expect(cuts).toBeGreaterThan(300);
  });

  it('says where, and where not, in words', () => {
    const cutsOf = (text: string) => [...text].map((_, i) => i).filter((i) => isSafeCut(text, i));
    expect(cutsOf('one two')).toEqual([3]);
    expect(cutsOf('end.\nNext')).toEqual([3, 5]);
    expect(cutsOf('word,\n"key": f(x)')).toEqual([4, 10, 14, 16]);
    expect(cutsOf('第一句，第二句。')).toEqual([3, 7]);
    // Whitespace before the newline, CRLF, a newline before a space or '/', an apostrophe, a mark.
    for (const text of ['x \nY', 'x\r\nY', 'x\n Y', '.\n/', "it's", 'e\u0301,', '1 2', 'a  b']) expect(cutsOf(text), JSON.stringify(text)).toEqual([]);
  });

  it("keeps the blocks an edit left alone, and counts the text exactly after every edit (fast-check prints the seed of a failure)", () => {
    const edit = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 40 }), fc.oneof(cutText, fc.constantFrom('', ' ', 'a', '\n', 'x y.\n')));
    fc.assert(
      fc.property(cutText, fc.array(edit, { maxLength: 12 }), fc.integer({ min: 1, max: 48 }), (start, edits, blockUnits) => {
        let text = start;
        let plan: BlockPlan | undefined;
        for (const [where, removed, inserted] of [[0, 0, ''] as const, ...edits]) {
          const at = Math.floor(where * text.length);
          text = text.slice(0, at) + inserted + text.slice(Math.min(text.length, at + removed));
          plan = planBlocks(text, plan, blockUnits);
          expect(plan.blocks.map((block) => block.text).join('')).toBe(text);
          for (const [i, block] of plan.blocks.entries()) {
            expect(block.start).toBe(i === 0 ? 0 : plan.blocks[i - 1]!.end);
            if (i > 0) expect(isSafeCut(text, block.start), `cut at ${block.start} of ${JSON.stringify(text)}`).toBe(true);
          }
          expect(plan.characters).toBe([...text].length);
          for (const name of ['o200k_base', 'r50k_base'] as const) expect(countPlan(plan, name), name).toBe(getEncoding(name).count(text));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('recounts only the blocks an edit touched', () => {
    const text = 'A sentence of words.\n'.repeat(2_000);
    const before = planBlocks(text);
    countPlan(before, 'o200k_base');
    expect(before.blocks.length).toBeGreaterThan(2);
    const middle = before.blocks[1]!.start + 10;
    const after = planBlocks(`${text.slice(0, middle)}more ${text.slice(middle)}`, before);
    expect(after.blocks[0]).toBe(before.blocks[0]);
    expect(after.blocks.at(-1)!.counts.get('o200k_base')).toBe(before.blocks.at(-1)!.counts.get('o200k_base'));
    expect(after.blocks.filter((block) => !block.counts.has('o200k_base')).length).toBeLessThanOrEqual(2);
    expect(countPlan(after, 'o200k_base')).toBe(getEncoding('o200k_base').count(after.text));
  });
});

/** o200k_base tokens in `freshMegabyte()`, by tiktoken: pinned, so that a change in the text shows. */
const FRESH_MEGABYTE_TOKENS = 383_091;

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
  InputEvent: new (type: string, init: object) => object;
}

/** Waits until the token count is final: a big paste counted by workers is marked aria-busy till every block is in. */
async function countsIn(page: Page): Promise<void> {
  await page.waitForFunction(`!document.querySelector('[data-testid="token-count"]').hasAttribute('aria-busy')`);
}

/** Pastes `text` into the page's text box: the value set at once and one input event, as the browser sends it. */
async function pasteInto(page: Page, text: string): Promise<void> {
  await page.getByTestId('input').evaluate(
    (element: { value: string; dispatchEvent(event: object): boolean }, value: string) => {
      element.value = value;
      element.dispatchEvent(new (globalThis as unknown as PageGlobals).InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    },
    text,
  );
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

  it('counts a fresh 1 MB paste in full, draws its first 5,000 tokens and says so, and counts it exactly as one types in it', async () => {
    await page.getByTestId('model').selectOption('gpt-4o');
    await page.getByTestId('output-tokens').fill('500');
    const big = freshMegabyte();
    const ids = oracle('o200k_base').encodeOrdinary(big);
    const box = page.getByTestId('input');
    // Counted in the paste's own event, or by workers where the machine has cores to spare for them.
    await pasteInto(page, big);
    await countsIn(page);
    expect(await shownNumber(page, 'token-count')).toBe(ids.length);
    expect(await shownNumber(page, 'char-count')).toBe([...big].length);
    // The spans follow after the next frame, from the text's first blocks only.
    await page.waitForFunction(`document.querySelector('[data-testid="tokens"]').childElementCount === ${5000}`);
    expect((await shownTokens(page)).ids).toEqual(ids.slice(0, 5000));
    expect(await page.getByTestId('tokens-notice').textContent()).toBe(
      `Showing the first 5,000 of ${formatCount(ids.length)} tokens; the counts and costs cover them all.`,
    );
    expect(ids.length).toBe(FRESH_MEGABYTE_TOKENS);

    // Typing in the middle, then at the start, where the first tokens change and the spans with them.
    const typeAt = async (at: number, keys: string) => {
      await box.evaluate((element: { focus(): void; setSelectionRange(from: number, to: number): void }, where: number) => {
        element.focus();
        element.setSelectionRange(where, where);
      }, at);
      await page.keyboard.type(keys);
    };
    await typeAt(500_000, ' tokmeter,\nCounts');
    await page.keyboard.press('Backspace');
    let value = await box.inputValue();
    expect(value.length).toBe(big.length + 16);
    expect(await shownNumber(page, 'token-count')).toBe(oracle('o200k_base').encodeOrdinary(value).length);
    expect(await shownNumber(page, 'char-count')).toBe([...value].length);
    await typeAt(0, 'Hi! ');
    value = await box.inputValue();
    const typed = oracle('o200k_base').encodeOrdinary(value);
    expect(await shownNumber(page, 'token-count')).toBe(typed.length);
    await page.waitForFunction(`document.querySelector('[data-testid="tokens"] > *').title === 'id ${typed[0]}'`);
    expect((await shownTokens(page)).ids).toEqual(typed.slice(0, 5000));

    // Another encoding counts the same blocks again, in that encoding.
    await page.getByTestId('model').selectOption('cl100k_base');
    await countsIn(page);
    expect(await shownNumber(page, 'token-count')).toBe(oracle('cl100k_base').encodeOrdinary(value).length);
    await page.getByTestId('model').selectOption('gpt-4o');
    await countsIn(page);
    const expected = typed.length;

    // With 128,000 output tokens, the most GPT and Claude models give, the prompt and output overflow
    // gpt-5.4-mini's 400K window and fit gpt-5.5's; Gemini gives at most 65,536 output tokens. The
    // table is redrawn in the output box's own input event, from the counts already made.
    await page.getByTestId('output-tokens').fill('128000');
    const wanted = FLAGSHIPS_ON_DAY.map((model) => [model, checkContext({ model, input: expected, maxOutputTokens: 128_000, at: DAY }).fits ? 'fits' : 'over']);
    const context = await page.getByTestId('cost-table').locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-model'), tr.children[6]?.className, tr.children[6]?.textContent]),
    );
    expect(context.map(([model, className]) => [model, className])).toEqual(wanted);
    expect(expected).toBe(383_097);
    expect(context[2]).toEqual(['gpt-5.5', 'fits', 'fits, 538,903 left']);
    expect(context[3]).toEqual(['gpt-5.4-mini', 'over', '111,097 over context window']);
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

/** What the page says about its counting workers, from its root element's data attributes. */
interface PoolReport {
  readonly pool?: string;
  readonly poolWorkers?: string;
}

describe.skipIf(executable === null)("the playground page's counting workers in headless Chromium", () => {
  let browser: Browser;
  const url = `${pathToFileURL(join(root, 'site', 'dist', 'index.html')).href}?workers=2`;
  const big = freshMegabyte();
  const second = freshMegabyte().replaceAll('ka', 'ko');
  const counts = new Map<string, number>();
  /** The token count of `big` or `second` in o200k_base, by tiktoken (each counted once). */
  const expected = (text: string) => {
    if (!counts.has(text)) counts.set(text, oracle('o200k_base').encodeOrdinary(text).length);
    return counts.get(text)!;
  };

  beforeAll(async () => {
    // The page is built by the describe block above, in the same file.
    browser = await chromium.launch({ executablePath: executable!, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** A new page at `url` (after `init`, run in it before its own script), once its workers have started or given up. */
  async function openPage(init?: () => void): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    if (init !== undefined) await page.addInitScript(init);
    await page.goto(url);
    await page.waitForFunction(`['ready', 'off', 'failed'].includes(document.documentElement.dataset.pool)`);
    return { page, errors };
  }

  const report = (page: Page) => page.evaluate(() => ({ ...(globalThis as unknown as { document: { documentElement: { dataset: PoolReport } } }).document.documentElement.dataset }));
  const countedBy = (page: Page) => page.getByTestId('token-count').getAttribute('data-by');

  it('counts a pasted megabyte in two workers, exactly, and a keystroke in it on the page', async () => {
    const { page, errors } = await openPage();
    expect(await report(page)).toMatchObject({ pool: 'ready', poolWorkers: '2' });
    await pasteInto(page, big);
    // The character count is written at once, the token count when every block is in.
    expect(await shownNumber(page, 'char-count')).toBe([...big].length);
    await countsIn(page);
    expect(await countedBy(page)).toBe('workers');
    expect(await shownNumber(page, 'token-count')).toBe(expected(big));
    expect(FRESH_MEGABYTE_TOKENS).toBe(expected(big));
    await page.waitForFunction(`document.querySelector('[data-testid="tokens"]').childElementCount === 5000`);

    // A keystroke recounts a block or two on the page's own thread.
    await page.getByTestId('input').evaluate((element: { focus(): void; setSelectionRange(from: number, to: number): void }) => {
      element.focus();
      element.setSelectionRange(600_000, 600_000);
    });
    await page.keyboard.type(' Xy');
    expect(await countedBy(page)).toBe('page');
    const typed = await page.getByTestId('input').inputValue();
    expect(await shownNumber(page, 'token-count')).toBe(oracle('o200k_base').encodeOrdinary(typed).length);

    // Another encoding: every block uncounted in it, so the workers count them (loading it first).
    await page.getByTestId('model').selectOption('cl100k_base');
    await countsIn(page);
    expect(await countedBy(page)).toBe('workers');
    expect(await shownNumber(page, 'token-count')).toBe(oracle('cl100k_base').encodeOrdinary(typed).length);
    expect(await page.locator('#tokenizer-note').textContent()).toMatch(/^cl100k_base · counted in \d+ ms by 2 workers$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows only the last paste's count when a paste overtakes another still being counted", async () => {
    const { page, errors } = await openPage();
    // Every value the token count takes from here on.
    await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } } }).document;
      const shown: string[] = ((globalThis as unknown as { shownCounts: string[] }).shownCounts = []);
      const output = doc.querySelector('[data-testid="token-count"]');
      new (globalThis as unknown as { MutationObserver: new (callback: () => void) => { observe(node: object, options: object): void } }).MutationObserver(() => shown.push(output.textContent)).observe(output, { childList: true, characterData: true, subtree: true });
    });
    // Both pastes in one task, so the first is still being counted when the second comes.
    await page.getByTestId('input').evaluate(
      (element: { value: string; dispatchEvent(event: object): boolean }, texts: string[]) => {
        for (const text of texts) {
          element.value = text;
          element.dispatchEvent(new (globalThis as unknown as PageGlobals).InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
        }
      },
      [big, second],
    );
    await countsIn(page);
    const shown = await page.evaluate(() => (globalThis as unknown as { shownCounts: string[] }).shownCounts);
    expect(shown.map((text) => Number(text.replaceAll(',', '')))).toEqual([expected(second)]);
    expect(expected(second)).not.toBe(expected(big));
    expect(await countedBy(page)).toBe('workers');
    expect(await shownNumber(page, 'char-count')).toBe([...second].length);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('counts on the page where there is no Worker', async () => {
    const { page, errors } = await openPage(() => {
      Object.defineProperty(globalThis, 'Worker', { value: undefined });
    });
    expect(await report(page)).toMatchObject({ pool: 'off' });
    await pasteInto(page, big);
    await countsIn(page);
    expect(await countedBy(page)).toBe('page');
    expect(await shownNumber(page, 'token-count')).toBe(expected(big));
    expect(await page.getByTestId('token-count').getAttribute('aria-busy')).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('counts on the page, and says nothing, when a worker fails in the middle of a paste', async () => {
    // Workers that start but fail at their first count, as a worker that ran out of memory would.
    const { page, errors } = await openPage(() => {
      const scope = globalThis as unknown as { Worker: new (url: string, options?: object) => object; Blob: new (parts: string[]) => object; URL: { createObjectURL(blob: object): string } };
      const failing = scope.URL.createObjectURL(
        new scope.Blob([`addEventListener('message', ({ data }) => postMessage(data.kind === 'start' ? { kind: 'ready', ms: 0 } : { kind: 'failed', job: data.job, message: 'out of memory' }));`]),
      );
      const Real = scope.Worker;
      scope.Worker = class extends Real {
        constructor(_url: string, options?: object) {
          super(failing, options);
        }
      };
    });
    expect(await report(page)).toMatchObject({ pool: 'ready', poolWorkers: '2' });
    await pasteInto(page, big);
    await countsIn(page);
    expect(await countedBy(page)).toBe('page');
    expect(await shownNumber(page, 'token-count')).toBe(expected(big));
    expect(await report(page)).toMatchObject({ pool: 'failed' });
    expect(await page.locator('#error').isHidden()).toBe(true);
    // From now on the page counts everything itself.
    await pasteInto(page, second);
    expect(await countedBy(page)).toBe('page');
    expect(await shownNumber(page, 'token-count')).toBe(expected(second));
    expect(errors).toEqual([]);
    await page.close();
  });
});
