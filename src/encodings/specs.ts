// Plain data, as tiktoken's openai_public.py: names, rank files, patterns, special tokens. Nothing
// here imports the BPE code; `pretokenizer` names the scanners (src/bpe/pretokenizers.ts) that
// implement `pattern` on the fast path.

/** The split patterns the fast path has scanners for (src/bpe/pretokenizers.ts). */
export type PretokenizerName = 'gpt2' | 'cl100k' | 'o200k' | 'qwen2' | 'deepseek_v3';

/** The rank files in encodings/, by the name of the encoding that introduced them. */
export type RankFileName = 'r50k_base' | 'p50k_base' | 'cl100k_base' | 'o200k_base';

/** What the encode loop needs of any byte-level BPE encoding, built-in or optional (open-specs.ts). */
export interface BpeSpec {
  readonly name: string;
  /**
   * The split pattern (tiktoken's, Rust regex syntax): the reference encoder runs it as a regex. The
   * same pattern as data is in split-rules.ts, which the fast path's scanners interpret; it renders
   * to this text byte for byte (test/split-rules.test.ts).
   */
  readonly pattern: string;
  /** The fast path's implementation of `pattern` (src/bpe/pretokenizers.ts). */
  readonly pretokenizer: PretokenizerName;
  readonly specialTokens: Readonly<Record<string, number>>;
  /** Mergeable ranks plus special tokens (tiktoken's `n_vocab`). */
  readonly vocabularySize: number;
  /**
   * Unicode normalization applied to ordinary text (between special tokens) before it is split,
   * as the upstream tokenizer's normalizer does (Qwen's NFC). None for tiktoken's encodings.
   */
  readonly normalization?: 'NFC';
}

/** Everything that defines an encoding, as tiktoken's `openai_public.py` does: plain data. */
export interface EncodingSpec extends BpeSpec {
  readonly name: EncodingName;
  readonly rankFile: RankFileName;
}

export const ENCODING_NAMES = ['r50k_base', 'p50k_base', 'p50k_edit', 'cl100k_base', 'o200k_base', 'o200k_harmony'] as const;
export type EncodingName = (typeof ENCODING_NAMES)[number];
/** Other names accepted by `getEncoding`. */
export const ENCODING_ALIASES: Readonly<Record<string, EncodingName>> = { gpt2: 'r50k_base' };

const ENDOFTEXT = '<|endoftext|>';
const ENDOFPROMPT = '<|endofprompt|>';

// The patterns as the npm `tiktoken` package (our exact reference) runs them.
const GPT2_PATTERN = `'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+`;
export const CL100K_PATTERN = `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+`;
const O200K_PATTERN = [
  `[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?`,
  `[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?`,
  `\\p{N}{1,3}`,
  ` ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*`,
  `\\s*[\\r\\n]+`,
  `\\s+(?!\\S)`,
  `\\s+`,
].join('|');

/** o200k_harmony: the o200k ranks with the Harmony chat-format tokens; every other id up to 201087 is reserved. */
function harmonySpecialTokens(): Record<string, number> {
  const named: Record<string, number> = {
    '<|startoftext|>': 199998,
    [ENDOFTEXT]: 199999,
    '<|return|>': 200002,
    '<|constrain|>': 200003,
    '<|channel|>': 200005,
    '<|start|>': 200006,
    '<|end|>': 200007,
    '<|message|>': 200008,
    '<|call|>': 200012,
    [ENDOFPROMPT]: 200018,
  };
  const taken = new Set(Object.values(named));
  const tokens: Record<string, number> = { ...named };
  for (let id = 200000; id < 201088; id++) if (!taken.has(id)) tokens[`<|reserved_${id}|>`] = id;
  return tokens;
}

// One constant per encoding, and special tokens under literal keys (not [ENDOFTEXT]), so that a
// bundle of one encoding (tokmeter/encoding/<name>) leaves the others' specs out: a bundler keeps
// any object built with a computed key.
export const R50K_BASE: EncodingSpec = {
  name: 'r50k_base',
  rankFile: 'r50k_base',
  pattern: GPT2_PATTERN,
  pretokenizer: 'gpt2',
  specialTokens: { '<|endoftext|>': 50256 },
  vocabularySize: 50257,
};

export const P50K_BASE: EncodingSpec = {
  name: 'p50k_base',
  rankFile: 'p50k_base',
  pattern: GPT2_PATTERN,
  pretokenizer: 'gpt2',
  specialTokens: { '<|endoftext|>': 50256 },
  vocabularySize: 50281,
};

export const P50K_EDIT: EncodingSpec = {
  name: 'p50k_edit',
  rankFile: 'p50k_base',
  pattern: GPT2_PATTERN,
  pretokenizer: 'gpt2',
  specialTokens: { '<|endoftext|>': 50256, '<|fim_prefix|>': 50281, '<|fim_middle|>': 50282, '<|fim_suffix|>': 50283 },
  vocabularySize: 50284,
};

export const CL100K_BASE: EncodingSpec = {
  name: 'cl100k_base',
  rankFile: 'cl100k_base',
  pattern: CL100K_PATTERN,
  pretokenizer: 'cl100k',
  specialTokens: { '<|endoftext|>': 100257, '<|fim_prefix|>': 100258, '<|fim_middle|>': 100259, '<|fim_suffix|>': 100260, '<|endofprompt|>': 100276 },
  vocabularySize: 100277,
};

export const O200K_BASE: EncodingSpec = {
  name: 'o200k_base',
  rankFile: 'o200k_base',
  pattern: O200K_PATTERN,
  pretokenizer: 'o200k',
  specialTokens: { '<|endoftext|>': 199999, '<|endofprompt|>': 200018 },
  vocabularySize: 200019,
};

export const O200K_HARMONY: EncodingSpec = {
  name: 'o200k_harmony',
  rankFile: 'o200k_base',
  pattern: O200K_PATTERN,
  pretokenizer: 'o200k',
  get specialTokens() {
    return harmonySpecialTokens();
  },
  vocabularySize: 201088,
};

export const ENCODING_SPECS: Readonly<Record<EncodingName, EncodingSpec>> = {
  r50k_base: R50K_BASE,
  p50k_base: P50K_BASE,
  p50k_edit: P50K_EDIT,
  cl100k_base: CL100K_BASE,
  o200k_base: O200K_BASE,
  o200k_harmony: O200K_HARMONY,
};
