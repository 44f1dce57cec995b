// The playground page: wires the text box, the tokenizer selector, the output length and the day
// to the counts, the token spans and the cost table. Bundled by scripts/build-site.mjs into
// site/dist/index.html with tokmeter's web build, so the page needs no server and no network.
//
// An edit is counted in its own `input` event, so the counts are in the page before the browser
// draws its next frame: the text is cut into blocks (text-blocks.ts) and only the blocks the edit
// touched are counted (block-counter.ts), with `count`, which builds no token array. The token
// and character counts and the cost table are written then. The token spans come after that frame
// for a long text (at once for a short one, so typing stays live), from the first blocks' ids
// only, and not at all when the edit left those blocks alone.
import { flagshipModels, getEncoding, type EncodingName, type Flagship } from 'tokmeter';
import { countPlan } from './block-counter.js';
import { costRow, costRowElement } from './cost-table.js';
import { formatCount } from './format.js';
import { planBlocks, type Block, type BlockPlan } from './text-blocks.js';
import { drawTokens, firstTokens, MAX_SPANS, spanNotice } from './token-view.js';
import { pageTokenizer, tokenizerGroups, type TokenizerChoice } from './tokenizers.js';

/** The package version, filled in by the build. */
declare const TOKMETER_VERSION: string;

const DEFAULT_CHOICE = 'gpt-4o';
const DEFAULT_OUTPUT_TOKENS = 500;
/** Texts up to this many UTF-16 units have their spans drawn in the same task as their counts. */
const SPANS_AT_ONCE = 20_000;

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

function describeTokenizer(choice: TokenizerChoice, ms: number): string {
  const timing = `counted in ${ms < 1 ? '<1' : Math.round(ms)} ms`;
  if (choice.approximate) return `≈ ${choice.encoding} stands in for ${choice.value}'s tokenizer, which is not public · ${timing}`;
  return choice.value === choice.encoding ? `${choice.encoding} · ${timing}` : `${choice.value} counts with ${choice.encoding}, exactly · ${timing}`;
}

/** The text's blocks, with every count made so far. */
let plan: BlockPlan = planBlocks('');
/** What the spans show, so that they are drawn again only when that changes. */
let drawn: { blocks: readonly Block[]; tokens: number; encoding: EncodingName; showIds: boolean } | undefined;
/** Bumped each time spans are asked for: a drawing scheduled for an older ask is dropped. */
let spansAsked = 0;

/** The cost table: the text as the prompt of each flagship, each encoding they price with counted once. */
function showCosts(): void {
  const day = selectedDay();
  const models = flagships(day);
  const tokens = new Map<EncodingName, number>();
  for (const model of models) {
    const { encoding } = pageTokenizer(model.id);
    if (!tokens.has(encoding)) tokens.set(encoding, countPlan(plan, encoding));
  }
  const output = outputTokens();
  outputEcho.textContent = formatCount(output);
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

/** Counts the text (the blocks not counted yet), writes the counts and the costs, then asks for the spans. */
function update(): void {
  const started = performance.now();
  const choice = selectedChoice();
  plan = planBlocks(input.value, plan);
  const total = countPlan(plan, choice.encoding);
  tokenCount.textContent = formatCount(total);
  charCount.textContent = formatCount(plan.characters);
  const ms = performance.now() - started;
  tokenCount.dataset['ms'] = ms.toFixed(1);
  tokenizerNote.textContent = describeTokenizer(choice, ms);
  showCosts();
  showSpans(total);
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

for (const control of [input, select, showIds]) control.addEventListener('input', () => guarded(update));
for (const control of [outputInput, dayInput]) control.addEventListener('input', () => guarded(showCosts));
guarded(update);
