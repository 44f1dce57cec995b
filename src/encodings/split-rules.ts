/**
 * The split patterns as data: each an ordered list of alternatives (leftmost-first, as tiktoken's
 * regex engine takes them), each a sequence of elements — a character set with how many of it, a
 * choice of words, or a look-ahead. This is the one description of each pattern: rendered, it is
 * the pattern text of the specs (specs.ts, open-specs.ts; test/split-rules.test.ts checks them
 * byte for byte), and the encode path's scanners interpret it (src/bpe/split-rules-scan.ts) where
 * their fast paths do not decide. A pattern that is a sequence of splits (deepseek_v3's, three
 * Hugging Face Split steps) is a list of tables, one a step (`SplitSequence`).
 */

/**
 * An atom of a set, spelled as the pattern spells it. `\p{P}` and `\p{S}` (Hugging Face's, from its
 * regex engine) come only together: the generated table holds their union.
 */
export type Atom =
  | '\\p{L}' | '\\p{Lu}' | '\\p{Lt}' | '\\p{Ll}' | '\\p{Lm}' | '\\p{Lo}' | '\\p{M}' | '\\p{N}' | '\\p{P}' | '\\p{S}'
  | '\\s' | '\\r' | '\\n' | '/' | ' ';
/**
 * A set of characters: the union of its atoms, its ranges (first and last character, inclusive)
 * and its `chars`, written in that order; or with `not`, everything else.
 */
export interface CharSet {
  readonly of: readonly Atom[];
  readonly ranges?: readonly (readonly [string, string])[];
  /** Characters as themselves; rendering escapes `-`, `[`, `\` and `]`. */
  readonly chars?: string;
  readonly not?: boolean;
}
/** How many: `''` one, `?` at most one, `*` any, `+` at least one, `[m, n]` from m to n (greedy). */
export type Repeat = '' | '?' | '*' | '+' | readonly [number, number];

export type Element =
  | { readonly set: CharSet; readonly repeat: Repeat }
  /** One of `words` (the first that matches, then the next…), with `ignoreCase` Rust's simple case folding. */
  | { readonly words: readonly string[]; readonly ignoreCase?: boolean; readonly repeat: '' | '?' }
  /** Succeeds without taking anything when the next character is not in `notAhead` (or the text ends). */
  | { readonly notAhead: CharSet };

/** A split pattern: leftmost-first alternatives, each a sequence of elements. */
export type SplitRules = readonly (readonly Element[])[];

/**
 * Split patterns applied in turn, as a Hugging Face `Sequence` of `Split` pre-tokenizers with
 * behaviour `Isolated`: each step cuts every piece of the step before into its matches and the text
 * between them. Rendered, the steps' patterns joined by ` then `. Every step but the last is a run
 * of one set (src/bpe/split-rules-sequence.ts says why and checks it).
 */
export type SplitSequence = readonly SplitRules[];


const CONTRACTIONS = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d"] as const;
const LETTER: CharSet = { of: ['\\p{L}'] };
const NUMBER_SET: CharSet = { of: ['\\p{N}'] };
const WHITESPACE: CharSet = { of: ['\\s'] };
const NOT_WHITESPACE: CharSet = { of: ['\\s'], not: true };
const SPACE_CHAR: CharSet = { of: [' '] };
const LINE_BREAK: CharSet = { of: ['\\r', '\\n'] };
/** [^\s\p{L}\p{N}] */
const PUNCTUATION: CharSet = { of: ['\\s', '\\p{L}', '\\p{N}'], not: true };
/** [^\r\n\p{L}\p{N}] */
const WORD_LEAD: CharSet = { of: ['\\r', '\\n', '\\p{L}', '\\p{N}'], not: true };
const CASED_START: CharSet = { of: ['\\p{Lu}', '\\p{Lt}', '\\p{Lm}', '\\p{Lo}', '\\p{M}'] };
const CASED_REST: CharSet = { of: ['\\p{Ll}', '\\p{Lm}', '\\p{Lo}', '\\p{M}'] };

/** `\s*[\r\n]+|\s+(?!\S)|\s+` (cl100k, qwen2, o200k) */
const WHITESPACE_ALTERNATIVES: SplitRules = [
  [{ set: WHITESPACE, repeat: '*' }, { set: LINE_BREAK, repeat: '+' }],
  [{ set: WHITESPACE, repeat: '+' }, { notAhead: NOT_WHITESPACE }],
  [{ set: WHITESPACE, repeat: '+' }],
];

export const GPT2_RULES: SplitRules = [
  ...CONTRACTIONS.map((word): Element[] => [{ words: [word], repeat: '' }]),
  [{ set: SPACE_CHAR, repeat: '?' }, { set: LETTER, repeat: '+' }],
  [{ set: SPACE_CHAR, repeat: '?' }, { set: NUMBER_SET, repeat: '+' }],
  [{ set: SPACE_CHAR, repeat: '?' }, { set: PUNCTUATION, repeat: '+' }],
  [{ set: WHITESPACE, repeat: '+' }, { notAhead: NOT_WHITESPACE }],
  [{ set: WHITESPACE, repeat: '+' }],
];

function cl100kLike(digits: Repeat): SplitRules {
  return [
    [{ words: CONTRACTIONS, ignoreCase: true, repeat: '' }],
    [{ set: WORD_LEAD, repeat: '?' }, { set: LETTER, repeat: '+' }],
    [{ set: NUMBER_SET, repeat: digits }],
    [{ set: SPACE_CHAR, repeat: '?' }, { set: PUNCTUATION, repeat: '+' }, { set: LINE_BREAK, repeat: '*' }],
    ...WHITESPACE_ALTERNATIVES,
  ];
}
export const CL100K_RULES: SplitRules = /* @__PURE__ */ cl100kLike([1, 3]);
export const QWEN2_RULES: SplitRules = /* @__PURE__ */ cl100kLike('');

export const O200K_RULES: SplitRules = [
  [{ set: WORD_LEAD, repeat: '?' }, { set: CASED_START, repeat: '*' }, { set: CASED_REST, repeat: '+' }, { words: CONTRACTIONS, ignoreCase: true, repeat: '?' }],
  [{ set: WORD_LEAD, repeat: '?' }, { set: CASED_START, repeat: '+' }, { set: CASED_REST, repeat: '*' }, { words: CONTRACTIONS, ignoreCase: true, repeat: '?' }],
  [{ set: NUMBER_SET, repeat: [1, 3] }],
  [{ set: SPACE_CHAR, repeat: '?' }, { set: PUNCTUATION, repeat: '+' }, { set: { of: ['\\r', '\\n', '/'] }, repeat: '*' }],
  ...WHITESPACE_ALTERNATIVES,
];

/** [\p{P}\p{S}] */
const PUNCTUATION_SYMBOL: CharSet = { of: ['\\p{P}', '\\p{S}'] };

/**
 * DeepSeek V3's three Split steps (its tokenizer.json): runs of one to three digits; runs of CJK
 * ideographs U+4E00–U+9FA5 (一-龥, not the whole block), hiragana and katakana; then a word pattern
 * of its own, which reads \p{P} and \p{S} where cl100k's reads "not a letter, digit or space".
 */
export const DEEPSEEK_V3_STEPS: SplitSequence = [
  [[{ set: NUMBER_SET, repeat: [1, 3] }]],
  [[{ set: { of: [], ranges: [['一', '龥'], ['぀', 'ゟ'], ['゠', 'ヿ']] }, repeat: '+' }]],
  [
    [{ set: { of: [], chars: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~' }, repeat: '' }, { set: { of: [], ranges: [['A', 'Z'], ['a', 'z']] }, repeat: '+' }],
    [{ set: { of: ['\\r', '\\n', '\\p{L}', '\\p{P}', '\\p{S}'], not: true }, repeat: '?' }, { set: { of: ['\\p{L}', '\\p{M}'] }, repeat: '+' }],
    [{ set: SPACE_CHAR, repeat: '?' }, { set: PUNCTUATION_SYMBOL, repeat: '+' }, { set: LINE_BREAK, repeat: '*' }],
    ...WHITESPACE_ALTERNATIVES,
  ],
];
