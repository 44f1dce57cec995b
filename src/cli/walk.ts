import { readdirSync, readFileSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describeFsError } from './fs-errors.js';
import { readIndexPaths } from './git-index.js';
import { findRepo, type GitRepo } from './git-repo.js';
import { byteString, isIgnored, parseIgnoreFile, type IgnoreFile } from './ignore-rules.js';

/**
 * Walking a folder for `tokmeter count`, in one of three modes:
 *
 * - **in a git work tree** (ignore files on, the default): the files `git ls-files --cached
 *   --others --exclude-standard` lists — every `.gitignore` from the top of the work tree down,
 *   `.git/info/exclude`, hidden files included, `.git` and nested repositories (submodules) left
 *   out, and tracked files counted even where an ignore rule matches them. The user's global
 *   excludes file (core.excludesFile) is not read, so that a checkout counts the same for everyone.
 * - **outside one** (ignore files on): the `.gitignore` files inside the folder apply, and hidden
 *   entries and `node_modules` are left out, as tokmeter always did.
 * - **--no-ignore**: every file but those inside `.git`.
 *
 * In the first two, a `.tokmeterignore` beside a `.gitignore` adds rules of the same syntax that win
 * over it (`!dist/` counts a folder git ignores). A folder the user names is walked even if an ignore
 * rule matches it; inside it the rules apply. Links to files are followed, links to folders are not
 * (which rules out cycles). Entries are visited in byte order, so output is stable; tracked files
 * that an ignore rule matches come after the others.
 */

export interface WalkedFile {
  /** The path as the user will see it: the walked folder joined with the path below it. */
  path: string;
  /** The path below the walked folder, `/`-separated. */
  relative: string;
  stats: Stats;
}

/** Something the walk could not use, or chose to leave out, and why. */
export interface WalkProblem {
  path: string;
  reason: string;
}

export interface WalkEvents {
  /** A path that could not be read: an unreadable folder, a dangling link, a link loop. */
  fail(problem: WalkProblem): void;
  /** A path left out on purpose, reported once: a FIFO, a device, a socket, a nested repository. */
  skip(problem: WalkProblem): void;
  /** Anything else worth a line on stderr: an ignore file's line that can never match. */
  note(message: string): void;
}

export interface WalkOptions {
  /** Read ignore files (and, outside a work tree, leave hidden entries and node_modules out). */
  ignore: boolean;
  /** How many folder levels to go down; Infinity for all. */
  depth: number;
}

/** The ignore files read in each folder, in this order: the second's rules win over the first's. */
const IGNORE_FILES = ['.gitignore', '.tokmeterignore'] as const;

interface Context {
  repo: GitRepo | undefined;
  casefold: boolean;
  events: WalkEvents;
  options: WalkOptions;
  /** Paths (from the top of the work tree) that ignore rules left out, for the tracked-file check. */
  excluded: Set<string>;
  found: (file: WalkedFile) => void;
}

function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The ignore files among a folder's entries, parsed, with their invalid lines noted. */
function readIgnoreFiles(folder: string, entries: readonly Dirent[] | undefined, base: string, context: Context): IgnoreFile[] {
  const files: IgnoreFile[] = [];
  for (const name of IGNORE_FILES) {
    if (entries !== undefined && !entries.some((entry) => entry.name === name && !entry.isDirectory())) continue;
    const path = join(folder, name);
    let bytes: string;
    try {
      bytes = readFileSync(path).toString('latin1');
    } catch (error) {
      if (entries !== undefined) context.events.note(`cannot read ${path}: ${describeFsError(error, path)}; its rules are not applied.`);
      continue;
    }
    files.push(parseNoting(path, bytes, base, context));
  }
  return files;
}

/** Folder entries, or undefined (reported) when the folder cannot be listed. */
function list(folder: string, context: Context): Dirent[] | undefined {
  try {
    return readdirSync(folder, { withFileTypes: true }).sort(byName);
  } catch (error) {
    context.events.fail({ path: folder, reason: `cannot read the directory: ${describeFsError(error, folder)}` });
    return undefined;
  }
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function visit(folder: string, entries: readonly Dirent[], below: string, key: string, depth: number, rules: readonly IgnoreFile[], context: Context): void {
  const { repo, options, events } = context;
  const plain = options.ignore && repo === undefined;
  const inherited = options.ignore ? [...rules, ...readIgnoreFiles(folder, entries, key, context)] : rules;
  for (const entry of entries) {
    const name = entry.name;
    if (name === '.git') continue;
    if (plain && (name.startsWith('.') || name === 'node_modules')) continue;
    const path = join(folder, name);
    const relative = below === '' ? name : `${below}/${name}`;
    const entryKey = key + byteString(name);
    const isDirectory = entry.isDirectory();
    if (options.ignore && isIgnored(inherited, entryKey, isDirectory, context.casefold)) {
      if (repo !== undefined) context.excluded.add(Buffer.from(entryKey, 'latin1').toString('utf8'));
      continue;
    }
    if (isDirectory) {
      if (depth <= 1) continue;
      const inner = list(path, context);
      if (inner === undefined) continue;
      if (repo !== undefined && inner.some((e) => e.name === '.git')) {
        events.skip({ path, reason: 'a nested git repository (a submodule or a clone), which git does not list either; name it to count it' });
        continue;
      }
      visit(path, inner, relative, `${entryKey}/`, depth - 1, inherited, context);
      continue;
    }
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch (error) {
      events.fail({ path, reason: describeFsError(error, path) });
      continue;
    }
    if (stats.isFile()) context.found({ path, relative, stats });
    else if (!stats.isDirectory()) events.skip({ path, reason: `${kindOf(stats)}, not a regular file; name it to read it` });
  }
}

/**
 * Tracked files the ignore rules left out: git lists them (`--cached`), so they are counted, after
 * the files of the walk. Only looked up when the walk left something out, which is when the index
 * can add anything.
 */
function addTrackedFiles(folder: string, top: string, context: Context): void {
  const { repo, excluded } = context;
  if (repo === undefined || excluded.size === 0) return;
  const index = readIndexPaths(repo.gitDir, repo.hashBytes);
  if ('unreadable' in index) {
    context.events.note(`cannot read the git index (${index.unreadable}); files that are tracked and also ignored are left out.`);
    return;
  }
  const prefix = top === '' ? '' : `${top}/`;
  for (const tracked of index.paths) {
    if (!tracked.startsWith(prefix)) continue;
    const segments = tracked.split('/');
    let hidden = false;
    for (let i = 1; i <= segments.length && !hidden; i++) hidden = excluded.has(segments.slice(0, i).join('/'));
    if (!hidden) continue;
    const relative = tracked.slice(prefix.length);
    if (segments.length - prefix.split('/').length + 1 > context.options.depth) continue;
    const path = join(folder, ...relative.split('/'));
    try {
      const stats = statSync(path);
      if (stats.isFile()) context.found({ path, relative, stats });
    } catch {
      // Deleted from the work tree: there is nothing to count.
    }
  }
}

/**
 * The files of `folder` (a path as the user wrote it), as the module comment describes, handed to
 * `found` one by one as the walk meets them, so that counting can start before the walk ends.
 */
export function walkFolder(folder: string, options: WalkOptions, events: WalkEvents, found: (file: WalkedFile) => void): void {
  const absolute = resolve(folder);
  const repo = options.ignore ? findRepo(absolute) : undefined;
  const context: Context = { repo, casefold: repo?.casefold ?? false, events, options, excluded: new Set(), found };
  const entries = list(folder, context);
  if (entries === undefined) return;
  // In a work tree, the path from its top, and the rules of .git/info/exclude and of each folder above.
  const top = repo === undefined ? '' : relative(repo.root, absolute).split(sep).join('/');
  const rules: IgnoreFile[] = [];
  if (repo !== undefined) {
    const exclude = join(repo.commonDir, 'info', 'exclude');
    rules.push(...readExclude(exclude, context));
    const segments = top === '' ? [] : top.split('/');
    for (let i = 0; i < segments.length; i++) {
      const above = relative('.', join(repo.root, ...segments.slice(0, i))) || '.';
      rules.push(...readIgnoreFiles(above, undefined, segments.slice(0, i).map((s) => `${byteString(s)}/`).join(''), context));
    }
  }
  const key = top === '' ? '' : `${byteString(top)}/`;
  visit(folder, entries, '', key, options.depth, rules, context);
  addTrackedFiles(folder, top, context);
}

/** `.git/info/exclude`, whose rules apply from the top of the work tree; no file is no rules. */
function readExclude(path: string, context: Context): IgnoreFile[] {
  let bytes: string;
  try {
    bytes = readFileSync(path).toString('latin1');
  } catch {
    return [];
  }
  return [parseNoting(relative('.', path), bytes, '', context)];
}

/** An ignore file's rules; each line that can never match is noted once, with where it is. */
function parseNoting(path: string, bytes: string, base: string, context: Context): IgnoreFile {
  const { file, invalid } = parseIgnoreFile(bytes, base, context.casefold);
  for (const line of invalid) {
    context.events.note(`${path}:${line.line}: the pattern ${JSON.stringify(line.pattern)} never matches (${line.reason}); git skips it too. Fix or remove the line.`);
  }
  return file;
}
