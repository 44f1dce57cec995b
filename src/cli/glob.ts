import { UsageError } from './errors.js';
import { expandBraces } from './glob-braces.js';
import { GlobProgram } from './glob-match.js';
import { compileGlob } from './glob-pattern.js';

export { expandBraces, MAX_ALTERNATIVES, MAX_BRACE_DEPTH, MAX_PATTERN_LENGTH } from './glob-braces.js';

/**
 * The glob patterns people quote on a command line, so the shell leaves them to us, in positional
 * arguments and in --include / --exclude alike: `*` and `?` and `[...]` classes within one path
 * segment, `**` for any number of segments, `{a,b}` alternatives (nested too, bounded), `\` to take
 * the next character literally, and hidden entries only when named (`*` never matches a leading
 * `.`; `.github/**` does). A leading `!` (handled by the caller) turns a pattern into an exclusion.
 *
 * Why our own matcher and not picomatch or tinyglobby: see glob-match.ts. Matching takes at most
 * pattern steps × path length, and brace expansion is bounded (glob-braces.ts).
 */

const GLOB_CHARS = /[*?[{]/;

export function hasGlobChars(pattern: string): boolean {
  return GLOB_CHARS.test(pattern);
}

/** A brace-free shell pattern as a program; an unknown `[:name:]` class is a usage error. */
function program(pattern: string): GlobProgram {
  const compiled = compileGlob(pattern, 'shell');
  if ('invalid' in compiled) throw new UsageError(`the glob ${JSON.stringify(pattern)} cannot match: ${compiled.invalid}.`, 'count');
  return new GlobProgram(compiled.steps, { dotsNamed: true });
}

/** A compiled brace-free pattern; `test` matches a relative `/`-separated path. */
export interface GlobMatcher {
  test(path: string): boolean;
}

/** The pattern (braces expanded) as one matcher per alternative. */
export function globMatcher(pattern: string): GlobMatcher {
  const alternatives = expandBraces(pattern).map(program);
  return { test: (path) => alternatives.some((alternative) => alternative.test(path)) };
}

/** A pattern split into the directory to walk (its segments without glob characters) and the rest. */
export interface GlobPlan {
  /** Where the walk starts: `.` when the first segment already has glob characters. */
  base: string;
  /** Matched against paths relative to `base`, with `/` separators. */
  matchers: GlobMatcher[];
  /** How deep the walk needs to go; Infinity with `**`. */
  depth: number;
}

export function planGlob(pattern: string): GlobPlan {
  const alternatives = expandBraces(pattern);
  // The base is the shared leading segments free of glob characters, so `{a,b}/*.md` walks from `.`.
  const split = alternatives.map((p) => p.split('/'));
  const first = pattern.split('/');
  const baseSegments: string[] = [];
  for (let i = 0; i < first.length - 1; i++) {
    const segment = first[i]!;
    if (hasGlobChars(segment) || segment.includes('\\') || split.some((s) => s[i] !== segment)) break;
    baseSegments.push(segment);
  }
  const base = baseSegments.length === 0 ? '.' : baseSegments.join('/') || '/';
  const rests = split.map((s) => s.slice(baseSegments.length).join('/'));
  const depth = Math.max(...rests.map((rest) => (rest.split('/').some((segment) => /^\*{2,}$/.test(segment)) ? Infinity : rest.split('/').length)));
  const matchers = rests.map(program);
  return { base, matchers, depth };
}
