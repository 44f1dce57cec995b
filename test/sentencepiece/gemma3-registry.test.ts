// gemma3 through the library's registry: an install hint until its data is given, then the encoding.
import { expect, test } from 'vitest';
import gemma3 from '../../packages/tokmeter-open/gemma3.js';
import { getEncoding, useEncodingData } from '../../src/index.js';
import { EncodingDataNotInstalledError } from '../../src/encodings/open-data.js';

test("getEncoding('gemma3') needs useEncodingData(gemma3), then counts", () => {
  expect(() => getEncoding('gemma3')).toThrow(EncodingDataNotInstalledError);
  expect(() => getEncoding('gemma3')).toThrow(/import gemma3 from 'tokmeter-open\/gemma3'/);
  expect(() => useEncodingData({ ...gemma3, format: 'tkmr-1' })).toThrow(/must be 'spm-bpe-1'/);
  const registered = useEncodingData(gemma3);
  expect(getEncoding('gemma3')).toBe(registered);
  expect(useEncodingData(gemma3)).toBe(registered);
  expect(getEncoding('gemma3').encode('What is your name?')).toEqual([3689, 563, 822, 1463, 236881]);
  expect(() => (getEncoding as (name: string, options: unknown) => unknown)('gemma3', { extraSpecialTokens: { '<|x|>': 300000 } })).toThrow(/not taken for gemma3/);
  expect(() => getEncoding('gemma' as never)).toThrow(/Did you mean "gemma3"/);
});
