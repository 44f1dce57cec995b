import { checkContext, estimateCost, getModel, type EncodingName } from 'tokmeter';
import { pageTokenizer } from './tokenizers.js';
import type { Flagship } from 'tokmeter';
import { formatCost, formatCount, formatRate } from './format.js';

/** One row of the table: what the text costs as the prompt of one model on one day, and whether it fits. */
export interface CostRow {
  readonly model: string;
  readonly family: string;
  readonly tokens: number;
  readonly approximate: boolean;
  readonly encoding: EncodingName;
  readonly inputRate: number;
  readonly outputRate: number;
  /** The long-context step that priced this prompt (`above` tokens), or null. */
  readonly longContextAbove: number | null;
  readonly promptCost: number;
  readonly totalCost: number;
  readonly context: string;
  readonly fits: boolean;
  readonly price: string;
  readonly priceDetail: string;
}

const LIMIT_NAMES = { maxInputTokens: 'max input', maxOutputTokens: 'max output', contextWindow: 'context window' } as const;

/** Prices the prompt (`tokens`, per encoding) with `outputTokens` of output for one flagship on `day`. */
export function costRow(flagship: Flagship, tokens: ReadonlyMap<EncodingName, number>, outputTokens: number, day: string): CostRow {
  const { id, family } = flagship;
  const { encoding, approximate } = pageTokenizer(id);
  const inputTokens = tokens.get(encoding) ?? 0;
  const prompt = estimateCost({ model: id, inputTokens, outputTokens: 0, at: day });
  const total = estimateCost({ model: id, inputTokens, outputTokens, at: day });
  const check = checkContext({ model: id, input: inputTokens, maxOutputTokens: outputTokens, at: day });
  const context = check.fits ? `fits, ${formatCount(check.remaining)} left` : `${formatCount(check.overBy)} over ${LIMIT_NAMES[check.limit]}`;
  const { price } = getModel(id, { at: day });
  const dates = price.effectiveUntil === null ? price.asOf : `until ${price.effectiveUntil}`;
  return {
    model: id,
    family,
    tokens: inputTokens,
    approximate,
    encoding,
    inputRate: total.rates.input,
    outputRate: total.rates.output,
    longContextAbove: total.longContext?.above ?? null,
    promptCost: prompt.total,
    totalCost: total.total,
    context,
    fits: check.fits,
    price: `${price.kind}, ${dates}`,
    priceDetail: `${price.kind} price${price.effectiveFrom === null ? '' : ` from ${price.effectiveFrom}`}${
      price.effectiveUntil === null ? '' : ` until ${price.effectiveUntil}`
    }, checked ${price.asOf}; source: ${price.source}`,
  };
}

function cell(text: string, className?: string, title?: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className !== undefined) td.className = className;
  if (title !== undefined) td.title = title;
  return td;
}

/** The table row for `row`, `data-model` naming the model. */
export function costRowElement(row: CostRow): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.dataset['model'] = row.model;
  const name = document.createElement('th');
  name.scope = 'row';
  name.textContent = row.model;
  name.title = row.family;
  const tokens = row.approximate ? `≈ ${formatCount(row.tokens)}` : formatCount(row.tokens);
  const tokensTitle = row.approximate
    ? `approximate: counted with ${row.encoding}; the provider's tokenizer is not public`
    : `exact: ${row.encoding}`;
  const longContext = row.longContextAbove === null ? '' : ` (above ${formatCount(row.longContextAbove)})`;
  tr.append(
    name,
    cell(tokens, 'num', tokensTitle),
    cell(`${formatRate(row.inputRate)}${longContext}`, 'num'),
    cell(formatCost(row.promptCost), 'num'),
    cell(formatRate(row.outputRate), 'num'),
    cell(formatCost(row.totalCost), 'num'),
    cell(row.context, row.fits ? 'fits' : 'over'),
    cell(row.price, 'date', row.priceDetail),
  );
  return tr;
}
