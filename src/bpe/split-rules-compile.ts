import { CLASS_RUNS } from './unicode-classes.generated.js';
import { internalError } from '../errors.js';
import type { CharSet, Element, Repeat, SplitRules } from '../encodings/split-rules.js';
import { ATOM_CHARS, ATOM_CLASSES, baseClasses, classOfCodePoint, type RuleClasses } from './split-rules-classes.js';

/**
 * A split pattern's rule table (src/encodings/split-rules.ts) two ways: as its pattern text
 * (`renderPattern`, `renderSequence`, which the tests compare with the specs'), and compiled for the
 * interpreter (`compileRules`, for split-rules-scan.ts). Compiling reads the generated class runs,
 * so a set such as `[\r\n]` that is a whole class becomes that class's bit.
 */

/** Inside a set, these are written escaped. */
const ESCAPED = '-[\\]';

export function renderSet(set: CharSet): string {
  const ranges = set.ranges ?? [];
  const chars = set.chars ?? '';
  if (ranges.length === 0 && chars === '' && set.of.length === 1 && !set.not) return set.of[0]!;
  if (ranges.length === 0 && chars === '' && set.of.length === 1 && set.not && set.of[0] === '\\s') return '\\S';
  const body = set.of.join('') + ranges.map(([first, last]) => `${first}-${last}`).join('') + [...chars].map((c) => (ESCAPED.includes(c) ? `\\${c}` : c)).join('');
  return `[${set.not ? '^' : ''}${body}]`;
}

function renderRepeat(repeat: Repeat): string {
  return typeof repeat === 'string' ? repeat : `{${repeat[0]},${repeat[1]}}`;
}

function renderElement(element: Element): string {
  if ('set' in element) return renderSet(element.set) + renderRepeat(element.repeat);
  if ('notAhead' in element) return `(?!${renderSet(element.notAhead)})`;
  if (!element.ignoreCase && element.words.length === 1 && element.repeat === '') return element.words[0]!;
  return `(?${element.ignoreCase ? 'i' : ''}:${element.words.join('|')})${element.repeat}`;
}

/** The pattern text of a rule table, in tiktoken's (Rust regex) syntax. */
export function renderPattern(rules: SplitRules): string {
  return rules.map((alternative) => alternative.map(renderElement).join('')).join('|');
}

/** The pattern text of a sequence of rule tables: each step's, joined by ` then ` (as open-specs.ts writes them). */
export function renderSequence(steps: readonly SplitRules[]): string {
  return steps.map(renderPattern).join(' then ');
}

// A rule table in the interpreter's form (split-rules-scan.ts): every set a bit mask over the
// classes of char-class.ts plus a few characters, and for each element what the interpreter may
// skip.

export const SET = 0;
export const WORDS = 1;
export const NOT_AHEAD = 2;

/** One element, every kind in one shape (so the interpreter's reads stay monomorphic). */
export interface CompiledElement {
  readonly kind: number;
  /** SET / NOT_AHEAD: the classes in the set, as bits. */
  readonly mask: number;
  /** SET / NOT_AHEAD: characters in the set beyond its classes (BMP, not surrogates). */
  readonly chars: string;
  readonly min: number;
  readonly max: number;
  /** WORDS: per word, per character, the code units that match it. */
  readonly words: readonly (readonly string[])[];
  /** WORDS: the code units any word starts with. */
  readonly first: string;
  /**
   * No backtracking into this element can help: what follows always matches the empty string, or
   * (a run) must start with a character outside the run's set. The interpreter takes the greedy
   * match and moves on.
   */
  readonly possessive: boolean;
  /**
   * What the rest of the alternative after this element must start with, when it must take a
   * character before any look-ahead (`restFilter`): a position where the next character is not in
   * it (or the text ends) cannot be where this element stops.
   */
  readonly restFilter: boolean;
  readonly restMask: number;
  readonly restChars: string;
}

export interface CompiledRules {
  /** The classes its sets are masks over. */
  readonly classes: RuleClasses;
  readonly alternatives: readonly (readonly CompiledElement[])[];
  /** For a first character below 0x80: the alternatives that can start with it. */
  readonly asciiCandidates: readonly (readonly number[])[];
  /** For any other first character, by class (`classes.count` of them). */
  readonly classCandidates: readonly (readonly number[])[];
}

/** Rust's simple case folding adds these to ASCII's two cases (as pattern-regex.ts's FOLDS). */
const FOLDS: Readonly<Record<string, string>> = { s: 'ſ', k: '\u212a' };

/**
 * How a table's sets become masks: over the scanners' eight classes, with single characters beside
 * them (`baseClassing`), or over classes of the table's own, made for its sets (`refinedClasses`);
 * with `ends`, the classes of characters that end the text as far as the table can see (a sequence's
 * earlier steps, split-rules-sequence.ts): no set holds them, so no match reads past one.
 */
export interface Classing {
  readonly classes: RuleClasses;
  readonly set: (set: CharSet) => { mask: number; chars: string };
  readonly ends: number;
}

/** The class of a character under `classes`. */
function classOfChar(classes: RuleClasses, char: string): number {
  return classOfCodePoint(classes, char.codePointAt(0)!);
}

/** The code points of class `cls`, when there are at most `limit` of them; else undefined. */
function membersOfClass(cls: number, limit: number): number[] | undefined {
  const members: number[] = [];
  let start = 0;
  for (let i = 0; i < CLASS_RUNS.length; i += 2) {
    start += CLASS_RUNS[i]!;
    if (CLASS_RUNS[i + 1] !== cls) continue;
    const next = i + 2 < CLASS_RUNS.length ? start + CLASS_RUNS[i + 2]! : 0x110000;
    if (members.length + next - start > limit) return undefined;
    for (let c = start; c < next; c++) members.push(c);
  }
  return members;
}

/** Sets over the scanners' eight classes, with the characters that are not a whole class beside them. */
export function baseClassing(): Classing {
  const classes = baseClasses();
  const classOf = (char: string) => classOfChar(classes, char);
  const set = (charSet: CharSet): { mask: number; chars: string } => {
    let mask = 0;
    let chars = '';
    if ((charSet.ranges ?? []).length > 0 || (charSet.chars ?? '') !== '' || charSet.of.includes('\\p{P}') || charSet.of.includes('\\p{S}')) {
      throw unsupported(`a set the scanners' classes cannot hold; compile it with refinedClasses: ${renderSet(charSet)}`);
    }
    for (const atom of charSet.of) {
      const atomClasses = ATOM_CLASSES[atom];
      if (atomClasses) for (const cls of atomClasses) mask |= 1 << cls;
      else chars += ATOM_CHARS[atom]!;
    }
    // Fold characters that make up a whole class into it (\r and \n are all of NEWLINE); only the
    // classes of the set's characters can be.
    for (const cls of new Set([...chars].map(classOf))) {
      const members = membersOfClass(cls, 4);
      if (members && members.length > 0 && members.every((c) => chars.includes(String.fromCharCode(c)))) {
        mask |= 1 << cls;
        chars = [...chars].filter((c) => !members.includes(c.charCodeAt(0))).join('');
      }
    }
    chars = [...chars].filter((c) => ((mask >> classOf(c)) & 1) === 0).join('');
    if (charSet.not) {
      if (chars !== '') throw unsupported(`a negated set with characters that are not a whole class: ${renderSet(charSet)}`);
      mask = ~mask & 0xff;
    }
    return { mask, chars };
  };
  return { classes, set, ends: 0 };
}

/** How many of an element, as [min, max] (max 0x7fffffff: no bound). */
export function compileRepeat(repeat: Repeat): [number, number] {
  if (repeat === '') return [1, 1];
  if (repeat === '?') return [0, 1];
  if (repeat === '*') return [0, 0x7fffffff];
  if (repeat === '+') return [1, 0x7fffffff];
  return [repeat[0], repeat[1]];
}

function foldsOf(char: string, ignoreCase: boolean): string {
  if (!ignoreCase) return char;
  const lower = char.toLowerCase();
  const upper = char.toUpperCase();
  return lower === upper ? char : lower + upper + (FOLDS[lower] ?? '');
}

function compileElement(element: Element, classing: Classing): CompiledElement {
  const ends = classing.ends;
  if ('set' in element) {
    const [min, max] = compileRepeat(element.repeat);
    const { mask, chars } = classing.set(element.set);
    return { kind: SET, mask: mask & ~ends, chars, min, max, words: [], first: '', possessive: false, restFilter: false, restMask: 0, restChars: '' };
  }
  if ('notAhead' in element) {
    // Where a character of `ends` is next, the text has ended for this table: the look-ahead succeeds.
    const { mask, chars } = classing.set(element.notAhead);
    return { kind: NOT_AHEAD, mask: mask & ~ends, chars, min: 0, max: 0, words: [], first: '', possessive: false, restFilter: false, restMask: 0, restChars: '' };
  }
  const outside = (units: string) => [...units].filter((u) => ((ends >> classOfChar(classing.classes, u)) & 1) === 0).join('');
  const words = element.words.map((word) => [...word].map((char) => outside(foldsOf(char, element.ignoreCase === true))));
  const first = [...new Set(words.map((w) => w[0]!).join(''))].join('');
  return { kind: WORDS, mask: 0, chars: '', min: element.repeat === '?' ? 0 : 1, max: 1, words, first, possessive: false, restFilter: false, restMask: 0, restChars: '' };
}

/** Whether `rest` matches the empty string wherever it is tried. */
function alwaysEmpty(rest: readonly CompiledElement[]): boolean {
  return rest.every((e) => e.kind !== NOT_AHEAD && e.min === 0);
}

/** Whether every character `e` (a run) takes is outside what `next` (not optional) can start with. */
function disjointFromNext(classes: RuleClasses, e: CompiledElement, next: CompiledElement | undefined): boolean {
  if (next === undefined || next.min === 0 || e.kind !== SET) return false;
  const classOf = (c: string) => classOfChar(classes, c);
  if (next.kind === SET) {
    const inBoth = (chars: string, mask: number) => [...chars].some((c) => ((mask >> classOf(c)) & 1) !== 0);
    return (e.mask & next.mask) === 0 && !inBoth(e.chars, next.mask) && !inBoth(next.chars, e.mask) && ![...e.chars].some((c) => next.chars.includes(c));
  }
  if (next.kind === WORDS) return ![...next.first].some((c) => ((e.mask >> classOf(c)) & 1) !== 0 || e.chars.includes(c));
  return false;
}

/** The first set of `rest` when it must take a character before any look-ahead, else undefined. */
function firstSet(rest: readonly CompiledElement[]): { restMask: number; restChars: string } | undefined {
  let restMask = 0;
  let restChars = '';
  for (const e of rest) {
    if (e.kind === NOT_AHEAD) return undefined;
    if (e.kind === SET) {
      restMask |= e.mask;
      restChars += e.chars;
    } else {
      restChars += e.first;
    }
    if (e.min > 0) return { restMask, restChars };
  }
  return undefined;
}

function compileAlternative(alt: readonly Element[], classing: Classing): CompiledElement[] {
  const elements = alt.map((element) => compileElement(element, classing));
  return elements.map((e, k) => {
    const first = firstSet(elements.slice(k + 1));
    return {
      ...e,
      possessive: alwaysEmpty(elements.slice(k + 1)) || disjointFromNext(classing.classes, e, elements[k + 1]),
      restFilter: first !== undefined,
      restMask: first?.restMask ?? 0,
      restChars: first?.restChars ?? '',
    };
  });
}

/** Whether alternative `alt` can start with a character of class `cls` that is `unit` (-1: any non-ASCII one). */
function canStart(classes: RuleClasses, alt: readonly CompiledElement[], cls: number, unit: number): boolean {
  for (const e of alt) {
    if (e.kind === NOT_AHEAD) continue; // conservatively: it takes nothing
    if (e.kind === SET && (((e.mask >> cls) & 1) !== 0 || (unit >= 0 && e.chars.includes(String.fromCharCode(unit))))) return true;
    if (e.kind === WORDS && e.words.some((w) => unit >= 0 && w[0]!.includes(String.fromCharCode(unit)))) return true;
    if (e.kind === WORDS && unit < 0 && e.words.some((w) => [...w[0]!].some((c) => c.charCodeAt(0) >= 0x80 && classOfChar(classes, c) === cls))) return true;
    if (e.min > 0) return false;
  }
  return true;
}

/** `rules` compiled over the scanners' classes, or as `classing` says. */
export function compileRules(rules: SplitRules, classing: Classing = baseClassing()): CompiledRules {
  const classes = classing.classes;
  const alternatives = rules.map((alt) => compileAlternative(alt, classing));
  const indices = alternatives.map((_, i) => i);
  const asciiCandidates = Array.from({ length: 0x80 }, (_, unit) =>
    indices.filter((i) => canStart(classes, alternatives[i]!, classOfChar(classes, String.fromCharCode(unit)), unit)));
  const classCandidates = Array.from({ length: classes.count }, (_, cls) => indices.filter((i) => canStart(classes, alternatives[i]!, cls, -1)));
  return { classes, alternatives, asciiCandidates, classCandidates };
}

function unsupported(problem: string): Error {
  return internalError(`compileRules: ${problem}`);
}
