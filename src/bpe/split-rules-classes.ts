import { CLASS_RUNS } from './unicode-classes.generated.js';
import { PUNCTUATION_SYMBOL_RUNS } from './punctuation-symbols.generated.js';
import { bmpClasses, LOWER, MARK, NEWLINE, NUMBER, OTHER_LETTER, SPACE, UPPER } from './char-class.js';
import { internalError } from '../errors.js';
import type { CharSet } from '../encodings/split-rules.js';

/**
 * The classes a compiled rule table (split-rules-compile.ts) reads characters by: every code point
 * in exactly one, and each of the table's sets a bit mask over them. A table whose sets are unions
 * of the scanners' eight classes (char-class.ts) and a few single characters reads the scanners' own
 * BMP table; one whose sets are not (ranges, lists of characters, \p{P} and \p{S}) gets classes of
 * its own that tell apart exactly what its sets do (`refinedClasses`), built once, on its first use.
 */
export interface RuleClasses {
  /** The class of each BMP unit; a surrogate's is U+FFFD's, which a lone one is encoded as. */
  readonly bmp: Uint8Array;
  /** The runs above U+FFFF: where each starts and its class, for a binary search. */
  readonly astralStarts: Int32Array;
  readonly astralClasses: Uint8Array;
  /** How many classes: at most 32, so that a set is a mask in one int. */
  readonly count: number;
}

/** Set in a `classAt` result when the character is a surrogate pair. */
export const PAIR = 32;
export const CLASS_BITS = 31;

/** The class of the character at `p` (before `end`), plus PAIR when it is a surrogate pair. */
export function classAt(classes: RuleClasses, text: string, p: number, end: number): number {
  const unit = text.charCodeAt(p);
  if ((unit & 0xfc00) !== 0xd800 || p + 1 >= end) return classes.bmp[unit]!;
  const low = text.charCodeAt(p + 1);
  if ((low & 0xfc00) !== 0xdc00) return classes.bmp[unit]!;
  return astralClassOf(classes, 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)) | PAIR;
}

function astralClassOf(classes: RuleClasses, codePoint: number): number {
  const starts = classes.astralStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= codePoint) lo = mid;
    else hi = mid - 1;
  }
  return classes.astralClasses[lo]!;
}

export function classOfCodePoint(classes: RuleClasses, codePoint: number): number {
  return codePoint < 0x10000 ? classes.bmp[codePoint]! : astralClassOf(classes, codePoint);
}

/** Where each run of CLASS_RUNS starts, and its class. */
function classRuns(): { starts: number[]; classes: number[] } {
  const starts: number[] = [];
  const classes: number[] = [];
  let start = 0;
  for (let i = 0; i < CLASS_RUNS.length; i += 2) {
    start += CLASS_RUNS[i]!;
    starts.push(start);
    classes.push(CLASS_RUNS[i + 1]!);
  }
  return { starts, classes };
}

/** The scanners' eight classes: their BMP table, and the runs above it. */
export function baseClasses(): RuleClasses {
  const runs = classRuns();
  const starts: number[] = [];
  const astral: number[] = [];
  runs.starts.forEach((start, i) => {
    const next = runs.starts[i + 1] ?? 0x110000;
    if (next <= 0x10000) return;
    starts.push(Math.max(start, 0x10000));
    astral.push(runs.classes[i]!);
  });
  return { bmp: bmpClasses(), astralStarts: Int32Array.from(starts), astralClasses: Uint8Array.from(astral), count: 8 };
}

/** The scanners' classes each class atom names (Lu and Lt share one, as do Lm and Lo). */
export const ATOM_CLASSES: Readonly<Record<string, readonly number[]>> = {
  '\\p{L}': [UPPER, LOWER, OTHER_LETTER],
  '\\p{Lu}': [UPPER],
  '\\p{Lt}': [UPPER],
  '\\p{Ll}': [LOWER],
  '\\p{Lm}': [OTHER_LETTER],
  '\\p{Lo}': [OTHER_LETTER],
  '\\p{M}': [MARK],
  '\\p{N}': [NUMBER],
  '\\s': [SPACE, NEWLINE],
};
/** The atoms that are one character. */
export const ATOM_CHARS: Readonly<Record<string, string>> = { '\\r': '\r', '\\n': '\n', '/': '/', ' ': ' ' };

/** What decides membership in `set`: its classes (of the eight), its code point ranges, whether \p{P}/\p{S}. */
interface SetTest {
  readonly classMask: number;
  readonly ranges: readonly (readonly [number, number])[];
  readonly punctuationSymbol: boolean;
  readonly not: boolean;
}

function setTest(set: CharSet): SetTest {
  let classMask = 0;
  const ranges: [number, number][] = [];
  const hasP = set.of.includes('\\p{P}');
  if (hasP !== set.of.includes('\\p{S}')) throw internalError('refinedClasses: \\p{P} and \\p{S} come only together (the generated table holds their union)');
  for (const atom of set.of) {
    const classes = ATOM_CLASSES[atom];
    if (classes) for (const cls of classes) classMask |= 1 << cls;
    else if (ATOM_CHARS[atom] !== undefined) ranges.push([ATOM_CHARS[atom].codePointAt(0)!, ATOM_CHARS[atom].codePointAt(0)!]);
  }
  for (const [first, last] of set.ranges ?? []) ranges.push([first.codePointAt(0)!, last.codePointAt(0)!]);
  for (const char of set.chars ?? '') ranges.push([char.codePointAt(0)!, char.codePointAt(0)!]);
  return { classMask, ranges, punctuationSymbol: hasP, not: set.not === true };
}

/** The runs of \p{P} ∪ \p{S} as [start, end) pairs. */
function punctuationSymbolRuns(): [number, number][] {
  const runs: [number, number][] = [];
  let at = 0;
  for (let i = 0; i < PUNCTUATION_SYMBOL_RUNS.length; i += 2) {
    const start = at + PUNCTUATION_SYMBOL_RUNS[i]!;
    at = start + PUNCTUATION_SYMBOL_RUNS[i + 1]!;
    runs.push([start, at]);
  }
  return runs;
}

/**
 * Classes for `sets` that tell apart exactly what they do: two code points share a class when every
 * set holds both or neither. Built over the segments between every place a class run, a \p{P}/\p{S}
 * run, a range or a character begins or ends (a few thousand), not over each code point; under
 * 2 ms. `masks[i]` is `sets[i]` over them.
 */
export function refinedClasses(sets: readonly CharSet[]): { classes: RuleClasses; masks: number[] } {
  const tests = sets.map(setTest);
  const runs = classRuns();
  const punctuation = punctuationSymbolRuns();
  const cuts = new Set<number>([0, 0xd800, 0xe000, 0x10000, ...runs.starts]);
  for (const [start, end] of punctuation) cuts.add(start).add(end);
  for (const test of tests) for (const [first, last] of test.ranges) cuts.add(first).add(last + 1);
  const bounds = [...cuts].filter((c) => c < 0x110000).sort((a, b) => a - b);

  const ids = new Map<string, number>();
  const vectors: boolean[][] = [];
  const bmp = new Uint8Array(0x10000);
  const astralStarts: number[] = [];
  const astralClasses: number[] = [];
  let run = 0;
  let ps = 0;
  for (let k = 0; k < bounds.length; k++) {
    const start = bounds[k]!;
    const end = bounds[k + 1] ?? 0x110000;
    // A surrogate is read as U+FFFD.
    const probe = start >= 0xd800 && start < 0xe000 ? 0xfffd : start;
    while (run + 1 < runs.starts.length && runs.starts[run + 1]! <= start) run++;
    while (ps < punctuation.length && punctuation[ps]![1] <= start) ps++;
    const vector = tests.map((test) => contains(test, probe, probe === start ? runs.classes[run]! : classOfRuns(runs, probe), probe === start ? ps < punctuation.length && punctuation[ps]![0] <= start : inRuns(punctuation, probe)));
    const key = vector.map((b) => (b ? '1' : '0')).join('');
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      if (id > CLASS_BITS) throw internalError('refinedClasses: the sets need more than 32 classes');
      ids.set(key, id);
      vectors.push(vector);
    }
    if (start < 0x10000) bmp.fill(id, start, Math.min(end, 0x10000));
    if (end > 0x10000 && astralClasses[astralClasses.length - 1] !== id) {
      astralStarts.push(Math.max(start, 0x10000));
      astralClasses.push(id);
    }
  }
  const masks = sets.map((_, i) => vectors.reduce((mask, vector, id) => (vector[i] ? mask | (1 << id) : mask), 0));
  return { classes: { bmp, astralStarts: Int32Array.from(astralStarts), astralClasses: Uint8Array.from(astralClasses), count: ids.size }, masks };
}

function contains(test: SetTest, codePoint: number, cls: number, punctuationSymbol: boolean): boolean {
  const member =
    ((test.classMask >> cls) & 1) !== 0 || (test.punctuationSymbol && punctuationSymbol) || test.ranges.some(([first, last]) => first <= codePoint && codePoint <= last);
  return member !== test.not;
}

function classOfRuns(runs: { starts: number[]; classes: number[] }, codePoint: number): number {
  let i = 0;
  while (i + 1 < runs.starts.length && runs.starts[i + 1]! <= codePoint) i++;
  return runs.classes[i]!;
}

function inRuns(runs: readonly (readonly [number, number])[], codePoint: number): boolean {
  return runs.some(([start, end]) => start <= codePoint && codePoint < end);
}
