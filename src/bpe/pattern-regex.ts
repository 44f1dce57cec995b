import { CLASS_RUNS } from './unicode-classes.generated.js';
import { LOWER, MARK, NEWLINE, NUMBER, OTHER_LETTER, SPACE, UPPER } from './char-class.js';
import { TokmeterError } from '../errors.js';

/**
 * An encoding's split pattern (tiktoken's, in Rust regex syntax, as `EncodingSpec.pattern` holds
 * it) as a JavaScript regular expression, for the reference encoder and the tests. Two things
 * change on the way, and nothing else:
 * - Every Unicode class is spelled out as ranges from the class table the scanners use
 *   (unicode-classes.generated.ts, taken from tiktoken's own regex engine), so the regex and the
 *   scanners agree on what a letter is whatever Unicode version this JavaScript engine knows, and
 *   `\s` is Rust's White_Space (JavaScript's `\s` would also take U+FEFF).
 * - `(?i:…)`, which JavaScript lacks here, becomes explicit alternatives for each letter, with the
 *   characters Rust's case folding adds (ſ for s, the Kelvin sign for k).
 *
 * The translator knows the syntax the shipped patterns use — literals, `|`, `?`, `*`, `+`, `{m,n}`,
 * `(?!…)`, `(?i:…)`, classes `[…]` / `[^…]` holding literals, `\r`, `\n`, `/`, `\s` and `\p{…}` —
 * and throws on anything else rather than guess.
 */
export function patternRegex(pattern: string): RegExp {
  return new RegExp(translate(pattern), 'gu');
}

/** The table's classes each `\p{…}` name covers. Lu and Lt share a class, as do Lm and Lo: the patterns only ever name them together. */
const PROPERTY_CLASSES: Readonly<Record<string, readonly number[]>> = {
  L: [UPPER, LOWER, OTHER_LETTER],
  Lu: [UPPER],
  Lt: [UPPER],
  Ll: [LOWER],
  Lm: [OTHER_LETTER],
  Lo: [OTHER_LETTER],
  M: [MARK],
  N: [NUMBER],
};
const WHITESPACE = [SPACE, NEWLINE];
const FOLDS: Readonly<Record<string, string>> = { s: 'ſ', k: '\u212a' };

function translate(pattern: string): string {
  let out = '';
  let caseless = 0; // depth of (?i: groups; their letters match either case
  const groups: boolean[] = [];
  for (let i = 0; i < pattern.length; ) {
    const rest = pattern.slice(i);
    if (rest.startsWith('(?i:')) {
      groups.push(true);
      caseless++;
      out += '(?:';
      i += 4;
    } else if (rest.startsWith('(?!') || rest.startsWith('(?:')) {
      groups.push(false);
      out += rest.slice(0, 3);
      i += 3;
    } else if (rest[0] === ')') {
      if (groups.pop()) caseless--;
      out += ')';
      i++;
    } else if (rest[0] === '[') {
      const end = classEnd(pattern, i);
      out += classOf(pattern.slice(i + 1, end));
      i = end + 1;
    } else if (rest[0] === '\\') {
      const [escape, length] = readEscape(pattern, i);
      out += escape.kind === 'set' ? `[${escape.negated ? '^' : ''}${ranges(escape.classes)}]` : escape.text;
      i += length;
    } else if (/^\{\d+,\d+\}/.test(rest)) {
      const quantifier = /^\{\d+,\d+\}/.exec(rest)![0];
      out += quantifier;
      i += quantifier.length;
    } else if ('|?*+'.includes(rest[0]!)) {
      out += rest[0];
      i++;
    } else if (/^[\p{L}\p{N}' /]/u.test(rest)) {
      const char = rest[0]!;
      const lower = char.toLowerCase();
      out += caseless > 0 && lower !== char.toUpperCase() ? `[${lower}${lower.toUpperCase()}${FOLDS[lower] ?? ''}]` : char;
      i++;
    } else {
      throw unsupported(`${JSON.stringify(rest.slice(0, 12))} at ${i} is syntax this translator does not know`);
    }
  }
  return out;
}

type Escape = { kind: 'set'; classes: readonly number[]; negated: boolean } | { kind: 'text'; text: string };

function readEscape(pattern: string, at: number): [Escape, number] {
  const next = pattern[at + 1];
  if (next === 'r' || next === 'n') return [{ kind: 'text', text: `\\${next}` }, 2];
  if (next === 's' || next === 'S') return [{ kind: 'set', classes: WHITESPACE, negated: next === 'S' }, 2];
  const property = /^\\p\{(\w+)\}/.exec(pattern.slice(at));
  const classes = property ? PROPERTY_CLASSES[property[1]!] : undefined;
  if (property && classes) return [{ kind: 'set', classes, negated: false }, property[0].length];
  throw unsupported(`unknown escape ${JSON.stringify(pattern.slice(at, at + 8))}`);
}

function classEnd(pattern: string, open: number): number {
  for (let i = open + 1; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  throw unsupported(`unclosed class at ${open}`);
}

function classOf(body: string): string {
  const negated = body.startsWith('^');
  let out = '';
  for (let i = negated ? 1 : 0; i < body.length; ) {
    if (body[i] === '\\') {
      const [escape, length] = readEscape(body, i);
      if (escape.kind === 'set' && escape.negated) throw unsupported('\\S inside a class');
      out += escape.kind === 'set' ? ranges(escape.classes) : escape.text;
      i += length;
    } else {
      out += body[i] === '/' ? '\\/' : body[i];
      i++;
    }
  }
  return `[${negated ? '^' : ''}${out}]`;
}

/** The code points of `classes` as ranges for a `u` regex class. */
function ranges(classes: readonly number[]): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < CLASS_RUNS.length; i += 2) {
    start += CLASS_RUNS[i]!;
    if (!classes.includes(CLASS_RUNS[i + 1]!)) continue;
    const end = (i + 2 < CLASS_RUNS.length ? start + CLASS_RUNS[i + 2]! : 0x110000) - 1;
    out += start === end ? `\\u{${start.toString(16)}}` : `\\u{${start.toString(16)}}-\\u{${end.toString(16)}}`;
  }
  return out;
}

/** A pattern this translator cannot read: a shipped pattern never is one, so this is tokmeter's bug. */
function unsupported(problem: string): TokmeterError {
  return new TokmeterError('INTERNAL', `patternRegex: ${problem}. This is a bug in tokmeter; please report it with the encoding's name.`);
}
