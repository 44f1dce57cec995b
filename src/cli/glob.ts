import { UsageError } from './errors.js';

/**
 * The glob patterns people quote on a command line, so the shell leaves them to us: `*`, `?` and
 * `[...]` classes within one path segment, `**` for any number of segments, `{a,b}` alternatives
 * (nested too) and `\` to take the next character literally.
 *
 * Why a matcher of our own and not a regular expression (or a library that builds one): a pattern
 * such as `dir/*****c` or `*a*a*a*b` turns into a regular expression that backtracks polynomially,
 * or worse, on a long name that does not match (17 s for one 201-character name). Matching here
 * walks the pattern once, keeping the set of name positions reachable so far: time is at most
 * pattern tokens × name length, whatever the pattern. Brace expansion is bounded as well.
 */

/** The longest pattern accepted, in characters. */
export const MAX_PATTERN_LENGTH = 4096;
/** The most alternatives `{…}` groups may expand to. */
export const MAX_ALTERNATIVES = 1024;
/** The deepest `{…}` nesting accepted. */
export const MAX_BRACE_DEPTH = 16;

const GLOB_CHARS = /[*?[{]/;

export function hasGlobChars(pattern: string): boolean {
  return GLOB_CHARS.test(pattern);
}

function tooComplex(pattern: string, why: string): UsageError {
  const shown = pattern.length > 60 ? `${pattern.slice(0, 60)}…` : pattern;
  return new UsageError(`the glob ${JSON.stringify(shown)} ${why}; write it as several simpler patterns.`, 'count');
}

/** A `{…}` group's choices, split at its top-level commas; `end` is the index of its `}`. */
function braceGroup(pattern: string, open: number): { choices: string[]; end: number } | undefined {
  const choices: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open + 1; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') i++;
    else if (char === '{') depth++;
    else if (char === '}' && depth > 0) depth--;
    else if (char === ',' && depth === 0) {
      choices.push(pattern.slice(start, i));
      start = i + 1;
    } else if (char === '}') {
      choices.push(pattern.slice(start, i));
      return choices.length > 1 ? { choices, end: i } : undefined;
    }
  }
  return undefined;
}

/**
 * `{a,b}` alternatives expanded into separate patterns, left to right, nested groups too
 * (`{src,test/{a,b}}/*.ts`). A `{` without a matching `}` or without a comma is literal. Throws a
 * `UsageError` past `MAX_ALTERNATIVES`, `MAX_BRACE_DEPTH` or `MAX_PATTERN_LENGTH`.
 */
export function expandBraces(pattern: string, depth = 0): string[] {
  if (pattern.length > MAX_PATTERN_LENGTH) throw tooComplex(pattern, `is longer than ${MAX_PATTERN_LENGTH} characters`);
  if (depth > MAX_BRACE_DEPTH) throw tooComplex(pattern, `nests {…} groups more than ${MAX_BRACE_DEPTH} deep`);
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') {
      i++;
      continue;
    }
    if (pattern[i] !== '{') continue;
    const group = braceGroup(pattern, i);
    if (group === undefined) continue;
    const before = pattern.slice(0, i);
    const rests = expandBraces(pattern.slice(group.end + 1), depth);
    const out = new Set<string>();
    for (const choice of group.choices) {
      for (const inner of expandBraces(choice, depth + 1)) {
        for (const rest of rests) {
          out.add(before + inner + rest);
          if (out.size > MAX_ALTERNATIVES) throw tooComplex(pattern, `expands to more than ${MAX_ALTERNATIVES} alternatives`);
        }
      }
    }
    return [...out];
  }
  return [pattern];
}

/** One step of a compiled pattern. */
type Token =
  | { kind: 'char'; char: string }
  | { kind: 'any' } // ?
  | { kind: 'star' } // * (one or more in a row)
  | { kind: 'class'; negated: boolean; ranges: [string, string][] }
  | { kind: 'segments' } // **/ : zero or more whole segments
  | { kind: 'rest' }; // ** at the end: anything

/** The `[…]` class starting at `open`, or undefined when it is not closed (then `[` is literal). */
function parseClass(pattern: string, open: number): { token: Token; end: number } | undefined {
  let i = open + 1;
  const negated = pattern[i] === '!' || pattern[i] === '^';
  if (negated) i++;
  const ranges: [string, string][] = [];
  let first = true;
  for (; i < pattern.length; i++) {
    let char = pattern[i]!;
    if (char === ']' && !first) return { token: { kind: 'class', negated, ranges }, end: i };
    first = false;
    if (char === '\\' && i + 1 < pattern.length) char = pattern[++i]!;
    if (pattern[i + 1] === '-' && i + 2 < pattern.length && pattern[i + 2] !== ']') {
      ranges.push([char, pattern[i + 2]!]);
      i += 2;
    } else {
      ranges.push([char, char]);
    }
  }
  return undefined;
}

/** A brace-free pattern as tokens. */
function compile(pattern: string): Token[] {
  const tokens: Token[] = [];
  const segments = pattern.split('/');
  segments.forEach((segment, s) => {
    const last = s === segments.length - 1;
    if (segment === '**') {
      tokens.push(last ? { kind: 'rest' } : { kind: 'segments' });
      return;
    }
    for (let i = 0; i < segment.length; i++) {
      const char = segment[i]!;
      if (char === '\\' && i + 1 < segment.length) tokens.push({ kind: 'char', char: segment[++i]! });
      else if (char === '*') {
        if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
      } else if (char === '?') tokens.push({ kind: 'any' });
      else if (char === '[') {
        const parsed = parseClass(segment, i);
        if (parsed === undefined) tokens.push({ kind: 'char', char });
        else {
          tokens.push(parsed.token);
          i = parsed.end;
        }
      } else tokens.push({ kind: 'char', char });
    }
    if (!last) tokens.push({ kind: 'char', char: '/' });
  });
  return tokens;
}

function inClass(token: Extract<Token, { kind: 'class' }>, char: string): boolean {
  const hit = token.ranges.some(([from, to]) => from <= char && char <= to);
  return hit !== token.negated;
}

/**
 * Whether `path` (relative, `/`-separated) matches the tokens: the set of path positions reachable
 * after each token, one sweep of the path per token.
 */
function matches(tokens: readonly Token[], path: string): boolean {
  const n = path.length;
  let reach = new Uint8Array(n + 1);
  let next = new Uint8Array(n + 1);
  reach[0] = 1;
  for (const token of tokens) {
    next.fill(0);
    let any = false;
    switch (token.kind) {
      case 'char':
      case 'any':
      case 'class':
        for (let j = 0; j < n; j++) {
          if (reach[j] === 0) continue;
          const char = path[j]!;
          const ok = token.kind === 'char' ? char === token.char : char !== '/' && (token.kind === 'any' || inClass(token, char));
          if (ok) next[j + 1] = 1;
        }
        break;
      case 'star':
        // Anything within the segment: from each reachable position, on until a '/'.
        for (let j = 0; j <= n; j++) {
          if (reach[j] === 1 || (j > 0 && next[j - 1] === 1 && path[j - 1] !== '/')) next[j] = 1;
        }
        break;
      case 'segments': {
        // Zero or more whole segments: any position reached, or one just after a '/' past one.
        let seen = false;
        for (let j = 0; j <= n; j++) {
          if ((seen && j > 0 && path[j - 1] === '/') || reach[j] === 1) next[j] = 1;
          if (reach[j] === 1) seen = true;
        }
        break;
      }
      case 'rest': {
        let seen = false;
        for (let j = 0; j <= n; j++) {
          if (reach[j] === 1) seen = true;
          if (seen) next[j] = 1;
        }
        break;
      }
    }
    for (let j = 0; j <= n && !any; j++) any = next[j] === 1;
    if (!any) return false;
    [reach, next] = [next, reach];
  }
  return reach[n] === 1;
}

/** A compiled brace-free pattern; `test` matches a relative `/`-separated path. */
export interface GlobMatcher {
  test(path: string): boolean;
}

/** The pattern (braces expanded) as one matcher per alternative. */
export function globMatcher(pattern: string): GlobMatcher {
  const alternatives = expandBraces(pattern).map(compile);
  return { test: (path) => alternatives.some((tokens) => matches(tokens, path)) };
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
  const depth = Math.max(...rests.map((rest) => (rest.split('/').includes('**') ? Infinity : rest.split('/').length)));
  const matchers = rests.map((rest): GlobMatcher => {
    const tokens = compile(rest);
    return { test: (path) => matches(tokens, path) };
  });
  return { base, matchers, depth };
}
