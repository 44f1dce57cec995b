import { CLASS_RUNS } from './unicode-classes.generated.js';
import { PUNCTUATION_SYMBOL_RUNS } from './punctuation-symbols.generated.js';
import { bmpClasses, runAt, LOWER, MARK, NEWLINE, NUMBER, OTHER_LETTER, SPACE, UPPER } from './char-class.js';
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
  return classes.astralClasses[runAt(classes.astralStarts, codePoint)]!;
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

/**
 * Classes for `sets` that tell apart exactly what they do: two code points share a class when every
 * set holds both or neither. Built over the segments between every place a class run, a \p{P}/\p{S}
 * run, a range or a character begins or ends (about 4,000), each set's membership there a bit of
 * one int, not over each code point. `masks[i]` is `sets[i]` over them.
 */
export function refinedClasses(sets: readonly CharSet[]): { classes: RuleClasses; masks: number[] } {
  if (sets.length > 31) throw internalError('refinedClasses: more than 31 sets');
  // Which sets hold each of the eight classes, which hold \p{P}/\p{S}, which are negated; and each
  // range or character with the sets that hold it.
  const byClass = new Int32Array(8);
  let punctuationSets = 0;
  let negated = 0;
  const ranges: [number, number, number][] = [];
  sets.forEach((set, i) => {
    const bit = 1 << i;
    if (set.of.includes('\\p{P}') !== set.of.includes('\\p{S}')) throw internalError('refinedClasses: \\p{P} and \\p{S} come only together (the generated table holds their union)');
    if (set.of.includes('\\p{P}')) punctuationSets |= bit;
    if (set.not === true) negated |= bit;
    for (const atom of set.of) {
      for (const cls of ATOM_CLASSES[atom] ?? []) byClass[cls]! |= bit;
      const char = ATOM_CHARS[atom];
      if (char !== undefined) ranges.push([char.codePointAt(0)!, char.codePointAt(0)!, bit]);
    }
    for (const [first, last] of set.ranges ?? []) ranges.push([first.codePointAt(0)!, last.codePointAt(0)!, bit]);
    for (const char of set.chars ?? '') ranges.push([char.codePointAt(0)!, char.codePointAt(0)!, bit]);
  });

  const runs = classRuns();
  const punctuation = punctuationSymbolRuns();
  const cuts = new Set<number>([0, 0xd800, 0xe000, 0x10000, ...runs.starts]);
  for (const [start, end] of punctuation) cuts.add(start).add(end);
  for (const [first, last] of ranges) cuts.add(first).add(last + 1);
  const bounds = Int32Array.from([...cuts].filter((c) => c < 0x110000)).sort();
  // The sets each segment is in by its ranges and characters.
  const rangeBits = new Int32Array(bounds.length);
  for (const [first, last, bit] of ranges) {
    for (let k = runAt(bounds, first); k < bounds.length && bounds[k]! <= last; k++) rangeBits[k]! |= bit;
  }

  const ids = new Map<number, number>();
  const bmp = new Uint8Array(0x10000);
  const astralStarts: number[] = [];
  const astralClasses: number[] = [];
  const idOf = (bits: number): number => {
    let id = ids.get(bits);
    if (id === undefined) {
      id = ids.size;
      if (id > CLASS_BITS) throw internalError('refinedClasses: the sets need more than 32 classes');
      ids.set(bits, id);
    }
    return id;
  };
  // A surrogate is read as U+FFFD (in no range or character of the shipped sets: checked below).
  const replacement = byClass[classOfRuns(runs, 0xfffd)]! | (inRuns(punctuation, 0xfffd) ? punctuationSets : 0);
  if (ranges.some(([first, last]) => first <= 0xfffd && 0xfffd <= last)) throw internalError('refinedClasses: a range or character set holds U+FFFD');
  let run = 0;
  let ps = 0;
  for (let k = 0; k < bounds.length; k++) {
    const start = bounds[k]!;
    const end = bounds[k + 1] ?? 0x110000;
    while (run + 1 < runs.starts.length && runs.starts[run + 1]! <= start) run++;
    while (ps < punctuation.length && punctuation[ps]![1] <= start) ps++;
    const inPunctuation = ps < punctuation.length && punctuation[ps]![0] <= start;
    const held = start >= 0xd800 && start < 0xe000 ? replacement : byClass[runs.classes[run]!]! | (inPunctuation ? punctuationSets : 0) | rangeBits[k]!;
    const id = idOf(held ^ negated);
    if (start < 0x10000) bmp.fill(id, start, Math.min(end, 0x10000));
    if (end > 0x10000 && astralClasses[astralClasses.length - 1] !== id) {
      astralStarts.push(Math.max(start, 0x10000));
      astralClasses.push(id);
    }
  }
  const masks = sets.map((_, i) => {
    let mask = 0;
    for (const [bits, id] of ids) if (((bits >> i) & 1) !== 0) mask |= 1 << id;
    return mask;
  });
  return { classes: { bmp, astralStarts: Int32Array.from(astralStarts), astralClasses: Uint8Array.from(astralClasses), count: ids.size }, masks };
}



function classOfRuns(runs: { starts: number[]; classes: number[] }, codePoint: number): number {
  let i = 0;
  while (i + 1 < runs.starts.length && runs.starts[i + 1]! <= codePoint) i++;
  return runs.classes[i]!;
}

function inRuns(runs: readonly (readonly [number, number])[], codePoint: number): boolean {
  return runs.some(([start, end]) => start <= codePoint && codePoint < end);
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
