import { CL100K_PATTERN, type BpeSpec } from './specs.js';

/**
 * The optional encodings: byte-level BPE tokenizers of open-weight models, whose data ships in the
 * separate package `tokmeter-open` (packages/tokmeter-open, converted from each upstream
 * tokenizer.json by scripts/convert-open-encodings.mjs) and is handed to tokmeter with
 * `useEncodingData`. Everything but the ranks is here, as data.
 */
export const OPEN_ENCODING_NAMES = ['llama3', 'qwen2', 'deepseek_v3'] as const;
export type OpenEncodingName = (typeof OPEN_ENCODING_NAMES)[number];

/** An optional encoding's definition; its ranks come from `tokmeter-open/<name>`. */
export interface OpenEncodingSpec extends BpeSpec {
  readonly name: OpenEncodingName;
  /** Which models use it, for messages. */
  readonly models: string;
}

/** Qwen's pattern: cl100k_base's with single digits (split-qwen2.ts). */
const QWEN2_PATTERN = CL100K_PATTERN.replace('\\p{N}{1,3}', '\\p{N}');
/** DeepSeek V3's three Split pre-tokenizers, in order (split-deepseek-v3.ts). */
const DEEPSEEK_V3_PATTERN = [
  `\\p{N}{1,3}`,
  `[一-龥぀-ゟ゠-ヿ]+`,
  `[!"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_\`{|}~][A-Za-z]+|[^\\r\\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+`,
].join(' then ');


/** Llama 3's special tokens: <|begin_of_text|> and the rest at 128000–128255, as its tokenizer.json names them. */
function llama3SpecialTokens(): Record<string, number> {
  const named: Record<string, number> = {
    '<|begin_of_text|>': 128000,
    '<|end_of_text|>': 128001,
    '<|start_header_id|>': 128006,
    '<|end_header_id|>': 128007,
    '<|eot_id|>': 128009,
  };
  const tokens: Record<string, number> = { ...named };
  // The others are <|reserved_special_token_0|> … _250|> in id order (0–3 at 128002–128005, 4 at 128008).
  let reserved = 0;
  const taken = new Set(Object.values(named));
  for (let id = 128000; id < 128256; id++) if (!taken.has(id)) tokens[`<|reserved_special_token_${reserved++}|>`] = id;
  return tokens;
}

/** Qwen's added tokens (151643–151668), those its tokenizer.json marks special and the others alike. */
const QWEN2_SPECIAL_TOKENS: Readonly<Record<string, number>> = {
  '<|endoftext|>': 151643,
  '<|im_start|>': 151644,
  '<|im_end|>': 151645,
  '<|object_ref_start|>': 151646,
  '<|object_ref_end|>': 151647,
  '<|box_start|>': 151648,
  '<|box_end|>': 151649,
  '<|quad_start|>': 151650,
  '<|quad_end|>': 151651,
  '<|vision_start|>': 151652,
  '<|vision_end|>': 151653,
  '<|vision_pad|>': 151654,
  '<|image_pad|>': 151655,
  '<|video_pad|>': 151656,
  '<tool_call>': 151657,
  '</tool_call>': 151658,
  '<|fim_prefix|>': 151659,
  '<|fim_middle|>': 151660,
  '<|fim_suffix|>': 151661,
  '<|fim_pad|>': 151662,
  '<|repo_name|>': 151663,
  '<|file_sep|>': 151664,
  '<tool_response>': 151665,
  '</tool_response>': 151666,
  '<think>': 151667,
  '</think>': 151668,
};

/** DeepSeek V3's added tokens: three at ids 0–2, 800 placeholders from 128000, then the chat and tool tokens. */
function deepSeekV3SpecialTokens(): Record<string, number> {
  const tokens: Record<string, number> = {
    '<｜begin▁of▁sentence｜>': 0,
    '<｜end▁of▁sentence｜>': 1,
    '<｜▁pad▁｜>': 2,
  };
  for (let n = 0; n < 800; n++) tokens[`<｜place▁holder▁no▁${n}｜>`] = 128000 + n;
  const named = [
    '<｜fim▁hole｜>', '<｜fim▁begin｜>', '<｜fim▁end｜>', '<｜User｜>', '<｜Assistant｜>', '<|EOT|>',
    '<｜tool▁calls▁begin｜>', '<｜tool▁calls▁end｜>', '<｜tool▁call▁begin｜>', '<｜tool▁call▁end｜>',
    '<｜tool▁outputs▁begin｜>', '<｜tool▁outputs▁end｜>', '<｜tool▁output▁begin｜>', '<｜tool▁output▁end｜>', '<｜tool▁sep｜>',
  ];
  named.forEach((text, i) => (tokens[text] = 128800 + i));
  return tokens;
}

export const LLAMA3: OpenEncodingSpec = {
  name: 'llama3',
  models: 'Llama 3, 3.1, 3.2 and 3.3',
  pattern: CL100K_PATTERN,
  pretokenizer: 'cl100k',
  get specialTokens() {
    return llama3SpecialTokens();
  },
  vocabularySize: 128256,
};

export const QWEN2: OpenEncodingSpec = {
  name: 'qwen2',
  models: 'Qwen2, Qwen2.5 and Qwen3',
  pattern: QWEN2_PATTERN,
  pretokenizer: 'qwen2',
  specialTokens: QWEN2_SPECIAL_TOKENS,
  vocabularySize: 151669,
  normalization: 'NFC',
};

export const DEEPSEEK_V3: OpenEncodingSpec = {
  name: 'deepseek_v3',
  models: 'DeepSeek V3 and R1',
  pattern: DEEPSEEK_V3_PATTERN,
  pretokenizer: 'deepseek_v3',
  get specialTokens() {
    return deepSeekV3SpecialTokens();
  },
  vocabularySize: 128815,
};

export const OPEN_ENCODING_SPECS: Readonly<Record<OpenEncodingName, OpenEncodingSpec>> = {
  llama3: LLAMA3,
  qwen2: QWEN2,
  deepseek_v3: DEEPSEEK_V3,
};
