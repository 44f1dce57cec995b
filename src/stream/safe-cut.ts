import { CLASS_MASK, LETTER_SET, NEWLINE, OTHER, SPACE, bmpClasses } from '../bpe/char-class.js';

const CUT_AFTER = (1 << OTHER) | (1 << SPACE) | (1 << NEWLINE);

/**
 * Whether text can be cut at `p` without changing any piece, under every split pattern: the
 * character before is a letter (in the Basic Multilingual Plane) and the one at `p` is
 * punctuation, a symbol or whitespace, but not an apostrophe (contractions) or a surrogate. A
 * word never continues into such a character, no pattern lets a piece start inside a word, and
 * deciding where that word ends looks at nothing past `p`; so the pieces of text[0..p) and of
 * text[p..] are exactly the pieces of the whole text on either side.
 */
export function isSafeCut(classes: Uint8Array, text: string, p: number): boolean {
  const before = text.charCodeAt(p - 1);
  const at = text.charCodeAt(p);
  if ((before & 0xf800) === 0xd800 || (at & 0xf800) === 0xd800 || at === 39) return false;
  return ((1 << (classes[before]! & CLASS_MASK)) & LETTER_SET) !== 0 && ((1 << (classes[at]! & CLASS_MASK)) & CUT_AFTER) !== 0;
}

/** The last safe cut in text(from, to), searching backwards from `to - 1`; -1 when there is none. */
export function lastSafeCut(text: string, from: number, to: number): number {
  const classes = bmpClasses();
  for (let p = to - 1; p > from; p--) if (isSafeCut(classes, text, p)) return p;
  return -1;
}

/** The first safe cut in text[from, to); -1 when there is none. */
export function firstSafeCut(text: string, from: number, to: number): number {
  const classes = bmpClasses();
  for (let p = Math.max(from, 1); p < to; p++) if (isSafeCut(classes, text, p)) return p;
  return -1;
}
