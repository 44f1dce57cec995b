import { estimateCost, type CostEstimate, type ServiceTier } from '../../pricing/index.js';
import { costTokens } from '../../pricing/stand-in-counts.js';
import { choice, flag, requireString, wholeNumber, type CommandSpec, type ParsedArgs } from '../args.js';
import type { Command } from '../command.js';
import { countOneInput } from '../count-input.js';
import { UsageError } from '../errors.js';
import { formatPrice, formatUsd, groupDigits } from '../format.js';
import type { Io } from '../io.js';
import { formatTable, type Row } from '../table.js';
import { approximationNote, catalogTokenizer } from '../tokenizer.js';
import { atDay, AT_OPTION, noteWarnings, priceRowLine } from '../at.js';

const TIERS: readonly ServiceTier[] = ['standard', 'batch', 'flex', 'priority'];

const spec: CommandSpec = {
  name: 'cost',
  summary: 'the price of one request, from token counts or from a file',
  usage: '--model <id> (--input <n> --output <n> | [--output <n>] <file | ->)',
  description: [
    "Prices one request with the catalog's prices (USD; tokmeter models lists them). Counts follow",
    "OpenAI's meaning: --input is the whole prompt, cached tokens included, and --output the whole",
    "output, reasoning included. Given a FILE (or - for standard input), the file's tokens, counted",
    "with the model's tokenizer, are the prompt.",
  ].join('\n'),
  options: {
    model: { type: 'string', value: 'id', description: 'the model, e.g. gpt-4o, claude-sonnet-4-5, gemini-2.5-pro (required)' },
    input: { type: 'string', value: 'n', description: 'prompt tokens, cached ones included' },
    output: { type: 'string', value: 'n', description: 'output tokens, reasoning included (default 0 with a FILE)' },
    'cached-input': { type: 'string', value: 'n', description: 'how many of the prompt tokens are read from the cache' },
    'cache-write': { type: 'string', value: 'n', description: 'how many prompt tokens are written to a 5-minute cache (Anthropic)' },
    reasoning: { type: 'string', value: 'n', description: 'how many of the output tokens are reasoning (billed as output)' },
    tier: { type: 'string', value: 'tier', description: 'standard (default), batch, flex or priority' },
    at: AT_OPTION,
    json: { type: 'boolean', description: 'print the estimate as JSON' },
  },
  fieldFlags: {
    'options.inputTokens': 'input',
    'options.outputTokens': 'output',
    'options.cachedInputTokens': 'cached-input',
    'options.cacheWriteTokens': 'cache-write',
    'options.reasoningTokens': 'reasoning',
    'options.tier': 'tier',
    'options.at': 'at',
    'options.model': 'model',
  },
  positionals: true,
  examples: [
    'tokmeter cost --model gpt-4o --input 10000 --cached-input 8000 --output 500',
    'tokmeter cost --model claude-sonnet-4-5 --tier batch --input 120000 --output 2000',
    'tokmeter cost --model gpt-4.1-mini --output 800 README.md',
    'tokmeter cost --model gpt-5.6-sol --at 2026-09-01 --input 50000 --output 2000',
  ],
};

/** The rows of the breakdown: a line per kind of token that was billed, input and output always. */
function breakdownRows(estimate: CostEstimate): Row[] {
  const { tokens, rates, breakdown } = estimate;
  const uncached = tokens.input - tokens.cachedInput - tokens.cacheWrite5m - tokens.cacheWrite1h - tokens.audioInput;
  const lines: [string, number, number | undefined, number, boolean][] = [
    ['input', uncached, rates.input, breakdown.input, true],
    ['audio input', tokens.audioInput, rates.audioInput ?? rates.input, breakdown.audioInput, false],
    ['cached input', tokens.cachedInput, rates.cachedInput ?? rates.input, breakdown.cachedInput, false],
    ['cache write (5 min)', tokens.cacheWrite5m, rates.cacheWrite5m ?? rates.input, breakdown.cacheWrite5m, false],
    ['cache write (1 h)', tokens.cacheWrite1h, rates.cacheWrite1h ?? rates.input, breakdown.cacheWrite1h, false],
    ['output', tokens.output - tokens.reasoning, rates.output, breakdown.output, true],
    ['reasoning', tokens.reasoning, rates.output, breakdown.reasoning, false],
  ];
  return lines
    .filter(([, count, , , always]) => always || count > 0)
    .map(([label, count, rate, usd]) => [label, groupDigits(count), formatPrice(rate), formatUsd(usd)]);
}

async function run({ values, positionals }: ParsedArgs, io: Io): Promise<string> {
  const model = requireString(values, 'model', spec.name);
  const tier = choice(values, 'tier', TIERS, spec.name);
  const at = atDay(values, spec.name);
  const given = {
    input: wholeNumber(values, 'input', spec.name),
    output: wholeNumber(values, 'output', spec.name),
    cachedInput: wholeNumber(values, 'cached-input', spec.name),
    cacheWrite: wholeNumber(values, 'cache-write', spec.name),
    reasoning: wholeNumber(values, 'reasoning', spec.name),
  };
  if (positionals.length > 1) throw new UsageError(`cost prices one file at a time, got ${positionals.length}.`, spec.name);
  const path = positionals[0];

  let file: { path: string; tokens: number; encoding: string; approximate: boolean; standInTokens?: number; factor?: number } | undefined;
  let inputTokens: number;
  if (path !== undefined) {
    if (given.input !== undefined) throw new UsageError('cost takes --input or a FILE, not both.', spec.name);
    const tokenizer = catalogTokenizer(model);
    if (tokenizer.approximate) io.note(approximationNote(tokenizer));
    const { tokens, name } = await countOneInput(path, io, spec.name, tokenizer.encoding.name);
    // Claude bills more tokens than its stand-in counts: price the central estimate (costTokens).
    const estimated = costTokens(model, tokens);
    inputTokens = estimated.tokens;
    file = {
      path: name,
      tokens: inputTokens,
      encoding: tokenizer.encoding.name,
      approximate: tokenizer.approximate,
      ...(estimated.band !== undefined && { standInTokens: tokens, factor: estimated.band.factor }),
    };
  } else {
    if (given.input === undefined || given.output === undefined) {
      throw new UsageError('cost needs --input and --output (token counts), or a FILE whose tokens are the prompt.', spec.name);
    }
    inputTokens = given.input;
  }

  const estimate = estimateCost({
    model,
    inputTokens,
    outputTokens: given.output ?? 0,
    ...(given.cachedInput !== undefined && { cachedInputTokens: given.cachedInput }),
    ...(given.cacheWrite !== undefined && { cacheWriteTokens: given.cacheWrite }),
    ...(given.reasoning !== undefined && { reasoningTokens: given.reasoning }),
    ...(tier !== undefined && { tier }),
    at,
  });
  noteWarnings(io, estimate.warnings);
  if (flag(values, 'json')) return `${JSON.stringify(file === undefined ? estimate : { ...estimate, file }, null, 2)}\n`;

  const lines = [`${estimate.model}, ${estimate.tier} tier, on ${estimate.price.at}: ${priceRowLine(estimate.price)}`];
  if (file !== undefined) {
    const counted =
      file.standInTokens !== undefined
        ? `${file.encoding} counts ${groupDigits(file.standInTokens)} × ${file.factor}, the measured median ratio; approximate`
        : `${file.encoding}${file.approximate ? ', approximate' : ''}`;
    lines.push(`prompt: ${file.path}, ${groupDigits(file.tokens)} tokens (${counted})`);
  }
  if (estimate.longContext !== null) {
    lines.push(`The prompt is over ${groupDigits(estimate.longContext.above)} tokens, so long-context prices apply to the whole request.`);
  }
  const rows = breakdownRows(estimate);
  rows.push('rule', ['total', groupDigits(estimate.tokens.input + estimate.tokens.output), '', formatUsd(estimate.total)]);
  const table = formatTable(
    [{ header: 'tokens of' }, { header: 'count', align: 'right' }, { header: 'USD per 1M', align: 'decimal' }, { header: 'cost', align: 'decimal' }],
    rows,
  );
  return `${lines.join('\n')}\n\n${table}\n`;
}

export const cost: Command = { spec, run };
