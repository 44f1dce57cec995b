import { compareModels, estimateMonthlySpend, type MonthlySpend, type SpendScenario } from '../../pricing/index.js';
import { choice, decimalNumber, flag, stringValue, wholeNumber, type CommandSpec, type ParsedArgs } from '../args.js';
import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { formatUsd, groupDigits } from '../format.js';
import { fitsCell } from '../limits.js';
import { formatTable } from '../table.js';
import { atDay, AT_OPTION, noteWarnings, priceRowLine } from '../at.js';
import type { Io } from '../io.js';

const spec: CommandSpec = {
  name: 'estimate',
  summary: 'monthly spend for a workload, and a ranking of models by it',
  usage: '--model <id> (--requests-per-month <n> | --requests-per-day <n>) --input <n> --output <n> [--compare <ids>]',
  description: [
    'What a workload costs per month: a request rate and the tokens of one request. A month is',
    '30.4375 days (365.25 / 12) when the rate is per day. --compare ranks models by the same',
    'workload, cheapest first, and says which ones cannot hold one request of it.',
  ].join('\n'),
  options: {
    model: { type: 'string', value: 'id', description: 'the model to price (required unless --compare is given)' },
    'requests-per-month': { type: 'string', value: 'n', description: 'requests a month' },
    'requests-per-day': { type: 'string', value: 'n', description: 'requests a day, instead of a month' },
    input: { type: 'string', value: 'n', description: 'prompt tokens per request, cached ones included (required)' },
    output: { type: 'string', value: 'n', description: 'output tokens per request, reasoning included (required)' },
    'cached-share': { type: 'string', value: '0..1', description: 'share of prompt tokens read from the cache (default 0)' },
    'batch-share': { type: 'string', value: '0..1', description: 'share of requests sent through the Batch API (default 0)' },
    tier: { type: 'string', value: 'tier', description: 'tier of the other requests: standard (default), flex or priority' },
    compare: { type: 'string', value: 'ids', description: 'comma-separated models to rank with --model, e.g. gpt-4.1-mini,claude-haiku-4-5' },
    at: AT_OPTION,
    json: { type: 'boolean', description: 'print the estimate (and the ranking) as JSON' },
  },
  fieldFlags: {
    'options.inputTokens': 'input',
    'options.outputTokens': 'output',
    'options.cachedShare': 'cached-share',
    'options.batchShare': 'batch-share',
    'options.requestsPerMonth': 'requests-per-month',
    'options.requestsPerDay': 'requests-per-day',
    'options.tier': 'tier',
    'options.at': 'at',
    'options.model': 'model',
    'scenario.inputTokens': 'input',
    'scenario.outputTokens': 'output',
    'scenario.cachedShare': 'cached-share',
    'scenario.batchShare': 'batch-share',
    'scenario.requestsPerMonth': 'requests-per-month',
    'scenario.requestsPerDay': 'requests-per-day',
    'scenario.tier': 'tier',
    'scenario.at': 'at',
  },
  positionals: false,
  examples: [
    'tokmeter estimate --model gpt-4o-mini --requests-per-day 10000 --input 2000 --output 300 --cached-share 0.5',
    'tokmeter estimate --model gpt-4.1 --requests-per-month 100000 --input 150000 --output 1000 --compare gpt-4.1-mini,claude-sonnet-4-5,gemini-2.5-pro',
  ],
};

function scenarioOf(values: ParsedArgs['values']): SpendScenario {
  const perMonth = decimalNumber(values, 'requests-per-month', spec.name);
  const perDay = decimalNumber(values, 'requests-per-day', spec.name);
  if ((perMonth === undefined) === (perDay === undefined)) {
    throw new UsageError('estimate needs --requests-per-month or --requests-per-day (one of them).', spec.name);
  }
  const input = wholeNumber(values, 'input', spec.name);
  const output = wholeNumber(values, 'output', spec.name);
  if (input === undefined || output === undefined) {
    throw new UsageError('estimate needs --input and --output, the tokens of one request.', spec.name);
  }
  const cachedShare = decimalNumber(values, 'cached-share', spec.name);
  const batchShare = decimalNumber(values, 'batch-share', spec.name);
  const tier = choice(values, 'tier', ['standard', 'flex', 'priority'] as const, spec.name);
  return {
    at: atDay(values, spec.name),
    ...(perMonth !== undefined && { requestsPerMonth: perMonth }),
    ...(perDay !== undefined && { requestsPerDay: perDay }),
    inputTokens: input,
    outputTokens: output,
    ...(cachedShare !== undefined && { cachedShare }),
    ...(batchShare !== undefined && { batchShare }),
    ...(tier !== undefined && { tier }),
  };
}

function percent(share: number | undefined): string {
  return `${groupDigits(Math.round((share ?? 0) * 1000) / 10)}%`;
}

/** One line for the workload: the request rate, the tokens of a request, and the shares given. */
function describeWorkload(requestsPerMonth: number, daysPerMonth: number, scenario: SpendScenario): string {
  const rate =
    scenario.requestsPerDay !== undefined
      ? `${groupDigits(requestsPerMonth)} requests a month (${groupDigits(scenario.requestsPerDay)} a day × ${daysPerMonth} days)`
      : `${groupDigits(requestsPerMonth)} requests a month`;
  const extras = [
    scenario.cachedShare ? `${percent(scenario.cachedShare)} of the prompt cached` : '',
    scenario.batchShare ? `${percent(scenario.batchShare)} of requests in batch` : '',
    scenario.tier !== undefined && scenario.tier !== 'standard' ? `${scenario.tier} tier` : '',
  ].filter((text) => text !== '');
  return (
    `${rate}; ${groupDigits(scenario.inputTokens)} input + ${groupDigits(scenario.outputTokens)} output tokens each` +
    (extras.length > 0 ? `; ${extras.join(', ')}` : '')
  );
}

function describeSpend(spend: MonthlySpend, scenario: SpendScenario): string {
  const rows = (
    [
      ['input', spend.breakdown.input],
      ['cached input', spend.breakdown.cachedInput],
      ['cache write', spend.breakdown.cacheWrite5m + spend.breakdown.cacheWrite1h],
      ['output', spend.breakdown.output + spend.breakdown.reasoning],
    ] as const
  )
    .filter(([label, usd]) => usd > 0 || label === 'input' || label === 'output')
    .map(([label, usd]) => [label, formatUsd(usd)]);
  return [
    `${spend.model}: ${formatUsd(spend.total)} a month, ${formatUsd(spend.perRequest)} a request`,
    describeWorkload(spend.requestsPerMonth, spend.daysPerMonth, scenario),
    ...(spend.longContext === null ? [] : [`Prompts over ${groupDigits(spend.longContext.above)} tokens pay long-context prices.`]),
    '',
    formatTable([{ header: 'spent on' }, { header: 'a month', align: 'decimal' }], [...rows, 'rule', ['total', formatUsd(spend.total)]]),
    '',
    ...(spend.byTier.batch === undefined
      ? []
      : [`by tier: ${Object.entries(spend.byTier).map(([tier, usd]) => `${tier} ${formatUsd(usd)}`).join(', ')}`]),
    `prices on ${spend.price.at}: ${priceRowLine(spend.price)}`,
  ].join('\n');
}

async function run({ values }: ParsedArgs, io: Io): Promise<string> {
  const model = stringValue(values, 'model');
  const compareList = stringValue(values, 'compare')
    ?.split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (model === undefined && compareList === undefined) {
    throw new UsageError('estimate needs --model, or --compare with the models to rank.', spec.name);
  }
  if (compareList !== undefined && compareList.length === 0) throw new UsageError('--compare needs model ids, separated by commas.', spec.name);
  const scenario = scenarioOf(values);
  const spend = model === undefined ? undefined : estimateMonthlySpend({ model, ...scenario });
  const ranking =
    compareList === undefined ? undefined : compareModels(scenario, [...new Set(model === undefined ? compareList : [model, ...compareList])]);

  noteWarnings(io, [...(spend?.warnings ?? []), ...(ranking ?? []).flatMap((line) => line.spend.warnings)]);
  if (flag(values, 'json')) {
    const ranked = ranking?.map(({ spend: _spend, ...line }, i) => ({ rank: i + 1, ...line }));
    return `${JSON.stringify({ ...(spend !== undefined && { spend }), ...(ranked !== undefined && { ranking: ranked }) }, null, 2)}\n`;
  }
  const parts: string[] = [];
  if (spend !== undefined) parts.push(describeSpend(spend, scenario));
  if (ranking !== undefined) {
    const rows = ranking.map((line, i) => [
      String(i + 1),
      line.model + (line.model === spend?.model ? ' *' : ''),
      formatUsd(line.total),
      formatUsd(line.perRequest),
      fitsCell(line.context),
      line.spend.price.effectiveFrom ?? '',
      line.spend.pricesAsOf,
    ]);
    const table = formatTable(
      [
        { header: 'rank', align: 'right' },
        { header: 'model' },
        { header: 'a month', align: 'decimal' },
        { header: 'a request', align: 'decimal' },
        { header: 'fits one request' },
        { header: 'price since' },
        { header: 'checked' },
      ],
      rows,
    );
    const first = ranking[0]!.spend;
    const heading =
      spend === undefined
        ? [describeWorkload(first.requestsPerMonth, first.daysPerMonth, scenario), '', 'Ranked by monthly cost:']
        : ['Ranked by monthly cost (* is --model):'];
    parts.push([...heading, table].join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}

export const estimate: Command = { spec, run };
