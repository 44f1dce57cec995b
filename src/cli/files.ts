import { statSync, type Stats } from 'node:fs';
import { isAbsolute, normalize, relative, sep } from 'node:path';
import { describeFsError } from './fs-errors.js';
import { globMatcher, hasGlobChars, planGlob, type GlobMatcher } from './glob.js';
import { walkFolder, type WalkedFile, type WalkEvents } from './walk.js';

/**
 * One thing to count: a file (by the path the user will see) or standard input (`-`). `streamed`
 * marks a file that can only be read once, front to back, and whose size says nothing — a pipe
 * (`<(…)`) or a FIFO: it is sniffed as it is counted, on this thread.
 */
export type Input = { kind: 'file'; path: string; size: number; streamed: boolean } | { kind: 'stdin' };

/** A path that could not be used, or was left out, and why (`permission denied (EACCES)`). */
export interface InputFailure {
  path: string;
  reason: string;
}

/** Which files a walk keeps: ignore files on or off, and the --include / --exclude globs. */
export interface Selection {
  ignore: boolean;
  include: readonly string[];
  exclude: readonly string[];
}

export const DEFAULT_SELECTION: Selection = { ignore: true, include: [], exclude: [] };

export interface Expanded {
  inputs: Input[];
  /** Inputs that could not be read (exit code 5, or 2 when nothing was counted). */
  failures: InputFailure[];
  /** Entries left out on purpose: FIFOs and devices met in a walk, nested repositories. */
  skipped: InputFailure[];
}

function fileInput(path: string, stats: Stats): Input {
  // A regular file is read whole or by ranges (its size says how much; /proc files say 0 and are
  // read to their end). Anything else that reached here is a pipe or a FIFO.
  return { kind: 'file', path, size: stats.size, streamed: !stats.isFile() };
}

type Stat = { stats: Stats } | { error: unknown };

function stat(path: string): Stat {
  try {
    return { stats: statSync(path) };
  } catch (error) {
    return { error };
  }
}

/** Why a named path that is neither a file, a folder nor a pipe is refused, with what to do instead. */
function deviceReason(path: string, stats: Stats): string | undefined {
  if (stats.isCharacterDevice() || stats.isBlockDevice()) {
    const kind = stats.isCharacterDevice() ? 'a character device' : 'a block device';
    return `${kind}, which may never end; to count part of it, pipe it in: head -c 1000000 ${path} | tokmeter count`;
  }
  if (stats.isSocket()) return 'a socket; tokmeter reads files, folders and pipes';
  return undefined;
}

/** A path as --include and --exclude see it: `/`-separated, without a leading `./`. */
export function selectionPath(path: string): string {
  const slashed = sep === '/' ? path : path.split(sep).join('/');
  return slashed.replace(/^(?:\.\/)+/, '');
}

function matchers(patterns: readonly string[]): GlobMatcher[] {
  return patterns.map((pattern) => globMatcher(selectionPath(pattern)));
}

/**
 * Turns the command line's paths into inputs, in the order given: `-` is standard input, a
 * directory is walked (see walk.ts), a path with `*`, `?`, `[` or `{` that does not exist as written
 * is a glob, and one starting with `!` that does not exist is a glob of files to leave out (alone,
 * they leave them out of `.`). A file named twice is counted once. --include and --exclude select
 * among the files, by the path shown. `accepted` hears each input as it is added, with its index,
 * so that counting can start while the walk goes on. What cannot be used — a missing path, a glob that
 * matches nothing, a dangling link, a link loop, an unreadable directory, a device — is listed in
 * `failures`, once each, and the rest goes on.
 */
export function expandInputs(
  args: readonly string[],
  selection: Selection = DEFAULT_SELECTION,
  note: (message: string) => void = () => {},
  accepted: (input: Input, index: number) => void = () => {},
): Expanded {
  const inputs: Input[] = [];
  const failures: InputFailure[] = [];
  const skipped: InputFailure[] = [];
  const seen = new Set<string>();
  const notes = new Set<string>();
  const exclude = [...selection.exclude];
  const paths: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('!') && arg.length > 1 && 'error' in stat(arg)) exclude.push(arg.slice(1));
    else paths.push(arg);
  }
  if (paths.length === 0 && args.length > 0) paths.push('.');
  const included = matchers(selection.include);
  const excluded = matchers(exclude);
  const selected = (path: string) => {
    if (included.length === 0 && excluded.length === 0) return true;
    const shown = selectionPath(path);
    return (included.length === 0 || included.some((m) => m.test(shown))) && !excluded.some((m) => m.test(shown));
  };
  // Each input is final when added (selected, not a duplicate), so `accepted` can start on it at once.
  const add = (input: Input) => {
    if (input.kind === 'file' && !selected(input.path)) return;
    const key = input.kind === 'stdin' ? '-' : isAbsolute(input.path) ? relative('.', input.path) : normalize(input.path);
    if (seen.has(key)) return;
    seen.add(key);
    accepted(input, inputs.length);
    inputs.push(input);
  };
  const once = (list: InputFailure[]) => (problem: InputFailure) => {
    if (!list.some((f) => f.path === problem.path)) list.push(problem);
  };
  const events: WalkEvents = {
    fail: once(failures),
    skip: once(skipped),
    note: (message) => {
      if (!notes.has(message)) note(message);
      notes.add(message);
    },
  };
  const walk = (folder: string, depth: number, found: (file: WalkedFile) => void) => walkFolder(folder, { ignore: selection.ignore, depth }, events, found);


  for (const arg of paths) {
    if (arg === '-') {
      add({ kind: 'stdin' });
      continue;
    }
    const found = stat(arg);
    if ('error' in found) {
      if (!hasGlobChars(arg)) {
        events.fail({ path: arg, reason: describeFsError(found.error, arg) });
        continue;
      }
      const plan = planGlob(arg.split(sep).join('/'));
      const base = stat(plan.base);
      let matches = 0;
      if ('stats' in base && base.stats.isDirectory()) {
        walk(plan.base, plan.depth, (file) => {
          if (!plan.matchers.some((m) => m.test(file.relative))) return;
          matches++;
          add(fileInput(file.path, file.stats));
        });
      }
      if (matches === 0) events.fail({ path: arg, reason: selection.ignore ? 'no files match this glob (ignored files are left out; --no-ignore counts them)' : 'no files match this glob' });
    } else if (found.stats.isDirectory()) {
      let files = 0;
      walk(arg, Infinity, (file) => {
        files++;
        add(fileInput(file.path, file.stats));
      });
      // An empty folder is answered like a glob that matches nothing: the same failure, the same exit code.
      if (files === 0) events.fail({ path: arg, reason: selection.ignore ? 'no files in this folder (ignored files are left out; --no-ignore counts them)' : 'no files in this folder' });
    } else {
      const refused = deviceReason(arg, found.stats);
      if (refused === undefined) add(fileInput(arg, found.stats));
      else events.fail({ path: arg, reason: refused });
    }
  }

  return { inputs, failures, skipped };
}
