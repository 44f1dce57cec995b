import { readdirSync, statSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { InputError } from './errors.js';
import { hasGlobChars, planGlob } from './glob.js';

/** One thing to count: a file (by the path the user will see) or standard input (`-`). */
export type Input = { kind: 'file'; path: string; size: number } | { kind: 'stdin' };

/**
 * Walks skip these unless they are named: hidden entries (`.git`, `.env`) and installed packages,
 * which are rarely what "count this folder" means.
 */
function skippedInWalk(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Every file under `directory`, depth first, entries in byte order so output is stable. Symbolic
 * links to files are followed; links to directories are not, which rules out cycles.
 */
function* walk(directory: string, depth: number, prefix: string[] = []): Generator<{ path: string; relative: string; size: number }> {
  if (depth <= 0) return;
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    throw new InputError(`cannot read the directory ${directory}: ${(error as Error).message}`, { path: directory, cause: error });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (skippedInWalk(entry.name)) continue;
    const path = join(directory, entry.name);
    const rel = [...prefix, entry.name];
    if (entry.isDirectory()) {
      yield* walk(path, depth - 1, rel);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      const stats = statOrUndefined(path);
      if (stats?.isFile() === true) yield { path, relative: rel.join('/'), size: stats.size };
    }
  }
}

function expandGlob(pattern: string): Input[] {
  const plan = planGlob(pattern.split(sep).join('/'));
  const base = statOrUndefined(plan.base);
  if (base?.isDirectory() !== true) return [];
  const found: Input[] = [];
  for (const file of walk(plan.base, plan.depth)) {
    if (plan.matchers.some((matcher) => matcher.test(file.relative))) found.push({ kind: 'file', path: file.path, size: file.size });
  }
  return found;
}

/**
 * Turns the command line's paths into inputs, in the order given: `-` is standard input, a
 * directory is walked, a path with `*`, `?` or `{` that does not exist as written is a glob. A path
 * that matches nothing is an input error naming it. A file named twice is counted once.
 */
export function expandInputs(args: readonly string[]): Input[] {
  const inputs: Input[] = [];
  const seen = new Set<string>();
  const add = (input: Input) => {
    const key = input.kind === 'stdin' ? '-' : relative('.', input.path);
    if (seen.has(key)) return;
    seen.add(key);
    inputs.push(input);
  };
  for (const arg of args) {
    if (arg === '-') {
      add({ kind: 'stdin' });
      continue;
    }
    const stats = statOrUndefined(arg);
    if (stats === undefined) {
      if (!hasGlobChars(arg)) throw new InputError(`no such file or directory: ${arg}`, { path: arg });
      const matches = expandGlob(arg);
      if (matches.length === 0) throw new InputError(`no files match ${arg}`, { path: arg });
      matches.forEach(add);
    } else if (stats.isDirectory()) {
      for (const file of walk(arg, Infinity)) add({ kind: 'file', path: file.path, size: file.size });
    } else {
      add({ kind: 'file', path: arg, size: stats.size });
    }
  }
  return inputs;
}
