// The playground page: wires the text box, the tokenizer selector, the output length and the day
// to the counts, the token spans and the cost table. Bundled by scripts/build-site.mjs into
// site/dist/index.html with tokmeter's web build, so the page needs no server and no network.
import { getEncoding, type EncodingName } from 'tokmeter';
import { costRow, costRowElement } from './cost-table.js';
import { flagshipModels, type Flagship } from 'tokmeter';
import { formatCount } from './format.js';
import { measure, type Measurement } from './measure.js';
import { createScheduler } from './schedule.js';
import { drawTokens, spanNotice } from './token-view.js';
import { pageTokenizer, tokenizerGroups, type TokenizerChoice } from './tokenizers.js';

/** The package version, filled in by the build. */
declare const TOKMETER_VERSION: string;

const DEFAULT_CHOICE = 'gpt-4o';
const DEFAULT_OUTPUT_TOKENS = 500;
/** Texts longer than this (UTF-16 units) are recounted at most every THROTTLE_MS while typing. */
const LARGE_TEXT = 100_000;
const THROTTLE_MS = 250;

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
const stats = byId<HTMLElement>('stats');
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

/** The last text measured and what it gave, so a change of output length or day does not recount. */
let last: { text: string; encoding: EncodingName; day: string; measurement: Measurement } | undefined;
let drawn: { measurement: Measurement; showIds: boolean } | undefined;

function describeTokenizer(choice: TokenizerChoice, ms: number): string {
  const timing = `counted in ${ms < 1 ? '<1' : Math.round(ms)} ms`;
  if (choice.approximate) return `≈ ${choice.encoding} stands in for ${choice.value}'s tokenizer, which is not public · ${timing}`;
  return choice.value === choice.encoding ? `${choice.encoding} · ${timing}` : `${choice.value} counts with ${choice.encoding}, exactly · ${timing}`;
}

function update(): void {
  const choice = choices.get(select.value) ?? choices.get(DEFAULT_CHOICE)!;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(dayInput.value) ? dayInput.value : today;
  const text = input.value;
  const models = flagships(day);
  if (last === undefined || last.text !== text || last.encoding !== choice.encoding || last.day !== day) {
    const needed = models.map((model) => pageTokenizer(model.id).encoding);
    last = { text, encoding: choice.encoding, day, measurement: measure(text, choice.encoding, needed) };
  }
  const { measurement } = last;
  tokenCount.textContent = formatCount(measurement.ids.length);
  tokenCount.dataset['ms'] = measurement.ms.toFixed(1);
  charCount.textContent = formatCount(measurement.characters);
  tokenizerNote.textContent = describeTokenizer(choice, measurement.ms);
  stats.classList.remove('stale');
  stats.removeAttribute('aria-busy');

  const output = outputTokens();
  outputEcho.textContent = formatCount(output);
  costRows.replaceChildren(...models.map((model) => costRowElement(costRow(model, measurement.tokens, output, day))));

  if (drawn?.measurement !== measurement || drawn.showIds !== showIds.checked) {
    tokensBox.classList.toggle('ids', showIds.checked);
    const count = drawTokens(tokensBox, getEncoding(choice.encoding), measurement.ids, { showIds: showIds.checked });
    tokensNotice.textContent = spanNotice(count, measurement.ids.length);
    drawn = { measurement, showIds: showIds.checked };
  }
}

function updateSafely(): void {
  try {
    update();
    errorBox.hidden = true;
  } catch (error) {
    errorBox.textContent = error instanceof Error ? error.message : String(error);
    errorBox.hidden = false;
  }
}

const schedule = createScheduler(updateSafely, { isLarge: () => input.value.length > LARGE_TEXT, intervalMs: THROTTLE_MS });
input.addEventListener('input', () => {
  if (input.value.length > LARGE_TEXT) {
    stats.classList.add('stale');
    stats.setAttribute('aria-busy', 'true');
  }
  schedule();
});
for (const control of [select, outputInput, dayInput, showIds]) control.addEventListener('input', schedule);
updateSafely();
