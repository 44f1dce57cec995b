import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ENCODING_NAMES, getEncoding, InvalidArgumentError } from '../src/index.js';
import { cutRulesFor } from '../src/stream/cut-rules.js';
import { CutScanner } from '../src/stream/cut-scanner.js';
import { countFile, createTokenCounter } from '../src/stream/index.js';
import { FRAGMENTS, mixedText } from './support/arbitraries.js';

const RUNS = Number(process.env['TOKMETER_FC_RUNS'] ?? 100);

describe.each(ENCODING_NAMES)('%s', (name) => {
  const encoding = getEncoding(name);

  it('a safe cut never changes the tokens on either side', () => {
    // Our encoder is held to tiktoken by the differential tests; letterless-cuts.test.ts holds the
    // cuts to tiktoken directly. Here: every kind of fragment, many more texts.
    const rules = cutRulesFor(encoding);
    fc.assert(
      fc.property(mixedText, (text) => {
        const whole = encoding.encode(text);
        const scanner = new CutScanner(rules, 'start', 0);
        for (let i = 0; i < text.length; ) {
          const width = text.codePointAt(i)! > 0xffff ? 2 : 1;
          const cut = scanner.scanText(text, i, i + width, 0, false);
          if (cut >= 0) expect({ cut, ids: [...encoding.encode(text.slice(0, cut)), ...encoding.encode(text.slice(cut))] }).toEqual({ cut, ids: whole });
          i += width;
        }
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('the streaming count does not depend on where the chunks are cut', () => {
    // Texts of 100–300 KB, so the counter flushes several times, cut into random chunks.
    const longText = fc.array(mixedText, { minLength: 1500, maxLength: 4000 }).map((parts) => parts.join(' '));
    fc.assert(
      fc.property(longText, fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 40 }), (text, sizes) => {
        const counter = createTokenCounter({ encoding: name });
        let at = 0;
        for (let i = 0; at < text.length; i++) {
          const size = sizes[i % sizes.length]!;
          counter.write(text.slice(at, at + size));
          at += size;
        }
        expect(counter.end()).toBe(encoding.count(text));
      }),
      { numRuns: 8 },
    );
  });
});

describe('createTokenCounter', () => {
  it('holds back a long word until it ends, and counts it exactly', () => {
    const counter = createTokenCounter();
    const text = `start ${'x'.repeat(300_000)} end`;
    for (let i = 0; i < text.length; i += 7777) counter.write(text.slice(i, i + 7777));
    expect(counter.end()).toBe(getEncoding('o200k_base').count(text));
  });

  it('rejects writes after end and non-string chunks', () => {
    const counter = createTokenCounter({ model: 'gpt-4' });
    counter.write('hello');
    expect(counter.end()).toBe(1);
    expect(() => counter.write('more')).toThrow(/after end/);
    expect(() => createTokenCounter().write(42 as never)).toThrow(/chunk must be a string/);
  });

  it('rejects a misspelt option, naming it and the closest one, instead of counting with the default encoding', () => {
    expect(() => createTokenCounter({ encodng: 'r50k_base' } as never)).toThrow(InvalidArgumentError);
    expect(() => createTokenCounter({ encodng: 'r50k_base' } as never)).toThrow(/options\.encodng is not an option of createTokenCounter; did you mean encoding\?/);
  });

  it('rejects null options with a typed error, not a TypeError', () => {
    expect(() => createTokenCounter(null as never)).toThrow(InvalidArgumentError);
    expect(() => createTokenCounter(null as never)).toThrow(/^tokmeter: options must be a plain object/);
  });
});

describe('countFile', () => {
  const folder = mkdtempSync(join(tmpdir(), 'tokmeter-stream-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('streams a file and counts it exactly, keeping a leading BOM and multi-byte characters cut across reads', async () => {
    const text = `\uFEFF${Array.from({ length: 30_000 }, (_, i) => FRAGMENTS[i % FRAGMENTS.length]!.toWellFormed()).join(' ')}`;
    const path = join(folder, 'text.txt');
    writeFileSync(path, text);
    const result = await countFile(path, { encoding: 'cl100k_base' });
    expect(result.tokens).toBe(getEncoding('cl100k_base').count(text));
    expect(result.bytes).toBe(Buffer.byteLength(text));
  });

  it('names a missing file', async () => {
    await expect(countFile(join(folder, 'missing.txt'))).rejects.toThrow(/missing\.txt does not exist/);
  });

  it('rejects a misspelt option and null options with typed errors', async () => {
    const path = join(folder, 'small.txt');
    writeFileSync(path, 'hello world');
    await expect(countFile(path, { encodng: 'r50k_base' } as never)).rejects.toThrow(/options\.encodng is not an option of countFile; did you mean encoding\?/);
    await expect(countFile(path, null as never)).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
