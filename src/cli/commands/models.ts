import { getModel, listModels, NoPriceOnDateError, type ModelInfo } from '../../pricing/index.js';
import { atDay, AT_OPTION } from '../at.js';
import { flag, stringValue, type CommandSpec, type ParsedArgs } from '../args.js';
import type { Command } from '../command.js';
import { InputError } from '../errors.js';
import { formatPrice, groupDigits } from '../format.js';
import { formatTable } from '../table.js';

const spec: CommandSpec = {
  name: 'models',
  summary: 'the priced models: context sizes, prices and the date they were checked',
  usage: '[--provider <name>] [--json]',
  description: [
    "The price catalog as a table: each model's context window, max input and output, standard-tier prices",
    'in USD per 1M tokens on the day asked about (--at, default today), the day that price took effect,',
    'and whether the model is active, deprecated or shut down then. A model whose tokenizer is not',
    'public is marked ~: its counts use o200k_base and are approximate. Models not yet priced on that',
    'day are left out; shut-down models are listed only with --all.',
  ].join('\n'),
  options: {
    provider: { type: 'string', value: 'name', description: 'only this provider: openai, anthropic or google' },
    all: { type: 'boolean', description: 'list shut-down models too' },
    at: AT_OPTION,
    json: { type: 'boolean', description: 'print the models as JSON, with every tier and the sources' },
  },
  positionals: false,
  examples: ['tokmeter models', 'tokmeter models --provider anthropic', 'tokmeter models --all --at 2026-06-01'],
};

/** The status column: blank for an active model with no shutdown date, else the status and the date. */
function statusCell(model: ModelInfo): string {
  if (model.status === 'shut-down') return `shut down ${model.shutdownOn}`;
  const until = model.shutdownOn === undefined ? '' : `until ${model.shutdownOn}`;
  return model.status === 'deprecated' ? `deprecated${until === '' ? '' : `, ${until}`}` : until;
}

async function run({ values }: ParsedArgs): Promise<string> {
  const provider = stringValue(values, 'provider')?.toLowerCase();
  const at = atDay(values, spec.name);
  const all: ModelInfo[] = listModels().flatMap((id) => {
    try {
      return [getModel(id, { at })];
    } catch (error) {
      if (error instanceof NoPriceOnDateError) return []; // not yet priced on that day
      throw error;
    }
  });
  const providers = [...new Set(all.map((model) => model.provider))].sort();
  if (provider !== undefined && !providers.includes(provider)) {
    throw new InputError(`no models from provider ${JSON.stringify(provider)}. Providers: ${providers.join(', ')}.`);
  }
  const shown = all.filter(
    (model) => (provider === undefined || model.provider === provider) && (flag(values, 'all') || model.status !== 'shut-down'),
  );
  if (flag(values, 'json')) return `${JSON.stringify(shown, null, 2)}\n`;

  const rows = shown.map((model) => {
    const { standard } = model.pricing;
    return [
      model.id + (model.tokenizer.exact ? '' : ' ~'),
      model.provider,
      groupDigits(model.contextWindow),
      groupDigits(model.maxInputTokens),
      groupDigits(model.maxOutputTokens),
      formatPrice(standard.input),
      formatPrice(standard.cachedInput),
      formatPrice(standard.output),
      model.price.effectiveFrom ?? '',
      statusCell(model),
    ];
  });
  const table = formatTable(
    [
      { header: 'model' },
      { header: 'provider' },
      { header: 'context', align: 'right' },
      { header: 'max input', align: 'right' },
      { header: 'max output', align: 'right' },
      { header: 'input', align: 'decimal' },
      { header: 'cached', align: 'decimal' },
      { header: 'output', align: 'decimal' },
      { header: 'price since' },
      { header: 'status' },
    ],
    rows,
  );
  return (
    `${table}\n\nPrices in USD per 1M tokens, standard tier, on ${at}; - means no cached price. ~ marks approximate token counts.\n` +
    'tokmeter models --json shows every dated price row, tier, source and lifecycle date.\n'
  );
}

export const models: Command = { spec, run };
