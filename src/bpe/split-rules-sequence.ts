import type { CharSet, Element, SplitSequence } from '../encodings/split-rules.js';
import { internalError } from '../errors.js';
import { CLASS_BITS, classAt, refinedClasses, type RuleClasses } from './split-rules-classes.js';
import { compileRepeat, compileRules, SET, type Classing, type CompiledRules } from './split-rules-compile.js';
import { compiledOnce, matchRulesAt } from './split-rules-scan.js';

/**
 * A sequence of split steps (`SplitSequence`, src/encodings/split-rules.ts) run as one scanner, with
 * the semantics of Hugging Face's `Split` pre-tokenizer, behaviour `Isolated`: each step cuts every
 * piece of the step before into its matches (leftmost-first, as the interpreter finds them) and the
 * text between matches, and the pieces are what the last step leaves.
 *
 * Read from a piece's start, a step's piece there is its match if it matches there, else the text
 * up to where it next matches, inside the piece of the step before. To keep that linear, every step
 * but the last must be a run of one set (`\p{N}{1,3}`, `[…]+`): then it matches wherever a character
 * of its set is, and where no step before has matched at the start, the characters of those steps'
 * sets end the text for the last step. The last step is compiled a second time with them ending it
 * (`inGaps`: no set holds them, a look-ahead succeeds before them), so it never reads past one and
 * nothing is searched for ahead of the piece.
 *
 * A piece may start inside an earlier step's match, where a later step cuts that match (the last
 * step cuts a kana run at "・"): for an unbounded run the match from there ends where the whole
 * one does, but a bounded run's would not, so a later step must never match inside a bounded one
 * (checked here).
 */
export interface CompiledSequence {
  readonly classes: RuleClasses;
  /** The steps before the last: each its set and how many of it. */
  readonly runs: readonly { readonly mask: number; readonly max: number }[];
  /** The characters of every earlier step's set. */
  readonly ends: number;
  /** The last step, inside a piece whose end an earlier step's match gave. */
  readonly last: CompiledRules;
  /** The last step where no earlier step matches at the start: `ends` end the text. */
  readonly inGaps: CompiledRules;
}

/** `steps` compiled for `nextPieceFromSequence` (once a process). */
export function compiledSequence(steps: SplitSequence): CompiledSequence {
  return compiledOnce(steps, compileSequence);
}

export function compileSequence(steps: SplitSequence): CompiledSequence {
  const sets: CharSet[] = [];
  const collect = (e: Element) => {
    if ('set' in e) sets.push(e.set);
    else if ('notAhead' in e) sets.push(e.notAhead);
  };
  for (const rules of steps) for (const alt of rules) alt.forEach(collect);
  const { classes, masks } = refinedClasses(sets);
  const maskOf = new Map(sets.map((set, i) => [set, masks[i]!]));
  const classing = (ends: number): Classing => ({ classes, set: (set) => ({ mask: maskOf.get(set)!, chars: '' }), ends });

  const lastRules = steps[steps.length - 1];
  if (lastRules === undefined) throw unsupported('no steps');
  const last = compileRules(lastRules, classing(0));
  const runs = steps.slice(0, -1).map((rules) => {
    const element = rules.length === 1 && rules[0]!.length === 1 ? rules[0]![0]! : undefined;
    const [min, max] = element !== undefined && 'set' in element ? compileRepeat(element.repeat) : [0, 0];
    if (element === undefined || !('set' in element) || min < 1) throw unsupported('a step before the last that is not a run of one set');
    return { mask: maskOf.get(element.set)!, max };
  });
  runs.forEach((run, i) => {
    if (run.max === 0x7fffffff) return;
    const later = [...runs.slice(i + 1).map((r) => [{ mask: r.mask, min: 1, kind: SET }]), ...last.alternatives];
    // Each later alternative must take, from a text of this run's characters alone, one it cannot.
    const cut = later.some((alt) => !alt.some((e) => e.kind === SET && e.min > 0 && (e.mask & run.mask) === 0));
    if (cut) throw unsupported('a bounded step whose matches a later step could cut');
  });
  if (last.alternatives.some((alt) => alt.every((e) => e.min === 0))) throw unsupported('a last step that can match nothing');
  const ends = runs.reduce((mask, run) => mask | run.mask, 0);
  return { classes, runs, ends, last, inGaps: compileRules(lastRules, classing(ends)) };
}

/** The end of the piece that starts at `start`, never beyond `end` (the end of the text). */
export function nextPieceFromSequence(sequence: CompiledSequence, text: string, start: number, end: number): number {
  const classes = sequence.classes;
  const c0 = classAt(classes, text, start, end) & CLASS_BITS;
  // Whether an earlier step matched at `start`: then `stop` is where that step's piece ends.
  let matched = false;
  let stop = end;
  // The sets of the steps so far, none of which matched at `start`.
  let before = 0;
  for (const run of sequence.runs) {
    if (((run.mask >> c0) & 1) !== 0) {
      // This step's match: its run, not into an earlier step's set (that step's next match).
      const mask = run.mask & ~before;
      let p = start;
      for (let n = 0; n < run.max && p < stop; n++) {
        const c = classAt(classes, text, p, stop);
        if (((mask >> (c & CLASS_BITS)) & 1) === 0) break;
        p += 1 + (c >>> 5);
      }
      stop = p;
      matched = true;
    } else if (matched) {
      // The text before this step's next match, inside the match of an earlier step.
      let p = start;
      while (p < stop) {
        const c = classAt(classes, text, p, stop);
        if (((run.mask >> (c & CLASS_BITS)) & 1) !== 0) break;
        p += 1 + (c >>> 5);
      }
      stop = p;
    } else {
      before |= run.mask;
    }
  }
  const rules = matched ? sequence.last : sequence.inGaps;
  const pieceEnd = matchRulesAt(rules, text, start, stop);
  if (pieceEnd > start) return pieceEnd;
  // No match at `start`: the piece is the text up to the next match, or to an earlier step's character.
  const ends = matched ? 0 : sequence.ends;
  let p = start + 1 + (classAt(classes, text, start, stop) >>> 5);
  while (p < stop) {
    const c = classAt(classes, text, p, stop);
    if (((ends >> (c & CLASS_BITS)) & 1) !== 0 || matchRulesAt(rules, text, p, stop) > p) break;
    p += 1 + (c >>> 5);
  }
  return p;
}

function unsupported(problem: string): Error {
  return internalError(`compileSequence: ${problem}`);
}
