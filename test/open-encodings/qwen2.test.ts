import { describe, expect, it } from 'vitest';
import { differentialTests } from './differential.js';
import { openEncodingForTest } from '../support/hf-oracle.js';

// Pairs that NFC makes equal (Qwen's tokenizer normalizes to NFC first), and text it leaves alone.
const NFC_PAIRS: readonly (readonly [string, string])[] = [
  ['e\u0301', '\u00e9'],
  ['cafe\u0301 nai\u0308ve', 'caf\u00e9 na\u00efve'],
  ['\u212b', '\u00c5'], // ANGSTROM SIGN → A WITH RING
  ['\u1100\u1161\u11a8', '\uac01'], // Hangul jamo → syllable
  ['Vie\u0323\u0302t Nam', 'Vi\u1ec7t Nam'],
  ['\u0041\u030a\u0301', '\u01fa'],
];

describe('qwen2 against Hugging Face tokenizers', () => {
  differentialTests('qwen2', [...NFC_PAIRS.flat(), '\ufb01 \u2126 \u00bd', 'x\u0338 <\u0338 >\u0338', '<|im_end|>\u0338']);

  it('counts text and its NFC form the same, as the upstream normalizer makes them one', async () => {
    const qwen = await openEncodingForTest('qwen2');
    for (const [decomposed, composed] of NFC_PAIRS) expect(qwen.encode(decomposed), decomposed).toEqual(qwen.encode(composed));
  });
});
