import { availableParallelism } from 'node:os';
import type { EncodingName } from '../../index.js';
import { countFiles } from '../../parallel/index.js';
import { flag, stringValue, wholeNumber, type CommandSpec, type ParsedArgs } from '../args.js';
import type { Command, CommandOutput } from '../command.js';
import { countPath, countStdin, sniffFile } from '../count-input.js';
import { EXIT_INPUT, EXIT_OK, EXIT_PARTIAL, InputError, UsageError } from '../errors.js';
import { expandInputs, type Input, type InputFailure } from '../files.js';
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
    jobs: { type: 'string', value: 'n', description: 'worker threads (default: one per core for inputs over 128 MiB; given, they count inputs over 32 MiB; 1 counts on the main thread)' },
    'no-progress': { type: 'boolean', description: 'never draw the progress bar (it is drawn only on a terminal, for large inputs)' },
  },
  positionals: true,
  examples: ['tokmeter count README.md', "tokmeter count src 'docs/**/*.md' --model gpt-4.1", 'cat prompt.txt | tokmeter count --encoding cl100k_base', 'tokmeter count . --json'],
};

/**
 * Text at least this large is counted by the library's worker pool (`countFiles`) on every core,
 * with large files cut at safe places. Below it the files are streamed one by one on this thread:
 * each worker loads the encoding and warms up its JIT and caches, which on the 2-core machine this
 * was measured on cost as much as it saved up to about 40 MB (4 × 10.7 MB: 0.79 s on this thread,
 * 0.80 s on 2 workers), while 177 MB ran 1.42× faster on 2 workers. An explicit `--jobs n` uses
 * the pool from PARALLEL_BYTES_WITH_JOBS.
 */
const PARALLEL_BYTES = 128 * 1024 * 1024;
const PARALLEL_BYTES_WITH_JOBS = 32 * 1024 * 1024;

/** Where the bar goes with --no-progress: a stream that is not a terminal gets none. */
const NOT_A_TERMINAL = { write: () => true };

interface Counted {
  path: string;
  tokens: number;
  bytes: number;
}

type Failure = InputFailure;

/** The note for an input that could not be counted, once per input. */
function failureNote(failure: Failure): string {
  return `cannot count ${failure.path}: ${failure.reason}`;
}

/** `error` as a failure of `path` when it is an input's own problem (unreadable, vanished); anything else is rethrown. */
function failureOf(path: string, error: unknown): Failure {
  if (error instanceof InputError) return { path, reason: error.reason ?? error.message.replace(/^tokmeter: /, '') };
  throw error;
}

/** Counts text files one by one on this thread; a file that fails is listed and the rest go on. */
async function countEach(
  files: readonly { path: string }[],
  encoding: string,
  onBytes: (bytes: number) => void,
  found: { byPath: Map<string, { tokens: number; bytes: number }>; skipped: Failure[]; failures: Failure[] },
): Promise<void> {
  for (const file of files) {
    try {
      const result = await countPath(file.path, encoding, onBytes);
      // Sniffed again as it streams: a file rewritten since the sniff is judged as it is now.
      if (result.kind === 'binary') found.skipped.push({ path: file.path, reason: result.reason });
      else found.byPath.set(file.path, result);
    } catch (error) {
      found.failures.push(failureOf(file.path, error));
    }
  }
}

async function run({ values, positionals }: ParsedArgs, io: Io): Promise<CommandOutput> {
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
  const jobsGiven = wholeNumber(values, 'jobs', spec.name);
  const jobs = jobsGiven ?? availableParallelism();
  if (jobs < 1) throw new UsageError('--jobs must be at least 1.', spec.name);
  const { inputs, failures } = positionals.length === 0 ? { inputs: [{ kind: 'stdin' } as Input], failures: [] } : expandInputs(positionals);

  // Regular files are sniffed first, by their first 8 KiB, so the counting below sees only text.
  // Streamed inputs (pipes, devices, /proc) can be read once only: they are sniffed as they count.
  const skipped: Failure[] = [];
  const textFiles: { path: string; size: number }[] = [];
  const streamed: { path: string }[] = [];
  for (const input of inputs) {
    if (input.kind !== 'file') continue;
    if (input.streamed) {
      streamed.push(input);
      continue;
    }
    try {
      const reason = await sniffFile(input.path);
      if (reason === undefined) textFiles.push(input);
      else skipped.push({ path: input.path, reason });
    } catch (error) {
      failures.push(failureOf(input.path, error));
    }
  }

  const work = { bytes: textFiles.reduce((sum, file) => sum + file.size, 0), files: textFiles.length + streamed.length };
  const progress = startProgress(flag(values, 'no-progress') ? NOT_A_TERMINAL : io.stderr, work);
  const found = { byPath: new Map<string, { tokens: number; bytes: number }>(), skipped, failures };
  try {
    let sequential: readonly { path: string }[] = textFiles;
    if (jobs > 1 && work.bytes >= (jobsGiven === undefined ? PARALLEL_BYTES : PARALLEL_BYTES_WITH_JOBS)) {
      let reported = 0;
      try {
        const counts = await countFiles(
          textFiles.map((file) => file.path),
          {
            encoding: encoding as EncodingName,
            concurrency: jobs,
            onProgress: (countedBytes) => {
              progress.advance(countedBytes - reported);
              reported = countedBytes;
            },
          },
        );
        for (const count of counts) found.byPath.set(count.path, count);
        sequential = [];
      } catch {
        // A file failed in a worker (unreadable, deleted or changed mid-run): count them one by one
        // instead, so the file is named with its reason and the others still count.
      }
    }
    await countEach([...sequential, ...streamed], encoding, (bytes) => progress.advance(bytes), found);
  } finally {
    progress.finish();
  }
  const counted: Counted[] = [];
  for (const input of inputs) {
    if (input.kind === 'stdin') counted.push({ path: '-', ...(await countStdin(io, encoding)) });
    else {
      const count = found.byPath.get(input.path);
      if (count !== undefined) counted.push({ path: input.path, tokens: count.tokens, bytes: count.bytes });
    }
  }
  for (const { path, reason } of skipped) io.note(`skipped ${path}: ${reason}`);
  for (const failure of failures) io.note(failureNote(failure));
  if (counted.length === 0 && failures.length > 0) {
    // Nothing could be counted: an input error, with nothing on stdout (each failure named above).
    return { stdout: '', code: EXIT_INPUT };
  }

  const total = {
    files: counted.length,
    tokens: counted.reduce((sum, file) => sum + file.tokens, 0),
    bytes: counted.reduce((sum, file) => sum + file.bytes, 0),
  };
  const code = failures.length > 0 ? EXIT_PARTIAL : EXIT_OK;
  if (flag(values, 'json')) {
    const result = {
      encoding: tokenizer.encoding.name,
      model: tokenizer.model ?? null,
      approximate: tokenizer.approximate,
      files: counted,
      skipped,
      failed: failures,
      total,
    };
    return { stdout: `${JSON.stringify(result, null, 2)}\n`, code };
  }
  if (positionals.length === 0 || (inputs.length === 1 && inputs[0]?.kind === 'stdin' && failures.length === 0)) {
    return { stdout: `${total.tokens}\n`, code };
  }
  const rows: Row[] = counted.map((file) => [groupDigits(file.tokens), groupDigits(file.bytes), file.path]);
  if (counted.length !== 1) {
    const filesWord = total.files === 1 ? 'file' : 'files';
    rows.push('rule', [groupDigits(total.tokens), groupDigits(total.bytes), `total, ${total.files} ${filesWord} (${tokenizer.encoding.name})`]);
  }
  return { stdout: `${formatTable([{ header: 'tokens', align: 'right' }, { header: 'bytes', align: 'right' }, { header: 'file' }], rows)}\n`, code };
}

export const count: Command = { spec, run };
