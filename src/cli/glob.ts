/**
 * A small glob matcher for the patterns people quote on a command line, so the shell leaves them
 * to us: `*` and `?` within one path segment, `**` for any number of segments, and `{a,b}`
 * alternatives. Node 20 has no `fs.glob`, and a dependency for this much is not worth it.
 */

const GLOB_CHARS = /[*?{]/;

export function hasGlobChars(pattern: string): boolean {
  return GLOB_CHARS.test(pattern);
}

/** `{a,b}` alternatives expanded into separate patterns, innermost group first, so nesting works. */
export function expandBraces(pattern: string): string[] {
  const close = pattern.indexOf('}');
  const open = close < 0 ? -1 : pattern.lastIndexOf('{', close);
  if (open < 0) return [pattern];
  const before = pattern.slice(0, open);
  const after = pattern.slice(close + 1);
  const expanded = pattern
    .slice(open + 1, close)
    .split(',')
    .flatMap((choice) => expandBraces(before + choice + after));
  // Expanding the inner group first repeats the outer group's other choices: `{a,b/{c,d}}` gives `a` twice.
  return [...new Set(expanded)];
}

function segmentSource(segment: string): string {
  let source = '';
  for (const char of segment) {
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
  }
  return source;
}

/** The pattern (without braces) as a regular expression over `/`-separated relative paths. */
export function globToRegExp(pattern: string): RegExp {
  const segments = pattern.split('/');
  let source = '';
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') source += last ? '.*' : '(?:[^/]+/)*';
    else source += segmentSource(segment) + (last ? '' : '/');
  });
  return new RegExp(`^${source}$`);
}

/** A pattern split into the directory to walk (its segments without glob characters) and the rest. */
export interface GlobPlan {
  /** Where the walk starts: `.` when the first segment already has glob characters. */
  base: string;
  /** Matched against paths relative to `base`, with `/` separators. */
  matchers: RegExp[];
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
    if (hasGlobChars(segment) || split.some((s) => s[i] !== segment)) break;
    baseSegments.push(segment);
  }
  const base = baseSegments.length === 0 ? '.' : baseSegments.join('/') || '/';
  const rests = split.map((s) => s.slice(baseSegments.length).join('/'));
  const depth = Math.max(...rests.map((rest) => (rest.split('/').includes('**') ? Infinity : rest.split('/').length)));
  return { base, matchers: rests.map(globToRegExp), depth };
}
