import { flag, stringValue, type CommandSpec, type ParsedArgs } from '../args.js';
import type { Command } from '../command.js';
import { countPath, countStdin } from '../count-input.js';
import { UsageError } from '../errors.js';
import { expandInputs, type Input } from '../files.js';
import { groupDigits } from '../format.js';
import type { Io } from '../io.js';
import { startProgress } from '../progress.js';
import { formatTable, type Row } from '../table.js';
import { approximationNote, DEFAULT_MODEL, selectTokenizer } from '../tokenizer.js';

const spec: CommandSpec = {
  name: 'count',
  summary: 'count the tokens in files, directories, globs or standard input',
  usage: '[options] [file | directory | glob | -]...',
  description: [
    'Counts the tokens of each file and the total. Directories are walked recursively (hidden',
    'entries and node_modules are skipped unless named); quote globs so tokmeter expands them:',
    "'src/**/*.ts', 'docs/*.{md,txt}'. Files that look binary (a NUL byte or bytes that are not",
    'UTF-8 in their first 8 KiB) are skipped with a note on stderr. With no path, or with -, the',
    `text comes from standard input and the count alone is printed. The default model is ${DEFAULT_MODEL}.`,
  ].join('\n'),
  options: {
    model: { type: 'string', value: 'id', description: `count with this model's tokenizer (default ${DEFAULT_MODEL})` },
    encoding: { type: 'string', value: 'name', description: 'count with an encoding: o200k_base, cl100k_base, p50k_base, r50k_base, o200k_harmony' },
    json: { type: 'boolean', description: 'print the counts as JSON' },
    'no-progress': { type: 'boolean', description: 'never draw the progress bar (it is drawn only on a terminal, for large inputs)' },
  },
  positionals: true,
  examples: ['tokmeter count README.md', "tokmeter count src 'docs/**/*.md' --model gpt-4.1", 'cat prompt.txt | tokmeter count --encoding cl100k_base', 'tokmeter count . --json'],
};

/** Where the bar goes with --no-progress: a stream that is not a terminal gets none. */
const NOT_A_TERMINAL = { write: () => true };

interface Counted {
  path: string;
  tokens: number;
  bytes: number;
}

async function run({ values, positionals }: ParsedArgs, io: Io): Promise<string> {
  const model = stringValue(values, 'model');
  const encodingName = stringValue(values, 'encoding');
  if (model !== undefined && encodingName !== undefined) {
    throw new UsageError('count takes --model or --encoding, not both.', spec.name);
  }
  if (positionals.length === 0 && io.stdin.isTTY === true) {
    throw new UsageError('count needs files, directories or globs, or text piped into standard input (use - to type it).', spec.name);
  }
  const tokenizer = selectTokenizer({ model, encoding: encodingName });
  if (tokenizer.approximate) io.note(approximationNote(tokenizer));
  const encoding = tokenizer.encoding.name;
  const inputs: Input[] = positionals.length === 0 ? [{ kind: 'stdin' }] : expandInputs(positionals);

  const fileInputs = inputs.filter((input) => input.kind === 'file');
  const progress = startProgress(flag(values, 'no-progress') ? NOT_A_TERMINAL : io.stderr, {
    bytes: fileInputs.reduce((sum, input) => sum + input.size, 0),
    files: fileInputs.length,
  });
  const counted: Counted[] = [];
  const skipped: { path: string; reason: string }[] = [];
  try {
    for (const input of inputs) {
      if (input.kind === 'stdin') {
        counted.push({ path: '-', ...(await countStdin(io, encoding)) });
        continue;
      }
      const result = await countPath(input.path, encoding, (bytes) => progress.advance(bytes));
      if (result.kind === 'binary') skipped.push({ path: input.path, reason: result.reason });
      else counted.push({ path: input.path, tokens: result.tokens, bytes: result.bytes });
      progress.fileDone();
    }
  } finally {
    progress.finish();
  }
  for (const { path, reason } of skipped) io.note(`skipped ${path}: ${reason}`);

  const total = {
    files: counted.length,
    tokens: counted.reduce((sum, file) => sum + file.tokens, 0),
    bytes: counted.reduce((sum, file) => sum + file.bytes, 0),
  };
  if (flag(values, 'json')) {
    const result = {
      encoding: tokenizer.encoding.name,
      model: tokenizer.model ?? null,
      approximate: tokenizer.approximate,
      files: counted,
      skipped,
      total,
    };
    return `${JSON.stringify(result, null, 2)}\n`;
  }
  if (positionals.length === 0 || (inputs.length === 1 && inputs[0]?.kind === 'stdin')) {
    return `${total.tokens}\n`;
  }
  const rows: Row[] = counted.map((file) => [groupDigits(file.tokens), groupDigits(file.bytes), file.path]);
  if (counted.length !== 1) {
    const filesWord = total.files === 1 ? 'file' : 'files';
    rows.push('rule', [groupDigits(total.tokens), groupDigits(total.bytes), `total, ${total.files} ${filesWord} (${tokenizer.encoding.name})`]);
  }
  return `${formatTable([{ header: 'tokens', align: 'right' }, { header: 'bytes', align: 'right' }, { header: 'file' }], rows)}\n`;
}

export const count: Command = { spec, run };
