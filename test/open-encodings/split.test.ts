import { describe, expect, it } from 'vitest';
import qwen2 from '../../packages/tokmeter-open/qwen2.js';
import { getEncoding, InvalidArgumentError, splitByTokens, useEncodingData } from '../../src/index.js';

// splitByTokens with an encoding that normalizes text first (qwen2: NFC). Its tokens are of the
// normalized text, so chunks cut by them are slices of the text only when normalizing changes
// nothing; otherwise the text is refused rather than returned with characters lost or shifted.

useEncodingData(qwen2);

describe('splitByTokens with qwen2', () => {
  it('says the encoding normalizes to NFC', () => {
    expect(getEncoding('qwen2').normalization).toBe('NFC');
    expect(getEncoding('o200k_base').normalization).toBeNull();
  });

  it('refuses text that is not in NFC, and says how to split it', () => {
    const decomposed = 'he\u0301llo world';
    expect(() => splitByTokens(decomposed, { maxTokens: 2, encoding: 'qwen2' as never })).toThrow(InvalidArgumentError);
    expect(() => splitByTokens(decomposed, { maxTokens: 2, encoding: 'qwen2' as never })).toThrow(/is not in NFC, which qwen2 normalizes text to .* Split text\.normalize\('NFC'\) instead\./);
  });

  it('splits NFC text into slices that join back into it', () => {
    const text = 'he\u0301llo world, naïve café. 東京 and 12345 digits.'.normalize('NFC');
    const chunks = splitByTokens(text, { maxTokens: 3, encoding: 'qwen2' as never });
    expect(chunks.map((c) => c.text).join('')).toBe(text);
    for (const chunk of chunks) {
      expect(chunk.text).toBe(text.slice(chunk.start, chunk.end));
      expect(chunk.tokens).toBe(getEncoding('qwen2').count(chunk.text));
      expect(chunk.tokens).toBeLessThanOrEqual(3);
    }
  });
});
