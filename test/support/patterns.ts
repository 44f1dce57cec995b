import { CLASS_RUNS } from '../../src/bpe/unicode-classes.generated.js';

/**
 * The split patterns as JavaScript regular expressions, to check the hand-written scanners against.
 * Two things differ from writing the patterns out directly: the character classes are built from
 * the same table the scanners use (tiktoken's Unicode version, not Node's), so the comparison tests
 * the scanners' logic; and `(?i:...)`, which V8 here lacks, is spelled out.
 */
function classRanges(ids: readonly number[]): string {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < CLASS_RUNS.length; i += 2) {
    start += CLASS_RUNS[i]!;
    if (!ids.includes(CLASS_RUNS[i + 1]!)) continue;
    const end = (i + 2 < CLASS_RUNS.length ? start + CLASS_RUNS[i + 2]! : 0x110000) - 1;
    const lo = start;
    const hi = end;
    // Surrogates are not code points; the table marks them OTHER, which never appears here.
    parts.push(lo === hi ? `\\u{${lo.toString(16)}}` : `\\u{${lo.toString(16)}}-\\u{${hi.toString(16)}}`);
  }
  return parts.join('');
}

const L = classRanges([1, 2, 3]);
const N = classRanges([5]);
const S = classRanges([6, 7]);
const UPPERISH = classRanges([1, 3, 4]);
const LOWERISH = classRanges([2, 3, 4]);
const CONTRACTION_CI = `'(?:[sSſ]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD])`;

export const SPLIT_REGEXES = {
  gpt2: new RegExp(`'s|'t|'re|'ve|'m|'ll|'d| ?[${L}]+| ?[${N}]+| ?[^${S}${L}${N}]+|[${S}]+(?![^${S}])|[${S}]+`, 'gu'),
  cl100k: new RegExp(
    `${CONTRACTION_CI}|[^\\r\\n${L}${N}]?[${L}]+|[${N}]{1,3}| ?[^${S}${L}${N}]+[\\r\\n]*|[${S}]*[\\r\\n]+|[${S}]+(?![^${S}])|[${S}]+`,
    'gu',
  ),
  o200k: new RegExp(
    [
      `[^\\r\\n${L}${N}]?[${UPPERISH}]*[${LOWERISH}]+(?:${CONTRACTION_CI})?`,
      `[^\\r\\n${L}${N}]?[${UPPERISH}]+[${LOWERISH}]*(?:${CONTRACTION_CI})?`,
      `[${N}]{1,3}`,
      ` ?[^${S}${L}${N}]+[\\r\\n/]*`,
      `[${S}]*[\\r\\n]+`,
      `[${S}]+(?![^${S}])`,
      `[${S}]+`,
    ].join('|'),
    'gu',
  ),
} as const;

/** The pieces a regex cuts `text` into (tiktoken's find_iter: unmatched text is skipped, but these patterns match everything). */
export function piecesByRegex(regex: RegExp, text: string): string[] {
  return Array.from(text.matchAll(regex), (m) => m[0]);
}
