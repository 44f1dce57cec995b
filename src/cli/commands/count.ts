import { availableParallelism } from 'node:os';
import type { EncodingName } from '../../index.js';
import { BatchCounter } from '../batch-pool.js';
import { isOpenEncodingName } from '../../encodings/open-data.js';
import { choice, flag, stringList, stringValue, wholeNumber, type CommandSpec, type ParsedArgs } from '../args.js';
import { atDay, AT_OPTION, noteWarnings } from '../at.js';
import { ENCODING_NAMES } from '../../index.js';
import { flagshipModels } from '../../pricing/index.js';
import type { Command, CommandOutput } from '../command.js';
import { renderCount, sortFiles } from '../count-report.js';
import { EXIT_INPUT, EXIT_OK, EXIT_PARTIAL, UsageError } from '../errors.js';
import { expandInputs, selectionPath, type Input, type InputFailure } from '../files.js';
import { answerFit, fitModels } from '../fit-report.js';
import { groupDigits } from '../format.js';
import type { Io } from '../io.js';
import { measureInputs } from '../measure.js';
import { startProgress } from '../progress.js';
import { SMALL_FILE_BYTES } from '../small-file.js';
import { approximationNote, DEFAULT_MODEL, selectTokenizer } from '../tokenizer.js';
import { buildTree, treeJson, type SortKey } from '../tree.js';

const spec: CommandSpec = {
  name: 'count',
  summary: 'count the tokens in files, directories, globs or standard input; size a repository',
  usage: '[options] [file | directory | glob | !glob | -]...',
  description: [
    'Counts the tokens of each file and the total. Directories are walked recursively: in a git work',
    'tree, the files git lists (.gitignore at every level, .git/info/exclude, tracked files), and a',
    ".tokmeterignore of the same syntax; elsewhere hidden entries and node_modules are left out too.",
    "Quote globs so tokmeter expands them: 'src/**/*.ts', 'docs/*.{md,txt}', '!**/*.test.ts' (left out).",
    'Files that look binary (a NUL byte or bytes that are not UTF-8 in their first 8 KiB) are',
    'skipped with a note on stderr. With no path, or with -, the text comes from standard input and',
    `the count alone is printed. The default model is ${DEFAULT_MODEL}.`,
    '',
    '--tree shows the folders with their totals, largest first; --top the largest files; --fit',
    "whether the whole selection fits each flagship model's context (or --models), and its cost.",
  ].join('\n'),
  options: {
    model: { type: 'string', value: 'id', description: `count with this model's tokenizer (default ${DEFAULT_MODEL})` },
    encoding: { type: 'string', value: 'name', description: `count with an encoding: ${ENCODING_NAMES.join(', ')}` },
    include: { type: 'string', value: 'glob', multiple: true, description: 'count only files whose path matches (repeatable; !glob leaves files out)' },
    exclude: { type: 'string', value: 'glob', multiple: true, description: 'leave out files whose path matches (repeatable)' },
    'no-ignore': { type: 'boolean', description: 'read no ignore files: walk every file but those in .git' },
    tree: { type: 'string', value: 'min', optionalNumber: true, description: 'show the folder tree with totals; entries under min tokens are summed up (default 0)' },
    top: { type: 'string', value: 'n', description: 'list the n largest files with their share of the tokens' },
    sort: { type: 'string', value: 'tokens|path', description: 'order of files and tree entries: largest first, or by path (default: the file list in walk order, the tree by tokens)' },
    fit: { type: 'boolean', description: 'whether everything counted fits, as one prompt, in each current flagship model, and its cost' },
    models: { type: 'string', value: 'a,b,c', description: 'the models --fit answers for (implies --fit)' },
    output: { type: 'string', value: 'n', description: 'with --fit: output tokens to keep room for, and to price (default 0)' },
    at: { ...AT_OPTION, description: 'with --fit: the day whose models, prices and lifecycle apply (default today, UTC)' },
    json: { type: 'boolean', description: 'print the counts as JSON' },
    jobs: { type: 'string', value: 'n', description: 'threads to count on (default one per core, used when there is enough to count; 1 counts on the main thread)' },
    'no-progress': { type: 'boolean', description: 'never draw the progress bar (it is drawn only on a terminal, for large inputs)' },
  },
  positionals: true,
  examples: [
    'tokmeter count README.md',
    "tokmeter count src 'docs/**/*.md' --model gpt-4.1",
    'cat prompt.txt | tokmeter count --encoding cl100k_base',
    'tokmeter count . --tree 1000 --top 10',
    "tokmeter count . --exclude '**/*.test.ts' --fit --output 8000",
    'tokmeter count . --models gpt-4.1,claude-sonnet-5-5 --json',
  ],
};

/** Where the bar goes with --no-progress: a stream that is not a terminal gets none. */
const NOT_A_TERMINAL = { write: () => true };

/** Notes on skipped files beyond this many are summed up in one line (--json lists them all). */
const SKIP_NOTES = 20;

interface Options {
  tree: number | undefined;
  top: number | undefined;
  sort: SortKey | undefined;
  fit: string[] | undefined;
  output: number;
  at: string;
}

function readOptions(values: ParsedArgs['values']): Options {
  const treeText = stringValue(values, 'tree');
  const tree = treeText === undefined ? undefined : treeText === '' ? 0 : wholeNumber({ tree: treeText }, 'tree', spec.name);
  const top = wholeNumber(values, 'top', spec.name);
  if (top === 0) throw new UsageError('--top must be at least 1.', spec.name);
  const sort = choice(values, 'sort', ['tokens', 'path'] as const, spec.name);
  const modelsText = stringValue(values, 'models');
  const fit = flag(values, 'fit') || modelsText !== undefined;
  const output = wholeNumber(values, 'output', spec.name);
  if (!fit && (output !== undefined || stringValue(values, 'at') !== undefined)) {
    throw new UsageError('--output and --at apply to --fit (or --models); add --fit.', spec.name);
  }
  const at = atDay(values, spec.name);
  let models: string[] | undefined;
  if (fit) {
    models = modelsText === undefined ? flagshipModels({ at }).map((model) => model.id) : modelsText.split(',').map((id) => id.trim()).filter((id) => id !== '');
    if (models.length === 0) throw new UsageError(modelsText === undefined ? `no flagship model is priced on ${at}; name some with --models.` : '--models needs model ids, such as --models gpt-4.1,claude-sonnet-5-5.', spec.name);
  }
  return { tree, top, sort, fit: models, output: output ?? 0, at };
}

/** The notes for skipped files: each named, up to `SKIP_NOTES`, then one line for the rest. */
function noteSkipped(io: Io, skipped: readonly InputFailure[]): void {
  skipped.slice(0, SKIP_NOTES).forEach(({ path, reason }) => io.note(`skipped ${path}: ${reason}`));
  if (skipped.length > SKIP_NOTES) io.note(`skipped ${groupDigits(skipped.length - SKIP_NOTES)} more (the "skipped" list of --json names them all).`);
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
  if (stringList(values, 'exclude').some((pattern) => pattern.startsWith('!'))) {
    throw new UsageError("--exclude takes a glob of files to leave out; to keep only some files, use --include GLOB.", spec.name);
  }
  const options = readOptions(values);
  const tokenizer = selectTokenizer({ model, encoding: encodingName });
  if (tokenizer.approximate) io.note(approximationNote(tokenizer));
  const fitting = options.fit === undefined ? [] : fitModels(options.fit);
  // One pass over the files counts every encoding needed: the one shown, and those of the --fit models.
  const encodings = [...new Set([tokenizer.encoding.name as EncodingName, ...fitting.map((m) => m.encoding)])];
  const jobsGiven = wholeNumber(values, 'jobs', spec.name);
  // Worker threads load encodings by name and have no tokmeter-open data: those count on this thread.
  const jobs = encodings.some((name) => isOpenEncodingName(name) || name === ('gemma3' as string)) ? 1 : (jobsGiven ?? availableParallelism());
  if (jobs < 1) throw new UsageError('--jobs must be at least 1.', spec.name);

  const selection = { ignore: !flag(values, 'no-ignore'), include: stringList(values, 'include'), exclude: stringList(values, 'exclude') };
  // Small files go to batch workers as the walk finds them (the workers start once there are enough).
  // This thread counts batches too once the walk is over, so it is one of the --jobs threads.
  const counter = jobs > 1 && io.workerScript !== undefined ? new BatchCounter({ workers: jobs - 1, script: io.workerScript, encodings }) : undefined;
  const offer = (input: Input, index: number) => {
    if (input.kind === 'file' && !input.streamed && input.size <= SMALL_FILE_BYTES) counter?.offer(index, input);
  };
  let expanded;
  let measured;
  try {
    expanded = positionals.length === 0 ? { inputs: [{ kind: 'stdin' } as Input], failures: [], skipped: [] } : expandInputs(positionals, selection, io.note, offer);
    const { inputs } = expanded;
    const work = {
      bytes: inputs.reduce((sum, input) => sum + (input.kind === 'file' && !input.streamed ? input.size : 0), 0),
      files: inputs.filter((input) => input.kind === 'file').length,
    };
    const progress = startProgress(flag(values, 'no-progress') ? NOT_A_TERMINAL : io.stderr, work);
    try {
      measured = await measureInputs(inputs, io, { encodings, jobs, jobsGiven: jobsGiven !== undefined, progress, counter });
    } finally {
      progress.finish();
    }
  } finally {
    // Workers left running (an error on the way) would keep the process alive.
    counter?.close();
  }
  const { inputs } = expanded;
  const skipped = [...expanded.skipped, ...measured.skipped];
  const failures = [...expanded.failures, ...measured.failures];
  noteSkipped(io, skipped);
  for (const failure of failures) io.note(`cannot count ${failure.path}: ${failure.reason}`);
  if (measured.counted.length === 0 && failures.length > 0) {
    // Nothing could be counted: an input error, with nothing on stdout (each failure named above).
    return { stdout: '', code: EXIT_INPUT };
  }

  const counted = measured.counted.map((file) => ({ path: file.path, tokens: file.tokens[0]!, bytes: file.bytes }));
  const total = {
    files: counted.length,
    tokens: counted.reduce((sum, file) => sum + file.tokens, 0),
    bytes: counted.reduce((sum, file) => sum + file.bytes, 0),
  };
  const totalIn = (encoding: EncodingName) => {
    const e = encodings.indexOf(encoding);
    return measured.counted.reduce((sum, file) => sum + file.tokens[e]!, 0);
  };
  const fit = options.fit === undefined ? undefined : answerFit(fitting, totalIn, options.output, options.at);
  for (const answer of fit ?? []) noteWarnings(io, answer.warnings);
  const tree = options.tree === undefined ? undefined : buildTree(counted.map((file) => ({ ...file, path: selectionPath(file.path) })), options.sort ?? 'tokens');
  const code = failures.length > 0 ? EXIT_PARTIAL : EXIT_OK;

  if (flag(values, 'json')) {
    const result = {
      encoding: tokenizer.encoding.name,
      model: tokenizer.model ?? null,
      approximate: tokenizer.approximate,
      files: options.sort === undefined ? counted : sortFiles(counted, options.sort),
      skipped,
      failed: failures,
      total,
      ...(tree !== undefined && { tree: treeJson(tree) }),
      ...(options.top !== undefined && { top: sortFiles(counted, 'tokens').slice(0, options.top) }),
      ...(fit !== undefined && { fit: { at: options.at, outputTokens: options.output, models: fit } }),
    };
    return { stdout: `${JSON.stringify(result, null, 2)}\n`, code };
  }
  if (positionals.length === 0 || (inputs.length === 1 && inputs[0]?.kind === 'stdin' && failures.length === 0)) {
    if (fit === undefined) return { stdout: `${total.tokens}\n`, code };
  }
  const report = { counted, encoding: tokenizer.encoding.name, sort: options.sort, top: options.top, fit: fit && { answers: fit, output: options.output, at: options.at } };
  return { stdout: renderCount({ ...report, tree: tree && { root: tree, min: options.tree! } }), code };
}

export const count: Command = { spec, run };
