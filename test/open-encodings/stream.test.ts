import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { countFiles, createTokenCounter, getEncoding, InvalidArgumentError, useEncodingData } from '../../src/index.js';
import llama3 from '../../packages/tokmeter-open/llama3.js';
import qwen2 from '../../packages/tokmeter-open/qwen2.js';
import deepseekV3 from '../../packages/tokmeter-open/deepseek_v3.js';
import { asciiText, mixedText } from '../support/arbitraries.js';

const RUNS = Number(process.env['TOKMETER_FC_RUNS'] ?? 200);

beforeAll(() => {
  useEncodingData(llama3);
  useEncodingData(qwen2);
  useEncodingData(deepseekV3);
});

describe('streaming with llama3 (cl100k\'s pattern, its own vocabulary\'s seams)', () => {
  it('counts text written in any chunks as the whole text (fast-check prints the seed of a failure)', () => {
    const encoding = getEncoding('llama3');
    fc.assert(
      fc.property(fc.array(fc.oneof(mixedText, asciiText), { minLength: 1, maxLength: 6 }), (chunks) => {
        const counter = createTokenCounter({ model: 'groq/llama-3.3-70b-versatile' });
        for (const chunk of chunks) counter.write(chunk);
        expect(counter.end()).toBe(encoding.count(chunks.join('')));
      }),
      { numRuns: RUNS },
    );
  });

  it('counts a large file cut into ranges as the whole file, on this thread (workers have no useEncodingData data)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokmeter-open-'));
    const path = join(dir, 'big.txt');
    const text = 'Hello, world! 12345 naïve café 中文 👋\n    indented code();\n'.repeat(20000);
    writeFileSync(path, text);
    const [result] = await countFiles([path], { encoding: 'llama3' as never, splitAbove: 100_000, concurrency: 2 });
    expect(result!.tokens).toBe(getEncoding('llama3').count(text));
  });
});

describe('streaming with qwen2 and deepseek_v3', () => {
  it.each(['qwen2', 'deepseek_v3'] as const)('%s is refused with an error that says how to count instead', (name) => {
    expect(() => createTokenCounter({ encoding: name as never })).toThrow(InvalidArgumentError);
    expect(() => createTokenCounter({ encoding: name as never })).toThrow(`getEncoding('${name}').count(text)`);
  });
});
