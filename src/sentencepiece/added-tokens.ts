import { corruptData } from './data-form.js';

/** A match packs the token's id and its length in UTF-16 units: id * LENGTH_SPAN + length. */
const LENGTH_SPAN = 64;
const TRIGGER_RUN = 1;
const TRIGGER_OPEN = 2;
const CLOSING: Readonly<Record<string, string>> = { '<': '>', '[': ']' };

/**
 * The tokens matched in the raw text before anything else: the USER_DEFINED pieces (always; in
 * Gemma 3 runs of newlines, tabs and `▁`, HTML tags, `<mask>`, `<unusedN>`) and the special tokens
 * the caller allows. At each position the longest token that starts there wins, scanning from the
 * left — tokenizer.json's leftmost-longest match and SentencePiece's prefix matcher alike.
 *
 * Why no general trie: every such token has one of two shapes, checked here on load — a run of
 * one character (with every length from its shortest to its longest), or a bracketed name like
 * `<table>` with no bracket inside. So at a position only one candidate needs looking at: the run
 * there, or the text up to the next closing bracket, looked up in a map. A text without `\n`,
 * `\t`, `▁`, `<` or `[` costs one table read per character.
 */
export class AddedTokens {
  /** Per UTF-16 unit: 0, TRIGGER_RUN or TRIGGER_OPEN. */
  readonly #trigger = new Uint8Array(0x10000);
  /** For a run character: the id of each run length (index = length), -1 where there is none. */
  readonly #runs = new Map<number, Int32Array>();
  readonly #bracketed = new Map<string, number>();
  readonly #specials: ReadonlyMap<string, number>;
  #maxBracketed = 0;

  constructor(userDefined: ReadonlyArray<{ readonly text: string; readonly id: number }>, specials: ReadonlyMap<string, number>, source: string) {
    for (const { text, id } of userDefined) this.#add(text, id, source, false);
    for (const [text, id] of specials) {
      if (this.#bracketed.has(text)) throw corruptData(source, `special token ${text} is also a USER_DEFINED piece`);
      this.#add(text, id, source, true);
    }
    for (const [unit, ids] of this.#runs) {
      const lengths = ids.reduce<number[]>((found, id, length) => (id >= 0 ? [...found, length] : found), []);
      if (lengths.length !== lengths[lengths.length - 1]! - lengths[0]! + 1) {
        throw corruptData(source, `the runs of ${JSON.stringify(String.fromCharCode(unit))} among the USER_DEFINED pieces have gaps`);
      }
    }
    this.#specials = specials;
  }

  #add(text: string, id: number, source: string, special: boolean): void {
    if (text.length === 0 || id < 0 || id * LENGTH_SPAN > Number.MAX_SAFE_INTEGER) throw corruptData(source, `added token ${JSON.stringify(text)} (${id}) cannot be matched`);
    const first = text.charCodeAt(0);
    const close = CLOSING[text[0]!];
    if (close !== undefined && text.length >= 2 && text.endsWith(close) && !/[<>[\]]/.test(text.slice(1, -1))) {
      if (this.#trigger[first] === TRIGGER_RUN) throw corruptData(source, `${JSON.stringify(text[0])} both starts bracketed tokens and forms runs`);
      this.#trigger[first] = TRIGGER_OPEN;
      if (!special) this.#bracketed.set(text, id);
      if (text.length >= LENGTH_SPAN) throw corruptData(source, `added token ${JSON.stringify(text)} is too long`);
      this.#maxBracketed = Math.max(this.#maxBracketed, text.length);
      return;
    }
    if (!special && [...text].every((unit) => unit.length === 1 && unit.charCodeAt(0) === first) && text.length < LENGTH_SPAN) {
      if (this.#trigger[first] === TRIGGER_OPEN) throw corruptData(source, `${JSON.stringify(text[0])} both starts bracketed tokens and forms runs`);
      this.#trigger[first] = TRIGGER_RUN;
      let ids = this.#runs.get(first);
      if (ids === undefined) this.#runs.set(first, (ids = new Int32Array(LENGTH_SPAN).fill(-1)));
      ids[text.length] = id;
      return;
    }
    throw corruptData(source, `added token ${JSON.stringify(text)} is neither a run of one character nor a bracketed name`);
  }

  /** Whether an added token can start with UTF-16 unit `unit`. */
  mayStartWith(unit: number): boolean {
    return this.#trigger[unit] !== 0;
  }

  /**
   * The added token at `text[at]`, within `end`: its id * 64 + its length in UTF-16 units, or -1.
   * Special tokens match only when `allowed` holds them.
   */
  matchAt(text: string, at: number, end: number, allowed: ReadonlySet<string> | null): number {
    const unit = text.charCodeAt(at);
    const kind = this.#trigger[unit];
    if (kind === TRIGGER_RUN) {
      const ids = this.#runs.get(unit)!;
      const limit = Math.min(end, at + ids.length - 1);
      let length = 1;
      while (at + length < limit && text.charCodeAt(at + length) === unit) length++;
      // Runs longer than the longest token split into tokens of the longest length from the left.
      while (length > 0 && ids[length]! < 0) length--;
      return length === 0 ? -1 : ids[length]! * LENGTH_SPAN + length;
    }
    if (kind !== TRIGGER_OPEN) return -1;
    const open = text[at]!;
    const close = CLOSING[open]!;
    const limit = Math.min(end, at + this.#maxBracketed);
    for (let i = at + 1; i < limit; i++) {
      const c = text[i];
      if (c === close) {
        const candidate = text.slice(at, i + 1);
        const id = this.#bracketed.get(candidate);
        if (id !== undefined) return id * LENGTH_SPAN + candidate.length;
        if (allowed !== null && allowed.has(candidate)) return this.#specials.get(candidate)! * LENGTH_SPAN + candidate.length;
        return -1;
      }
      if (c === open || c === '<' || c === '>' || c === '[' || c === ']') return -1;
    }
    return -1;
  }
}

/** The id of a match from `AddedTokens.matchAt`. */
export function matchedId(match: number): number {
  return Math.floor(match / LENGTH_SPAN);
}

/** The length in UTF-16 units of a match from `AddedTokens.matchAt`. */
export function matchedLength(match: number): number {
  return match % LENGTH_SPAN;
}
