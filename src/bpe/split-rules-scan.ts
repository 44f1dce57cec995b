/**
 * One scanner for every split pattern described as data (src/encodings/split-rules.ts), with the
 * semantics of the backtracking regex engine tiktoken uses: alternatives leftmost-first, runs
 * greedy, giving characters back one at a time when what follows fails. Elements the compiler marks
 * possessive (backtracking into them cannot help) are matched without a recursive call. Each
 * pattern's scanner (split-*.ts) decides the common pieces on fast paths of its own and leaves the
 * rest to this: 1.3–4× slower a piece than the hand-written general paths it replaced, on the few
 * pieces that reach it (≤ 3.5% of a fresh count, measured on russian, its worst corpus).
 */
import type { SplitRules } from '../encodings/split-rules.js';
import { CLASS_BITS, classAt, type RuleClasses } from './split-rules-classes.js';
import { compileRules, NOT_AHEAD, SET, type CompiledElement, type CompiledRules } from './split-rules-compile.js';

/**
 * Each table compiled on first use, and each sequence of tables (split-rules-sequence.ts): a
 * constant of the process once made, as char-class.ts's tables are. A key is only ever compiled by
 * one function (tables by `compileRules`, sequences by `compileSequence`), so its value is that
 * function's result.
 */
const COMPILED = new WeakMap<object, unknown>();

/** `key` compiled by `compile`, once a process. */
export function compiledOnce<K extends object, V>(key: K, compile: (key: K) => V): V {
  let compiled = COMPILED.get(key) as V | undefined;
  if (compiled === undefined) COMPILED.set(key, (compiled = compile(key)));
  return compiled;
}

/** `rules` compiled for `nextPieceFromRules` (once a process). */
export function compiledRules(rules: SplitRules): CompiledRules {
  return compiledOnce(rules, (r) => compileRules(r));
}

/**
 * The end of the piece at `start` under `rules`: the first alternative that matches there. The
 * rules read characters by their own classes (`rules.classes`: for the scanners' patterns, the same
 * BMP table the scanners read).
 */
export function nextPieceFromRules(rules: CompiledRules, text: string, start: number, end: number): number {
  const pieceEnd = matchRulesAt(rules, text, start, end);
  // Every character is in some alternative's first set in the scanners' patterns; a lone unit anyway.
  return pieceEnd > start ? pieceEnd : start + 1;
}

/** The end of the first alternative's match at `start`, or -1 where none matches (no alternative matches nothing). */
export function matchRulesAt(rules: CompiledRules, text: string, start: number, end: number): number {
  const classes = rules.classes;
  const unit = text.charCodeAt(start);
  const candidates = unit < 0x80 ? rules.asciiCandidates[unit]! : rules.classCandidates[classAt(classes, text, start, end) & CLASS_BITS]!;
  const alternatives = rules.alternatives;
  for (let i = 0; i < candidates.length; i++) {
    const pieceEnd = matchFrom(alternatives[candidates[i]!]!, 0, classes, text, start, end);
    if (pieceEnd > start) return pieceEnd;
  }
  return -1;
}

/** The character boundary before `p`, a boundary after `floor`. */
function stepBack(text: string, floor: number, p: number): number {
  if (p - 2 >= floor && (text.charCodeAt(p - 1) & 0xfc00) === 0xdc00 && (text.charCodeAt(p - 2) & 0xfc00) === 0xd800) return p - 2;
  return p - 1;
}

/** Whether the character at `p` (before `end`) can start what follows `e`. */
function startsRest(e: CompiledElement, classes: RuleClasses, text: string, p: number, end: number): boolean {
  const c = classAt(classes, text, p, end);
  return ((e.restMask >> (c & CLASS_BITS)) & 1) !== 0 || (e.restChars.length !== 0 && e.restChars.indexOf(text[p]!) >= 0);
}

/** The end of a match of `alt[k..]` at `pos`, or -1. */
function matchFrom(alt: readonly CompiledElement[], k: number, classes: RuleClasses, text: string, pos: number, end: number): number {
  for (; k < alt.length; k++) {
    const e = alt[k]!;
    if (e.kind === SET) {
      const mask = e.mask;
      const chars = e.chars;
      const max = e.max;
      let p = pos;
      let n = 0;
      while (n < max && p < end) {
        const c = classAt(classes, text, p, end);
        if (((mask >> (c & CLASS_BITS)) & 1) === 0 && (chars.length === 0 || chars.indexOf(text[p]!) < 0)) break;
        p += 1 + (c >> 5);
        n++;
      }
      if (n < e.min) return -1;
      if (e.possessive) {
        pos = p;
        continue;
      }
      const filter = e.restFilter;
      for (;;) {
        if (!filter || (p < end && startsRest(e, classes, text, p, end))) {
          const r = matchFrom(alt, k + 1, classes, text, p, end);
          if (r >= 0) return r;
        }
        if (n === e.min) return -1;
        p = stepBack(text, pos, p);
        n--;
      }
    }
    if (e.kind === NOT_AHEAD) {
      if (pos < end) {
        const c = classAt(classes, text, pos, end);
        if (((e.mask >> (c & CLASS_BITS)) & 1) !== 0 || (e.chars.length !== 0 && e.chars.indexOf(text[pos]!) >= 0)) return -1;
      }
      continue;
    }
    // WORDS: each word in order, then (optional) none.
    if (pos < end && e.first.indexOf(text[pos]!) >= 0) {
      const words = e.words;
      for (let w = 0; w < words.length; w++) {
        const word = words[w]!;
        if (pos + word.length > end) continue;
        let j = 1;
        while (j < word.length && word[j]!.indexOf(text[pos + j]!) >= 0) j++;
        if (j < word.length || word[0]!.indexOf(text[pos]!) < 0) continue;
        if (e.possessive) return matchFrom(alt, k + 1, classes, text, pos + j, end);
        const r = matchFrom(alt, k + 1, classes, text, pos + j, end);
        if (r >= 0) return r;
      }
    }
    if (e.min !== 0) return -1;
  }
  return pos;
}
