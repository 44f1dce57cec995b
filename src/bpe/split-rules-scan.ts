/**
 * One scanner for every split pattern described as data (src/encodings/split-rules.ts), with the
 * semantics of the backtracking regex engine tiktoken uses: alternatives leftmost-first, runs
 * greedy, giving characters back one at a time when what follows fails. Elements the compiler marks
 * possessive (backtracking into them cannot help) are matched without a recursive call. Each
 * pattern's scanner (split-*.ts) decides the common pieces on fast paths of its own and leaves the
 * rest to this: 1.3–4× slower a piece than the hand-written general paths it replaced, on the few
 * pieces that reach it (≤ 3.5% of a fresh count, measured on russian, its worst corpus).
 */
import { CLASS_MASK, charClass } from './char-class.js';
import type { SplitRules } from '../encodings/split-rules.js';
import { compileRules, NOT_AHEAD, SET, type CompiledElement, type CompiledRules } from './split-rules-compile.js';

/** Each table compiled on first use: a constant of the process once made, as char-class.ts's tables are. */
const COMPILED = new WeakMap<SplitRules, CompiledRules>();

/** `rules` compiled for `nextPieceFromRules` (once a process). */
export function compiledRules(rules: SplitRules): CompiledRules {
  let compiled = COMPILED.get(rules);
  if (compiled === undefined) COMPILED.set(rules, (compiled = compileRules(rules)));
  return compiled;
}

/** The end of the piece at `start` under `rules`: the first alternative that matches there. */
export function nextPieceFromRules(rules: CompiledRules, table: Uint8Array, text: string, start: number, end: number): number {
  const unit = text.charCodeAt(start);
  const candidates = unit < 0x80 ? rules.asciiCandidates[unit]! : rules.classCandidates[charClass(table, text, start, end) & CLASS_MASK]!;
  const alternatives = rules.alternatives;
  for (let i = 0; i < candidates.length; i++) {
    const pieceEnd = matchFrom(alternatives[candidates[i]!]!, 0, table, text, start, end);
    if (pieceEnd > start) return pieceEnd;
  }
  // Every character is in some alternative's first set in the shipped patterns; a lone unit anyway.
  return start + 1;
}

/** The character boundary before `p`, a boundary after `floor`. */
function stepBack(text: string, floor: number, p: number): number {
  if (p - 2 >= floor && (text.charCodeAt(p - 1) & 0xfc00) === 0xdc00 && (text.charCodeAt(p - 2) & 0xfc00) === 0xd800) return p - 2;
  return p - 1;
}

/** Whether the character at `p` (before `end`) can start what follows `e`. */
function startsRest(e: CompiledElement, table: Uint8Array, text: string, p: number, end: number): boolean {
  const c = charClass(table, text, p, end);
  return ((e.restMask >> (c & CLASS_MASK)) & 1) !== 0 || (e.restChars.length !== 0 && e.restChars.indexOf(text[p]!) >= 0);
}

/** The end of a match of `alt[k..]` at `pos`, or -1. */
function matchFrom(alt: readonly CompiledElement[], k: number, table: Uint8Array, text: string, pos: number, end: number): number {
  for (; k < alt.length; k++) {
    const e = alt[k]!;
    if (e.kind === SET) {
      const mask = e.mask;
      const chars = e.chars;
      const max = e.max;
      let p = pos;
      let n = 0;
      while (n < max && p < end) {
        const c = charClass(table, text, p, end);
        if (((mask >> (c & CLASS_MASK)) & 1) === 0 && (chars.length === 0 || chars.indexOf(text[p]!) < 0)) break;
        p += 1 + ((c >> 3) & 1);
        n++;
      }
      if (n < e.min) return -1;
      if (e.possessive) {
        pos = p;
        continue;
      }
      const filter = e.restFilter;
      for (;;) {
        if (!filter || (p < end && startsRest(e, table, text, p, end))) {
          const r = matchFrom(alt, k + 1, table, text, p, end);
          if (r >= 0) return r;
        }
        if (n === e.min) return -1;
        p = stepBack(text, pos, p);
        n--;
      }
    }
    if (e.kind === NOT_AHEAD) {
      if (pos < end) {
        const c = charClass(table, text, pos, end);
        if (((e.mask >> (c & CLASS_MASK)) & 1) !== 0 || (e.chars.length !== 0 && e.chars.indexOf(text[pos]!) >= 0)) return -1;
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
        if (e.possessive) return matchFrom(alt, k + 1, table, text, pos + j, end);
        const r = matchFrom(alt, k + 1, table, text, pos + j, end);
        if (r >= 0) return r;
      }
    }
    if (e.min !== 0) return -1;
  }
  return pos;
}
