import { checkContext } from '../../pricing/index.js';
import { contextTokens } from '../../pricing/stand-in-counts.js';
import { flag, requireString, wholeNumber, type CommandSpec, type ParsedArgs } from '../args.js';
import type { Command } from '../command.js';
import { countOneInput } from '../count-input.js';
import { UsageError } from '../errors.js';
import { groupDigits } from '../format.js';
import type { Io } from '../io.js';
import { limitName } from '../limits.js';
import { formatTable } from '../table.js';
import { approximationNote, catalogTokenizer } from '../tokenizer.js';
import { atDay, AT_OPTION, noteWarnings } from '../at.js';

const spec: CommandSpec = {
  name: 'fit',
  summary: "whether a file fits a model's context, and the room left or the overflow",
  usage: '--model <id> [--max-output <n>] <file | ->',
  description: [
    "Counts a file (or standard input, with - or a pipe) with the model's tokenizer and checks it",
    'as a prompt against the model: the prompt within the max input, --max-output within the max',
    'output, and both together within the context window. Prints the room left, or which limit',
    "is broken and by how much. Not fitting is an answer, not an error: the exit code is 0; read",
    '"fits" from --json in scripts.',
  ].join('\n'),
  options: {
    model: { type: 'string', value: 'id', description: 'the model (required)' },
    'max-output': { type: 'string', value: 'n', description: 'output tokens to reserve, the request\'s max_tokens (default 0)' },
    at: AT_OPTION,
    json: { type: 'boolean', description: 'print the check as JSON' },
  },
  fieldFlags: {
    'options.maxOutputTokens': 'max-output',
    'options.at': 'at',
    'options.model': 'model',
  },
  positionals: true,
  examples: ['tokmeter fit --model gpt-4o README.md', 'tokmeter fit --model gpt-4o-mini --max-output 4096 transcript.txt', 'git diff | tokmeter fit --model o4-mini -'],
};

async function run({ values, positionals }: ParsedArgs, io: Io): Promise<string> {
  const model = requireString(values, 'model', spec.name);
  const maxOutput = wholeNumber(values, 'max-output', spec.name);
  if (positionals.length > 1) throw new UsageError(`fit checks one file at a time, got ${positionals.length}.`, spec.name);
  const tokenizer = catalogTokenizer(model);
  if (tokenizer.approximate) io.note(approximationNote(tokenizer));
  // Counted as a stream (constant memory), then checked as a count; a count carries no tokenizer,
  // so whether it is approximate comes from the tokenizer used.
  const { tokens, name } = await countOneInput(positionals[0], io, spec.name, tokenizer.encoding.name);
  // Claude's count is the stand-in's times its measured upper ratio (contextTokens), as in checkContext.
  const prompt = contextTokens(model, tokens);
  const check = {
    ...checkContext({ model, input: prompt.tokens, ...(maxOutput !== undefined && { maxOutputTokens: maxOutput }), at: atDay(values, spec.name) }),
    approximate: tokenizer.approximate,
    ...(prompt.band !== undefined && { band: prompt.band, standInTokens: tokens }),
  };
  noteWarnings(io, check.warnings);
  if (flag(values, 'json')) return `${JSON.stringify({ file: name, encoding: tokenizer.encoding.name, ...check }, null, 2)}\n`;

  const headline = check.fits
    ? `fits: ${name} is ${groupDigits(check.inputTokens)} tokens; ${groupDigits(check.remaining)} more would fit in ${check.model}.`
    : check.limit === 'maxOutputTokens'
      ? `does not fit: --max-output ${groupDigits(check.outputTokens)} is ${groupDigits(check.overBy)} over ${check.model}'s max output.`
      : `does not fit: ${name} is ${groupDigits(check.overBy)} tokens over ${check.model}'s ${limitName(check)}.`;
  const rows = [
    [
      'prompt',
      groupDigits(check.inputTokens),
      prompt.band !== undefined
        ? `${tokenizer.encoding.name} counts ${groupDigits(tokens)}; × ${prompt.band.high} for headroom (docs/claude-counts.md)`
        : `${tokenizer.encoding.name}${check.approximate ? ', approximate' : ''}`,
    ],
    ['output reserved', groupDigits(check.outputTokens), ''],
    ['max input', groupDigits(check.maxInputTokens), ''],
    ['max output', groupDigits(check.maxOutputTokens), ''],
    ['context window', groupDigits(check.contextWindow), 'prompt + output'],
  ];
  const table = formatTable([{ header: '' }, { header: 'tokens', align: 'right' }, { header: '' }], rows);
  return `${headline}\n\n${table}\n`;
}

export const fit: Command = { spec, run };
