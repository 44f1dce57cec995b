import { readdirSync, statSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describeFsError } from './fs-errors.js';
import { hasGlobChars, planGlob } from './glob.js';

/**
 * One thing to count: a file (by the path the user will see) or standard input (`-`). `streamed`
 * marks a file that can only be read once, front to back, and whose size says nothing — a pipe
 * (`<(…)`), a device, a /proc file (size 0): it is sniffed as it is counted, on this thread.
 */
export type Input = { kind: 'file'; path: string; size: number; streamed: boolean } | { kind: 'stdin' };

/** A path that could not be used, and why (`permission denied (EACCES)`). */
export interface InputFailure {
  path: string;
  reason: string;
}

function fileInput(path: string, stats: Stats): Input {
  return { kind: 'file', path, size: stats.size, streamed: !stats.isFile() || stats.size === 0 };
}

/**
 * Walks skip these unless they are named: hidden entries (`.git`, `.env`) and installed packages,
 * which are rarely what "count this folder" means.
 */
function skippedInWalk(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

type Stat = { stats: Stats } | { error: unknown };

function stat(path: string): Stat {
  try {
    return { stats: statSync(path) };
  } catch (error) {
    return { error };
  }
}

/**
 * Every file under `directory`, depth first, entries in byte order so output is stable. Symbolic
 * links to files are followed; links to directories are not, which rules out cycles. A directory
 * that cannot be read, a dangling link or a link loop is handed to `fail` and the walk goes on.
 */
function* walk(
  directory: string,
  depth: number,
  fail: (failure: InputFailure) => void,
  prefix: string[] = [],
): Generator<{ path: string; relative: string; stats: Stats }> {
  if (depth <= 0) return;
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    fail({ path: directory, reason: `cannot read the directory: ${describeFsError(error, directory)}` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (skippedInWalk(entry.name)) continue;
    const path = join(directory, entry.name);
    const rel = [...prefix, entry.name];
    if (entry.isDirectory()) {
      yield* walk(path, depth - 1, fail, rel);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      const found = stat(path);
      if ('error' in found) fail({ path, reason: describeFsError(found.error, path) });
      else if (found.stats.isFile()) yield { path, relative: rel.join('/'), stats: found.stats };
    }
  }
}

function expandGlob(pattern: string, fail: (failure: InputFailure) => void): Input[] {
  const plan = planGlob(pattern.split(sep).join('/'));
  const base = stat(plan.base);
  if (!('stats' in base) || !base.stats.isDirectory()) return [];
  const found: Input[] = [];
  for (const file of walk(plan.base, plan.depth, fail)) {
    if (plan.matchers.some((matcher) => matcher.test(file.relative))) found.push(fileInput(file.path, file.stats));
  }
  return found;
}

/**
 * Turns the command line's paths into inputs, in the order given: `-` is standard input, a
 * directory is walked, a path with `*`, `?`, `[` or `{` that does not exist as written is a glob. A
 * file named twice is counted once. What cannot be used — a missing path, a glob that matches
 * nothing, a dangling link, a link loop, an unreadable directory — is listed in `failures`, once
 * each, and the rest goes on.
 */
export function expandInputs(args: readonly string[]): { inputs: Input[]; failures: InputFailure[] } {
  const inputs: Input[] = [];
  const failures: InputFailure[] = [];
  const seen = new Set<string>();
  const add = (input: Input) => {
    const key = input.kind === 'stdin' ? '-' : relative('.', input.path);
    if (seen.has(key)) return;
    seen.add(key);
    inputs.push(input);
  };
  const fail = (failure: InputFailure) => {
    if (!failures.some((f) => f.path === failure.path)) failures.push(failure);
  };
  for (const arg of args) {
    if (arg === '-') {
      add({ kind: 'stdin' });
      continue;
    }
    const found = stat(arg);
    if ('error' in found) {
      if (!hasGlobChars(arg)) {
        fail({ path: arg, reason: describeFsError(found.error, arg) });
        continue;
      }
      const matches = expandGlob(arg, fail);
      if (matches.length === 0) fail({ path: arg, reason: 'no files match this glob' });
      matches.forEach(add);
    } else if (found.stats.isDirectory()) {
      for (const file of walk(arg, Infinity, fail)) add(fileInput(file.path, file.stats));
    } else {
      add(fileInput(arg, found.stats));
    }
  }
  return { inputs, failures };
}
