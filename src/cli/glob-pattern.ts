/**
 * A glob pattern read into a list of steps, in one of two dialects:
 *
 * - `shell`, for the patterns people type (`count 'src/**\/*.ts'`, `--include`, `--exclude`): an
 *   unclosed `[` and a trailing `\` are literal, as in bash.
 * - `git`, for ignore files, read as git's wildmatch reads them: an unclosed `[`, a trailing `\` or
 *   an unknown `[:name:]` class make a pattern that never matches (git says nothing; we report it).
 *
 * Both: `*` and `?` within one path segment, `[...]` classes (`!` or `^` negates, ranges, `\`
 * escapes, `[:alpha:]` and the other POSIX classes, ASCII only), `\` taking the next character
 * literally, and `**` as its own segment crossing any number of segments (`**` elsewhere, as in
 * `a**b`, is a plain `*`, as in git). Brace expansion happens before this (glob-braces.ts).
 */

export type Dialect = 'shell' | 'git';

/** A `[...]` class: the characters listed, the ranges, the named classes; never `/`. */
export interface CharClass {
  kind: 'class';
  negated: boolean;
  chars: string;
  /** Inclusive character-code ranges, `from` then `to`. */
  ranges: number[];
  named: readonly NamedClass[];
}

/** One step of a compiled pattern. */
export type Step =
  | { kind: 'char'; char: string }
  | { kind: 'any' } // ?
  | { kind: 'star' } // * (one or more in a row)
  | CharClass
  | { kind: 'segments' } // **/ : zero or more whole segments
  | { kind: 'rest' }; // ** at the end: anything

export type Compiled = { steps: Step[] } | { invalid: string };

const NAMED_CLASSES = ['alnum', 'alpha', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'xdigit'] as const;
type NamedClass = (typeof NAMED_CLASSES)[number];

/** Whether character code `c` is in the POSIX class `name` (the C locale: ASCII only, as git). */
export function inNamedClass(name: NamedClass, c: number): boolean {
  const digit = c >= 48 && c <= 57;
  const upper = c >= 65 && c <= 90;
  const lower = c >= 97 && c <= 122;
  switch (name) {
    case 'alnum':
      return digit || upper || lower;
    case 'alpha':
      return upper || lower;
    case 'blank':
      return c === 32 || c === 9;
    case 'cntrl':
      return c < 32 || c === 127;
    case 'digit':
      return digit;
    case 'graph':
      return c > 32 && c < 127;
    case 'lower':
      return lower;
    case 'print':
      return c >= 32 && c < 127;
    case 'punct':
      return c > 32 && c < 127 && !(digit || upper || lower);
    case 'space':
      return c === 32 || (c >= 9 && c <= 13);
    case 'upper':
      return upper;
    case 'xdigit':
      return digit || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
  }
}

type ClassParse = { step: CharClass; end: number } | { invalid: string } | undefined;

/**
 * The class opening at `open`, read as wildmatch reads it: the first character (after `!`/`^`) is a
 * member even when it is `]`; `a-z` is a range unless `-` comes first or last; `[:name:]` is a
 * named class. Undefined when the class is not closed.
 */
function parseClass(pattern: string, open: number): ClassParse {
  let i = open + 1;
  const negated = pattern[i] === '!' || pattern[i] === '^';
  if (negated) i++;
  let chars = '';
  const ranges: number[] = [];
  const named: NamedClass[] = [];
  let previous: string | undefined;
  for (let first = true; i < pattern.length; i++, first = false) {
    let char = pattern[i]!;
    if (char === ']' && !first) return { step: { kind: 'class', negated, chars, ranges, named }, end: i };
    if (char === '\\') {
      if (i + 1 >= pattern.length) return undefined;
      char = pattern[++i]!;
    } else if (char === '-' && previous !== undefined && i + 1 < pattern.length && pattern[i + 1] !== ']') {
      let to = pattern[++i]!;
      if (to === '\\') {
        if (i + 1 >= pattern.length) return undefined;
        to = pattern[++i]!;
      }
      ranges.push(previous.charCodeAt(0), to.charCodeAt(0));
      previous = undefined;
      continue;
    } else if (char === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) return undefined;
      if (close - 1 >= i + 2 && pattern[close - 1] === ':') {
        const name = pattern.slice(i + 2, close - 1);
        if (!(NAMED_CLASSES as readonly string[]).includes(name)) return { invalid: `[:${name}:] is not a character class (${NAMED_CLASSES.join(', ')})` };
        named.push(name as NamedClass);
        i = close;
        previous = undefined;
        continue;
      }
      // No ":]" before the "]": the "[" is an ordinary member, as in git.
    }
    chars += char;
    previous = char;
  }
  return undefined;
}

/** The pattern (braces already expanded) as steps, or why it can never match. */
export function compileGlob(pattern: string, dialect: Dialect): Compiled {
  const steps: Step[] = [];
  const n = pattern.length;
  for (let i = 0; i < n; ) {
    const char = pattern[i]!;
    if (char === '*') {
      let j = i;
      while (pattern[j] === '*') j++;
      const atStart = i === 0 || pattern[i - 1] === '/';
      const slashNext = pattern[j] === '/' ? 1 : pattern[j] === '\\' && pattern[j + 1] === '/' ? 2 : 0;
      if (j - i >= 2 && atStart && (j === n || slashNext > 0)) {
        if (j === n) steps.push({ kind: 'rest' });
        else steps.push({ kind: 'segments' });
        i = j + slashNext;
      } else {
        if (steps.at(-1)?.kind !== 'star') steps.push({ kind: 'star' });
        i = j;
      }
    } else if (char === '?') {
      steps.push({ kind: 'any' });
      i++;
    } else if (char === '[') {
      const parsed = parseClass(pattern, i);
      if (parsed !== undefined && 'invalid' in parsed) return parsed;
      if (parsed === undefined) {
        if (dialect === 'git') return { invalid: 'a [ is never closed by a ]' };
        steps.push({ kind: 'char', char });
        i++;
      } else {
        steps.push(parsed.step);
        i = parsed.end + 1;
      }
    } else if (char === '\\') {
      if (i + 1 < n) {
        steps.push({ kind: 'char', char: pattern[i + 1]! });
        i += 2;
      } else {
        if (dialect === 'git') return { invalid: 'it ends in a lone \\' };
        steps.push({ kind: 'char', char });
        i++;
      }
    } else {
      steps.push({ kind: 'char', char });
      i++;
    }
  }
  return { steps };
}

/** Whether character code `c` (never `/`) is in `step`. */
export function inClass(step: CharClass, char: string): boolean {
  const c = char.charCodeAt(0);
  let hit = step.chars.includes(char);
  for (let r = 0; !hit && r < step.ranges.length; r += 2) hit = step.ranges[r]! <= c && c <= step.ranges[r + 1]!;
  for (let k = 0; !hit && k < step.named.length; k++) hit = inNamedClass(step.named[k]!, c);
  return hit !== step.negated;
}
