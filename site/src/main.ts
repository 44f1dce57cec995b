// The playground page: wires the text box, the tokenizer selector, the output length and the day
// to the counts, the token spans and the cost table. Bundled by scripts/build-site.mjs into
// site/dist/index.html with tokmeter's web build, so the page needs no server and no network.
//
// The text is cut into blocks (text-blocks.ts) and only the blocks an edit touched are counted
// (block-counter.ts), with `count`, which builds no token array. An edit that leaves few units
// uncounted (a keystroke, a short paste) is counted in its own `input` event, so its counts are in
// the page before the browser draws its next frame. A big paste is counted by a pool of Web Workers
// (count-pool.ts), started when the page has loaded, while the browser lays out the text box: the
// character count is written at once, the token count and the cost table when every block is in
// (dimmed and marked busy until then). Where workers cannot start or fail, the page counts on its
// own thread, as for a keystroke. The token spans come after the next frame for a long text (at
// once for a short one, so typing stays live), from the first blocks' ids only, and not at all
// when the edit left those blocks alone.
import { flagshipModels, getEncoding, type EncodingName, type Flagship } from 'tokmeter';
import { rankData, rankModules } from 'tokmeter-rank-data';
import { countPlan, uncountedUnits } from './block-counter.js';
import { CountPool, type PoolState } from './count-pool.js';
import { costRow, costRowElement } from './cost-table.js';
import { formatCount } from './format.js';
import { planBlocks, type Block, type BlockPlan } from './text-blocks.js';
import { drawTokens, firstTokens, MAX_SPANS, spanNotice } from './token-view.js';
import { pageTokenizer, tokenizerGroups, type TokenizerChoice } from './tokenizers.js';

/** The package version, filled in by the build. */
declare const TOKMETER_VERSION: string;
/** The counting worker's bundled source (site/src/count-worker.ts), filled in by the build. */
declare const COUNT_WORKER_SOURCE: string;

const DEFAULT_CHOICE = 'gpt-4o';
const DEFAULT_OUTPUT_TOKENS = 500;
/** Texts up to this many UTF-16 units have their spans drawn in the same task as their counts. */
const SPANS_AT_ONCE = 20_000;
/**
 * An edit that leaves at least this many UTF-16 units uncounted goes to the workers, when they are
 * ready: four blocks, 2-3 ms of English on this page's thread, 15 ms of Chinese. Below it, counting
 * in the event is sooner than any worker's answer, which comes after the browser's next frame.
 */
const POOL_UNITS = 65_536;
/** At most this many counting workers: a megabyte is some 60 blocks, and each worker costs its encodings' memory. */
const MAX_WORKERS = 4;

function byId<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`tokmeter playground: the page has no #${id}`);
  return found as T;
}

const input = byId<HTMLTextAreaElement>('input');
const select = byId<HTMLSelectElement>('model');
const outputInput = byId<HTMLInputElement>('output');
const dayInput = byId<HTMLInputElement>('at');
const showIds = byId<HTMLInputElement>('show-ids');
const tokenCount = byId<HTMLOutputElement>('token-count');
const charCount = byId<HTMLOutputElement>('char-count');
const tokenizerNote = byId<HTMLElement>('tokenizer-note');
const tokensBox = byId<HTMLElement>('tokens');
const tokensNotice = byId<HTMLElement>('tokens-notice');
const costRows = byId<HTMLElement>('cost-rows');
const outputEcho = byId<HTMLElement>('output-echo');
const errorBox = byId<HTMLElement>('error');

/** Fills the selector with the encodings and models; returns the choices by option value. */
function fillSelector(): Map<string, TokenizerChoice> {
  const choices = new Map<string, TokenizerChoice>();
  for (const group of tokenizerGroups()) {
    const optgroup = document.createElement('optgroup');
    optgroup.label = group.label;
    for (const choice of group.choices) {
      optgroup.append(new Option(choice.label, choice.value));
      choices.set(choice.value, choice);
    }
    select.append(optgroup);
  }
  select.value = DEFAULT_CHOICE;
  return choices;
}

const choices = fillSelector();
const today = new Date().toISOString().slice(0, 10);
dayInput.value = today;
outputInput.value = String(DEFAULT_OUTPUT_TOKENS);
byId<HTMLElement>('version').textContent = TOKMETER_VERSION;

/** The output length typed, or 0 while the box holds no whole number. */
function outputTokens(): number {
  const value = outputInput.valueAsNumber;
  return Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

const flagshipCache = new Map<string, Flagship[]>();
function flagships(day: string): Flagship[] {
  let list = flagshipCache.get(day);
  if (list === undefined) {
    list = flagshipModels({ at: day });
    flagshipCache.set(day, list);
  }
  return list;
}

function selectedChoice(): TokenizerChoice {
  return choices.get(select.value) ?? choices.get(DEFAULT_CHOICE)!;
}

function selectedDay(): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(dayInput.value) ? dayInput.value : today;
}

function describeTokenizer(choice: TokenizerChoice, ms: number, workers: number): string {
  const where = workers === 0 ? '' : ` by ${workers === 1 ? 'a worker' : `${workers} workers`}`;
  const timing = `counted in ${ms < 1 ? '<1' : Math.round(ms)} ms${where}`;
  if (choice.approximate) return `≈ ${choice.encoding} stands in for ${choice.value}'s tokenizer, which is not public · ${timing}`;
  return choice.value === choice.encoding ? `${choice.encoding} · ${timing}` : `${choice.value} counts with ${choice.encoding}, exactly · ${timing}`;
}

/** The encodings a count needs: the one chosen, and those the cost table's flagships price with. */
function wantedEncodings(choice: TokenizerChoice): EncodingName[] {
  const wanted = new Set<EncodingName>([choice.encoding]);
  for (const model of flagships(selectedDay())) wanted.add(pageTokenizer(model.id).encoding);
  return [...wanted];
}

/** The text's blocks, with every count made so far. */
let plan: BlockPlan = planBlocks('');
/** What the spans show, so that they are drawn again only when that changes. */
let drawn: { blocks: readonly Block[]; tokens: number; encoding: EncodingName; showIds: boolean } | undefined;
/** Bumped each time spans are asked for: a drawing scheduled for an older ask is dropped. */
let spansAsked = 0;
/** Bumped by each update: the workers' answer to an older one is not shown. */
let countsAsked = 0;
/** True while the token count and the costs wait for the workers. */
let counting = false;
/** The counting workers, once started; null before, and for good where they cannot start or have failed. */
let pool: CountPool | null = null;

/** The cost table: the text as the prompt of each flagship, each encoding they price with counted once. */
function showCosts(): void {
  const output = outputTokens();
  outputEcho.textContent = formatCount(output);
  // The workers' answer redraws the table; counting here would count the whole text on this thread.
  if (counting) return;
  const day = selectedDay();
  const models = flagships(day);
  const tokens = new Map<EncodingName, number>();
  for (const model of models) {
    const { encoding } = pageTokenizer(model.id);
    if (!tokens.has(encoding)) tokens.set(encoding, countPlan(plan, encoding));
  }
  costRows.replaceChildren(...models.map((model) => costRowElement(costRow(model, tokens, output, day))));
}

/** Draws the spans of the first tokens if they changed: now for a short text, after the next frame for a long one. */
function showSpans(total: number): void {
  const asked = ++spansAsked;
  const draw = () => {
    if (asked !== spansAsked) return;
    guarded(() => {
      const { encoding: name } = selectedChoice();
      // The same first blocks give the same first tokens, unless they had too few and more followed.
      const same =
        drawn !== undefined &&
        drawn.encoding === name &&
        drawn.showIds === showIds.checked &&
        drawn.blocks.every((block, i) => plan.blocks[i] === block) &&
        (drawn.tokens >= MAX_SPANS || drawn.blocks.length === plan.blocks.length);
      if (!same) {
        const encoding = getEncoding(name);
        const first = firstTokens(plan.blocks, encoding);
        tokensBox.classList.toggle('ids', showIds.checked);
        drawTokens(tokensBox, encoding, first.ids, { showIds: showIds.checked });
        drawn = { blocks: first.blocks, tokens: first.ids.length, encoding: name, showIds: showIds.checked };
      }
      tokensNotice.textContent = spanNotice(tokensBox.childElementCount, total);
    });
  };
  if (plan.text.length <= SPANS_AT_ONCE) draw();
  else requestAnimationFrame(() => setTimeout(draw, 0));
}

/** Marks the token count and the costs as waiting for the workers, or no longer. */
function setCounting(on: boolean): void {
  counting = on;
  // On the two elements, not an ancestor: a class on <body> would restyle the megabyte's text box too.
  tokenCount.classList.toggle('counting', on);
  costRows.classList.toggle('counting', on);
  if (on) tokenCount.setAttribute('aria-busy', 'true');
  else tokenCount.removeAttribute('aria-busy');
}

/**
 * Writes the token count (counting here whatever blocks still lack one), the costs and the spans.
 * `started` is when the edit's update began; `workers` how many workers counted it (0: this thread).
 */
function showCounts(started: number, workers: number): void {
  setCounting(false);
  const choice = selectedChoice();
  const total = countPlan(plan, choice.encoding);
  tokenCount.textContent = formatCount(total);
  const ms = performance.now() - started;
  tokenCount.dataset['ms'] = ms.toFixed(1);
  tokenCount.dataset['by'] = workers === 0 ? 'page' : 'workers';
  tokenizerNote.textContent = describeTokenizer(choice, ms, workers);
  showCosts();
  showSpans(total);
}

/**
 * Counts the text after an edit: the character count at once; the tokens in this event when few
 * units are uncounted or no workers are ready, otherwise in the workers, shown when all are in.
 */
function update(): void {
  const started = performance.now();
  const choice = selectedChoice();
  plan = planBlocks(input.value, plan);
  charCount.textContent = formatCount(plan.characters);
  const asked = ++countsAsked;
  const wanted = wantedEncodings(choice);
  const workers = pool;
  if (workers === null || workers.state !== 'ready' || uncountedUnits(plan, wanted) < POOL_UNITS) {
    showCounts(started, 0);
    return;
  }
  setCounting(true);
  tokenizerNote.textContent = `counting ${formatCount(plan.characters)} characters…`;
  workers.count(plan.blocks, wanted).then(
    () => {
      if (asked === countsAsked) guarded(() => showCounts(started, workers.size));
    },
    () => {
      // The pool has stopped its workers; this thread counts from now on, starting with this text.
      pool = null;
      if (asked === countsAsked) guarded(() => showCounts(started, 0));
    },
  );
}

/** Runs `work`, showing what it throws in the error box instead of the last error. */
function guarded(work: () => void): void {
  try {
    work();
    errorBox.hidden = true;
  } catch (error) {
    errorBox.textContent = error instanceof Error ? error.message : String(error);
    errorBox.hidden = false;
  }
}

/**
 * How many workers: the cores the browser reports less two, one for this thread (which lays out the
 * pasted text meanwhile) and one for the rest of the browser, at most `MAX_WORKERS`; none with two
 * cores or fewer. A worker's answer is read only after the frame that lays out the paste, so it
 * brings the count to the screen sooner only when the worker has a core of its own; on two cores
 * it shares one with that layout and the count came later on every text (site/README.md).
 * `?workers=N` in the page's URL sets it (0 to 4), for measuring and tests.
 */
function poolSize(): number {
  const asked = new URLSearchParams(location.search).get('workers');
  if (asked !== null && /^\d$/.test(asked)) return Math.min(Number(asked), MAX_WORKERS);
  return Math.min(Math.max((navigator.hardwareConcurrency || 1) - 2, 0), MAX_WORKERS);
}

/** Starts the counting workers; the pool's state is on the page's root element for the tests to read. */
function startPool(): void {
  const root = document.documentElement.dataset;
  const show = (state: PoolState | 'off') => {
    root['pool'] = state;
    if (state === 'ready' && pool !== null) {
      root['poolReadyAt'] = pool.readyAt!.toFixed(1);
      root['poolWarmMs'] = pool.warmMs.toFixed(1);
      root['poolStartMs'] = pool.startMs.toFixed(1);
    }
  };
  pool = CountPool.start({ source: COUNT_WORKER_SOURCE, rankData, rankModules, size: poolSize(), warm: wantedEncodings(selectedChoice()) }, (state) => {
    if (state === 'failed') pool = null;
    show(state);
  });
  if (pool === null) {
    show('off');
    return;
  }
  root['poolWorkers'] = String(pool.size);
  show(pool.state);
}

for (const control of [input, select, showIds]) control.addEventListener('input', () => guarded(update));
for (const control of [outputInput, dayInput]) control.addEventListener('input', () => guarded(showCosts));
guarded(update);
// The workers start when the page is idle after its load event, not at a paste.
const schedulePool = () => (typeof requestIdleCallback === 'function' ? requestIdleCallback(startPool, { timeout: 1000 }) : setTimeout(startPool, 50));
if (document.readyState === 'complete') schedulePool();
else addEventListener('load', schedulePool, { once: true });
