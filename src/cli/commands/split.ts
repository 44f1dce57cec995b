import { createReadStream } from 'node:fs';
import { createTextSplitter, ENCODING_NAMES, PieceTooLongError, type EncodingName } from '../../index.js';
import { stringValue, wholeNumber, type CommandSpec, type ParsedArgs } from '../args.js';
import { ChunkLines } from '../chunk-lines.js';
import type { Command, CommandOutput } from '../command.js';
import { readFailure } from '../count-input.js';
import { InputError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { readText } from '../text-input.js';
import { uncutInput } from '../uncut.js';
import { approximationNote, DEFAULT_MODEL, selectTokenizer } from '../tokenizer.js';

const spec: CommandSpec = {
  name: 'split',
  summary: 'cut a file into chunks of at most N tokens, as JSON lines, in constant memory',
  usage: '--max-tokens <n> [--overlap <k>] [--model <id> | --encoding <name>] [file | -]',
  description: [
    "Cuts a file (or standard input, with - or a pipe) into chunks of at most --max-tokens tokens",
    'each, counted on their own, for retrieval and embedding: cut at token boundaries that are',
    'character boundaries, preferring a blank line, a line end or a sentence end in the last quarter',
    'of a chunk. With --overlap, each chunk repeats that many tokens from the end of the one before.',
    'The chunks are those of the library\'s splitByTokens on the whole text, found while reading, so',
    'memory stays flat however large the file.',
    '',
    'Prints one JSON object a line: {"text", "start", "end", "tokens", "startByte", "endByte"}. start',
    'and end count UTF-16 code units from the start of the input (JavaScript string indices, as',
    'splitByTokens gives them); startByte and endByte are UTF-8 byte offsets, the file\'s own when it',
    'is valid UTF-8. Lines are written as they are found: after an error, those already written stay',
    `and the exit code says the run failed. The default model is ${DEFAULT_MODEL}.`,
  ].join('\n'),
  options: {
    'max-tokens': { type: 'string', value: 'n', description: 'the most tokens a chunk may have (required)', minimum: 1 },
    overlap: { type: 'string', value: 'k', description: 'tokens each chunk repeats from the end of the one before, fewer than --max-tokens (default 0)' },
    model: { type: 'string', value: 'id', description: `count with this model's tokenizer (default ${DEFAULT_MODEL})` },
    encoding: { type: 'string', value: 'name', description: `count with an encoding: ${ENCODING_NAMES.join(', ')}` },
  },
  fieldFlags: {
    'options.maxTokens': 'max-tokens',
    'options.overlap': 'overlap',
  },
  positionals: true,
  examples: [
    'tokmeter split --max-tokens 512 --overlap 64 handbook.md',
    'tokmeter split --max-tokens 8000 --model text-embedding-3-small corpus.txt > chunks.jsonl',
    "cat notes.txt | tokmeter split --max-tokens 256 | jq -r .text",
  ],
};

/** --max-tokens and --overlap, checked here so that the messages name the flags. */
function readLimits(values: ParsedArgs['values']): { maxTokens: number; overlap: number } {
  if (stringValue(values, 'max-tokens') === undefined) throw new UsageError('split needs --max-tokens, the most tokens a chunk may have.', spec.name);
  const maxTokens = wholeNumber(values, 'max-tokens', spec.name)!;
  if (maxTokens < 1) throw new UsageError(`--max-tokens must be a whole number, 1 or more, got ${maxTokens}.`, spec.name);
  const overlap = wholeNumber(values, 'overlap', spec.name) ?? 0;
  if (overlap >= maxTokens) {
    throw new UsageError(`--overlap must be fewer than --max-tokens: a whole number from 0 to ${maxTokens - 1}, got ${overlap}.`, spec.name);
  }
  return { maxTokens, overlap };
}

async function run({ values, positionals }: ParsedArgs, io: Io): Promise<CommandOutput> {
  const { maxTokens, overlap } = readLimits(values);
  const model = stringValue(values, 'model');
  const encodingName = stringValue(values, 'encoding');
  if (model !== undefined && encodingName !== undefined) throw new UsageError('split takes --model or --encoding, not both.', spec.name);
  if (positionals.length > 1) throw new UsageError(`split reads one file at a time, got ${positionals.length}.`, spec.name);
  const path = positionals[0];
  const fromStdin = path === undefined || path === '-';
  if (path === undefined && io.stdin.isTTY === true) {
    throw new UsageError('split needs a FILE, or text piped into standard input (use - to type it).', spec.name);
  }
  const tokenizer = selectTokenizer({ model, encoding: encodingName });
  if (tokenizer.approximate) io.note(approximationNote(tokenizer));
  const splitter = createTextSplitter({ maxTokens, overlap, encoding: tokenizer.encoding.name as EncodingName });
  const lines = new ChunkLines();
  const name = fromStdin ? 'standard input' : path;
  let opened = fromStdin;
  try {
    let input: AsyncIterable<Buffer>;
    if (fromStdin) {
      input = io.stdin as AsyncIterable<Buffer>;
    } else {
      const stream = createReadStream(path, { highWaterMark: 1 << 16 });
      stream.once('open', () => {
        opened = true;
      });
      input = stream as AsyncIterable<Buffer>;
    }
    const write = async (text: string): Promise<void> => {
      const chunks = splitter.write(text);
      if (chunks.length > 0) await io.stdout.write(lines.lines(chunks));
    };
    const result = await readText(input, write);
    if (result.kind === 'binary') throw new InputError(`${name} looks ${result.reason}; tokmeter splits text.`, { path: name });
    const rest = splitter.end();
    if (rest.length > 0) await io.stdout.write(lines.lines(rest));
  } catch (error) {
    // Node's file-system errors carry a syscall; the library's errors and our own pass through.
    if (!fromStdin && typeof error === 'object' && error !== null && 'syscall' in error) throw readFailure(path, error, opened ? 'read' : 'open');
    if (error instanceof PieceTooLongError) throw uncutInput(name, error, 'split');
    throw error;
  }
  return '';
}

export const split: Command = { spec, run };
