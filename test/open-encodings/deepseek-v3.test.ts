import { describe, expect, it } from 'vitest';
import { differentialTests } from './differential.js';
import { openEncodingForTest } from '../support/hf-oracle.js';

// The pieces DeepSeek V3's three Split steps make: digits in threes, CJK runs (U+4E00–U+9FA5 only,
// kana), an ASCII punctuation mark before ASCII letters, marks in words, controls and format
// characters that no alternative takes, spaces before a digit or CJK (the end of a stretch), and
// kana that are punctuation or symbols (step 2 takes them, pattern 3 cuts them out again).
const OWN = [
  '1234567 12a345b6789', '你好世界 こんにちは カタカナ 龥龦 鿿 𠀀𠀁', '中文123中文', 'abc 中', 'abc  123', 'a\u3000中',
  '.hello ,world "quoted" (paren) [x]{y}', "don't it's 'quoted'", '..hello !!world', '.é ,ß', 'a\u0301b \u0301\u0301 \u0301a',
  '\u0001word \u200bword \u200b\u200b \u0007\u0007x \ue000y \u{10ffff}z', '\u00ad\u00ad\u00ad', '\t\tword \r\n\r\nword',
  'x +-*/ y ++x-- ∑∫√ €$£ 🙂!', ' !!!\n\n\nx', '\u20c1 \ufbc3 \u{1f6d8}', // code points whose class changed with Unicode versions
  // kana of step 2 that pattern 3 cuts out again: punctuation, symbols, a lone mark, unassigned
  'カタ・カナ ア゠イ か゛き ゛か か\u3099 \u3099か \u3040か ヿ・ゟ', 'スタッフ・サービス・ネットワーク「ガイド」',
];

describe('deepseek_v3 against Hugging Face tokenizers', () => differentialTests('deepseek_v3', OWN));

describe('deepseek_v3 special tokens outside ASCII', () => {
  it('decode to their text and measure their UTF-8 bytes', async () => {
    const deepseek = await openEncodingForTest('deepseek_v3');
    const text = '<｜begin▁of▁sentence｜>hi<｜User｜>x<｜Assistant｜><|EOT|>';
    const ids = deepseek.encode(text, { allowedSpecial: 'all' });
    expect(ids).toContain(0);
    expect(ids).toContain(128803);
    expect(deepseek.decode(ids)).toBe(text);
    const lengths = deepseek.tokenByteLengths(ids);
    expect(lengths.reduce((a, b) => a + b, 0)).toBe(new TextEncoder().encode(text).length);
    expect(Array.from(deepseek.decodeBytes(ids))).toEqual(Array.from(new TextEncoder().encode(text)));
  });
});
