/**
 * Where the page may cut a long text into blocks that are counted apart: places that no
 * pre-tokenizer piece, and so no token, crosses in any encoding the page loads (r50k_base,
 * p50k_base, p50k_edit, cl100k_base, o200k_base, o200k_harmony). Each block encoded on its own
 * gives the whole text's tokens there, so the blocks' counts add up to the text's count and the
 * first block's tokens are the text's first tokens.
 *
 * Three places qualify, each decided by the characters on either side, and common in prose, code
 * and JSON:
 * 1. the start of a line that begins with a letter or digit, when the line before ends in a
 *    letter, digit, mark, punctuation or symbol (`end.\nNext`). In every pattern the newline ends
 *    the piece it is in whether or not text follows, and no piece begins with a newline and goes on
 *    into a letter or digit. A newline after whitespace does not qualify: r50k/p50k read `x \n`
 *    at the end of a text as one piece and `x \nY` as ` ` and `\n` (the `\s+(?!\S)` rule), and so
 *    with `\r\n`.
 * 2. a space between two letters (`one two`): no piece runs from a letter into a space, and in
 *    every pattern the space starts the next word's piece (` two`).
 * 3. between a letter and punctuation (`word,` `name":` `f(` `字，`): a word's piece ends at the
 *    first character that is neither letter nor mark, and may take `'s`, `'t`… after it, so the
 *    apostrophe does not qualify.
 * The patterns read letters with tiktoken's Unicode tables, which are not JavaScript's (each has
 * characters the other leaves unassigned). Rules 1 and 2 only need the neighbours not to be
 * whitespace, which every Unicode version agrees on; rule 3 needs both sides classed alike
 * everywhere, so it takes only letters and punctuation assigned since Unicode 1.1 and never
 * re-classed: see `isOldLetter` and `isOldPunctuation`.
 *
 * The streaming counter's cut rules find more places, but they are not part of the public API;
 * these hold for all six patterns and are tested against tiktoken (test/runtimes/playground.test.ts).
 */

const NEWLINE = 0x0a;
const SPACE = 0x20;
const APOSTROPHE = 0x27;
const LETTER = /^\p{L}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const VISIBLE = /^[\p{L}\p{N}\p{M}\p{P}\p{S}]$/u;

/** The code point that starts at `at`, or -1 past the end. */
function codePointAt(text: string, at: number): number {
  return at < text.length ? text.codePointAt(at)! : -1;
}

/** The code point that ends just before `at` (a whole surrogate pair), or -1 at the start. */
function codePointBefore(text: string, at: number): number {
  if (at <= 0) return -1;
  const low = text.charCodeAt(at - 1);
  if ((low & 0xfc00) === 0xdc00 && at >= 2 && (text.charCodeAt(at - 2) & 0xfc00) === 0xd800) return text.codePointAt(at - 2)!;
  return low;
}

const isAsciiLetter = (cp: number) => (cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a;
const isAsciiDigit = (cp: number) => cp >= 0x30 && cp <= 0x39;

function isLetter(cp: number): boolean {
  if (cp < 0x80) return isAsciiLetter(cp);
  return LETTER.test(String.fromCodePoint(cp));
}

function isLetterOrDigit(cp: number): boolean {
  if (cp < 0x80) return isAsciiLetter(cp) || isAsciiDigit(cp);
  return LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
}

/** A letter, digit, mark, punctuation or symbol: never whitespace, in any Unicode version. */
function isVisible(cp: number): boolean {
  if (cp < 0x80) return cp > SPACE && cp !== 0x7f;
  return VISIBLE.test(String.fromCodePoint(cp));
}

/**
 * A letter in every Unicode version: ASCII, Latin-1 and Latin Extended-A letters, the basic Greek
 * and Cyrillic alphabets, hiragana, katakana and the CJK Unified Ideographs U+4E00–U+9FFF (which
 * the library's own tests hold to be letters in tiktoken's tables).
 */
function isOldLetter(cp: number): boolean {
  if (cp < 0x80) return isAsciiLetter(cp);
  return (
    (cp >= 0xc0 && cp <= 0x17f && cp !== 0xd7 && cp !== 0xf7) ||
    (cp >= 0x391 && cp <= 0x3a9 && cp !== 0x3a2) ||
    (cp >= 0x3b1 && cp <= 0x3c9) ||
    (cp >= 0x410 && cp <= 0x44f) ||
    (cp >= 0x3041 && cp <= 0x3094) ||
    (cp >= 0x30a1 && cp <= 0x30fa) ||
    (cp >= 0x4e00 && cp <= 0x9fff)
  );
}

/**
 * Punctuation or a symbol in every Unicode version, not the apostrophe: ASCII's, and the CJK
 * marks ，。、！？：；「」『』 (U+FF0C, U+3002, U+3001, U+FF01, U+FF1F, U+FF1A, U+FF1B, U+300C–U+300F).
 */
function isOldPunctuation(unit: number): boolean {
  if (unit < 0x80) return unit > SPACE && unit !== 0x7f && unit !== APOSTROPHE && !isAsciiLetter(unit) && !isAsciiDigit(unit);
  return (
    unit === 0xff0c ||
    unit === 0x3002 ||
    unit === 0x3001 ||
    unit === 0xff01 ||
    unit === 0xff1f ||
    unit === 0xff1a ||
    unit === 0xff1b ||
    (unit >= 0x300c && unit <= 0x300f)
  );
}

/** Whether `text` may be cut before index `at` (see above). Never at either end. */
export function isSafeCut(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  if (text.charCodeAt(at - 1) === NEWLINE) return at >= 2 && isLetterOrDigit(codePointAt(text, at)) && isVisible(codePointBefore(text, at - 1));
  const unit = text.charCodeAt(at);
  if (unit === SPACE) return isLetter(codePointBefore(text, at)) && isLetter(codePointAt(text, at + 1));
  return isOldPunctuation(unit) && isOldLetter(codePointBefore(text, at));
}

/** The first safe cut at `from` or after, before `limit` (default: the end); -1 if there is none. */
export function nextSafeCut(text: string, from: number, limit = text.length): number {
  const end = Math.min(limit, text.length);
  for (let at = Math.max(from, 1); at < end; at++) {
    if (isSafeCut(text, at)) return at;
  }
  return -1;
}
