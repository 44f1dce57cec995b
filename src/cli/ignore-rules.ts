import { GlobProgram } from './glob-match.js';
import { compileGlob } from './glob-pattern.js';

/**
 * Ignore files (`.gitignore`, `.git/info/exclude`, `.tokmeterignore`) read and matched as git reads
 * and matches them (dir.c and wildmatch.c):
 *
 * - one pattern a line; blank lines and lines starting with `#` are skipped; trailing spaces are
 *   dropped unless escaped (`\ `); a CR before the LF is dropped; `\#` and `\!` are literal;
 * - a leading `!` re-includes what an earlier pattern excluded; a trailing `/` matches directories only;
 * - a pattern with no `/` (but a trailing one) matches a name at any depth below its file's folder;
 *   any other is anchored to that folder (a leading `/` only anchors);
 * - the last matching line wins, deeper files over shallower ones, and `.git/info/exclude` loses to all.
 *
 * Why not the `ignore` package, which follows the same rules: it turns each pattern into a regular
 * expression, and some patterns backtrack for seconds or forever on deep paths (see glob-match.ts),
 * which a cloned repository's .gitignore could trigger. Matching here is linear in pattern × path.
 *
 * Paths and patterns are compared as git compares them, byte by byte: both are kept as "byte
 * strings" (each UTF-8 byte one character, code 0–255), so `?` matches one byte of `é` as in git.
 */

export interface IgnoreRule {
  negative: boolean;
  directoryOnly: boolean;
  /** No `/` in the pattern: it is matched against the last path segment at any depth. */
  basename: boolean;
  /** The whole pattern when it has no wildcard: a plain comparison. */
  literal: string | undefined;
  /** `*literal`: the name ends with `literal`. */
  suffix: string | undefined;
  /** Anchored patterns: the literal part before the first wildcard, compared before the program runs. */
  prefix: string;
  /** The pattern (basename) or its part after `prefix` (anchored); undefined when `literal` says it all. */
  program: GlobProgram | undefined;
}

/** The rules of one ignore file, for paths below `base` (`''` for the top, else `dir/sub/`). */
export interface IgnoreFile {
  base: string;
  rules: IgnoreRule[];
}

/** A line that can never match (git skips such lines in silence); reported once. */
export interface InvalidIgnoreLine {
  line: number;
  pattern: string;
  reason: string;
}

/** `text` (UTF-8) as a byte string: each byte one character. ASCII text is returned as it is. */
export function byteString(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? text : Buffer.from(text, 'utf8').toString('latin1');
}

/** ASCII letters lowered, as git's core.ignorecase compares. */
function foldCase(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

const WILDCARDS = /[*?[\\]/;

/** Trailing spaces dropped unless escaped with a backslash (git's trim_trailing_spaces). */
function trimTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && line[end - 1] === ' ') end--;
  if (end === line.length) return line;
  // An odd number of backslashes before the first dropped space escapes it.
  let slashes = 0;
  for (let i = end - 1; i >= 0 && line[i] === '\\'; i--) slashes++;
  return line.slice(0, slashes % 2 === 1 ? end + 1 : end);
}

function parseRule(raw: string, casefold: boolean): IgnoreRule | { invalid: string } | undefined {
  let pattern = casefold ? foldCase(raw) : raw;
  const negative = pattern.startsWith('!');
  if (negative) pattern = pattern.slice(1);
  const directoryOnly = pattern.endsWith('/');
  if (directoryOnly) pattern = pattern.slice(0, -1);
  if (pattern === '') return undefined;
  const basename = !pattern.includes('/');
  const rule = { negative, directoryOnly, basename, literal: undefined, suffix: undefined, prefix: '', program: undefined };
  if (basename) {
    if (!WILDCARDS.test(pattern)) return { ...rule, literal: pattern };
    if (pattern.startsWith('*') && !WILDCARDS.test(pattern.slice(1))) return { ...rule, suffix: pattern.slice(1) };
    const compiled = compileGlob(pattern, 'git');
    if ('invalid' in compiled) return compiled;
    return { ...rule, program: new GlobProgram(compiled.steps, { dotsNamed: false }) };
  }
  const anchored = pattern.startsWith('/') ? pattern.slice(1) : pattern;
  const wildcard = anchored.search(WILDCARDS);
  if (wildcard < 0) return { ...rule, prefix: anchored };
  // Git compares the literal part first and runs wildmatch on the rest as a pattern of its own, so
  // `**` right after the literal part counts as starting a segment (`foo**/bar` matches foo/x/bar).
  const compiled = compileGlob(anchored.slice(wildcard), 'git');
  if ('invalid' in compiled) return compiled;
  return { ...rule, prefix: anchored.slice(0, wildcard), program: new GlobProgram(compiled.steps, { dotsNamed: false }) };
}

/**
 * The rules of an ignore file's contents (`bytes` as a byte string, see `byteString`), for paths
 * below `base`. Lines that can never match are left out and returned in `invalid`.
 */
export function parseIgnoreFile(bytes: string, base: string, casefold: boolean): { file: IgnoreFile; invalid: InvalidIgnoreLine[] } {
  const rules: IgnoreRule[] = [];
  const invalid: InvalidIgnoreLine[] = [];
  const text = bytes.startsWith('\xef\xbb\xbf') ? bytes.slice(3) : bytes;
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line === '' || line.startsWith('#')) return;
    const parsed = parseRule(trimTrailingSpaces(line), casefold);
    if (parsed === undefined) return;
    if ('invalid' in parsed) invalid.push({ line: index + 1, pattern: Buffer.from(line, 'latin1').toString('utf8'), reason: parsed.invalid });
    else rules.push(parsed);
  });
  return { file: { base: casefold ? foldCase(base) : base, rules }, invalid };
}

function ruleMatches(rule: IgnoreRule, base: string, path: string, name: string, isDirectory: boolean): boolean {
  if (rule.directoryOnly && !isDirectory) return false;
  if (rule.basename) {
    if (rule.literal !== undefined) return name === rule.literal;
    if (rule.suffix !== undefined) return name.endsWith(rule.suffix);
    return rule.program!.test(name);
  }
  if (path.length <= base.length || !path.startsWith(base)) return false;
  const below = path.slice(base.length);
  if (!below.startsWith(rule.prefix)) return false;
  if (rule.program === undefined) return below.length === rule.prefix.length;
  return rule.program.test(below.slice(rule.prefix.length));
}

/**
 * Whether `path` (from the top of the tree the files describe, `/`-separated, a byte string) is
 * ignored by `files`, which are ordered from lowest precedence to highest: `.git/info/exclude`,
 * then the ignore files of each folder from the top down to the path's own.
 */
export function isIgnored(files: readonly IgnoreFile[], path: string, isDirectory: boolean, casefold: boolean): boolean {
  const key = casefold ? foldCase(path) : path;
  const name = key.slice(key.lastIndexOf('/') + 1);
  for (let f = files.length - 1; f >= 0; f--) {
    const file = files[f]!;
    for (let r = file.rules.length - 1; r >= 0; r--) {
      const rule = file.rules[r]!;
      if (ruleMatches(rule, file.base, key, name, isDirectory)) return !rule.negative;
    }
  }
  return false;
}
