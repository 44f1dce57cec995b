import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// The pool loads its worker from dist/, so this test runs against the built package (npm test builds first).
import { countFiles, getEncoding } from '../dist/index.js';
import { getEncoding as sourceEncoding } from '../src/index.js';
import { findSafeCutOffset } from '../src/parallel/file-cuts.js';
import { cutRulesFor } from '../src/stream/cut-rules.js';
import { FRAGMENTS } from './support/arbitraries.js';

const folder = mkdtempSync(join(tmpdir(), 'tokmeter-parallel-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

// Text with every kind of fragment, multi-byte characters and long runs, a few MB of it.
function corpus(seed: number, length: number): string {
  const parts: string[] = [];
  let state = seed;
  let size = 0;
  while (size < length) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const part = FRAGMENTS[state % FRAGMENTS.length]!.toWellFormed();
    parts.push(part, state % 3 === 0 ? ' ' : '');
    size += part.length + 1;
  }
  return parts.join('');
}

describe('countFiles', () => {
  it('counts many files across workers, in the order given', async () => {
    const texts = [corpus(1, 50_000), corpus(2, 10), '', corpus(3, 200_000)];
    const paths = texts.map((text, i) => write(`f${i}.txt`, text));
    const results = await countFiles(paths, { encoding: 'cl100k_base', concurrency: 2 });
    expect(results).toEqual(texts.map((text, i) => ({ path: paths[i], tokens: getEncoding('cl100k_base').count(text), bytes: Buffer.byteLength(text) })));
  });

  it('cuts one large file into ranges whose counts add up exactly', async () => {
    const text = corpus(4, 3_000_000);
    const path = write('large.txt', text);
    const progress: number[] = [];
    const [result] = await countFiles([path], { concurrency: 2, splitAbove: 256 * 1024, onProgress: (done) => progress.push(done) });
    expect(result!.tokens).toBe(getEncoding('o200k_base').count(text));
    expect(progress.length).toBeGreaterThan(4);
    expect(progress.at(-1)).toBe(Buffer.byteLength(text));
  });

  it('counts on the calling thread with concurrency 1', async () => {
    const text = corpus(5, 100_000);
    const [result] = await countFiles([write('one.txt', text)], { concurrency: 1, splitAbove: 10_000, encoding: 'r50k_base' });
    expect(result!.tokens).toBe(getEncoding('r50k_base').count(text));
  });

  it('cuts a numeric CSV (no letters) into ranges on workers and counts it as countFile does', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `${i},${(i * 7919) % 1_000_003},${i * 31}.${i % 97}`);
    const path = write('numbers.csv', `${rows.join('\n')}\n`);
    for (const encoding of ['o200k_base', 'r50k_base'] as const) {
      const [parallel] = await countFiles([path], { encoding, concurrency: 2, splitAbove: 128 * 1024 });
      const [single] = await countFiles([path], { encoding, concurrency: 1, splitAbove: Number.MAX_SAFE_INTEGER });
      expect(parallel).toEqual(single);
      expect(parallel!.tokens).toBe(getEncoding(encoding).count(`${rows.join('\n')}\n`));
    }
  });

  it("passes a worker's PieceTooLongError on with its type, code and file", async () => {
    const long = write('long.txt', `${' '.repeat(4 * 1024 * 1024 + 2)}x`);
    const short = write('short.txt', 'hello');
    // The worker takes the first task, this thread the second.
    await expect(countFiles([long, short], { concurrency: 2, encoding: 'r50k_base' })).rejects.toMatchObject({
      name: 'PieceTooLongError',
      code: 'PIECE_TOO_LONG',
      place: { kind: 'file', path: long },
    });
  });

  it('refuses a file with a stretch over the limit while cutting it, before any worker reads it', async () => {
    const path = write('long-run.txt', `a${' '.repeat(12 * 1024 * 1024)}b`);
    await expect(countFiles([path], { concurrency: 2, splitAbove: 1024 * 1024 })).rejects.toMatchObject({ code: 'PIECE_TOO_LONG', place: { kind: 'file', path } });
  });

  it('rejects with the error an onProgress callback throws, from this thread or a worker', async () => {
    const path = write('progress-throws.txt', corpus(6, 400_000));
    const failing = () => {
      throw new Error('progress failed');
    };
    await expect(countFiles([path], { concurrency: 2, splitAbove: 50_000, onProgress: failing })).rejects.toThrow('progress failed');
  });

  it('rejects a missing file, a bad option and a bad model before starting', async () => {
    await expect(countFiles([join(folder, 'nope.txt')])).rejects.toThrow(/nope\.txt does not exist/);
    await expect(countFiles([], { concurrency: 0 })).rejects.toThrow(/options\.concurrency must be a positive integer/);
    await expect(countFiles([], { model: 'not-a-model' })).rejects.toThrow(/unknown model/);
  });

  it('rejects a misspelt option, naming the closest, instead of counting with the default encoding', async () => {
    const path = write('typo.txt', 'hello');
    await expect(countFiles([path], { encodng: 'r50k_base' } as never)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'options.encodng',
      message: expect.stringMatching(/not an option of countFiles; did you mean encoding\?/),
    });
  });

  it('rejects an onProgress that is not a function and null options with typed errors, not TypeErrors', async () => {
    const path = write('progress.txt', 'hello');
    await expect(countFiles([path], { onProgress: 'x' } as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', field: 'options.onProgress' });
    await expect(countFiles([path], null as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', field: 'options' });
  });
});

describe('findSafeCutOffset', () => {
  it('lands on a character boundary, the same for everyone asking', () => {
    const text = 'añb '.repeat(50_000) + '中文'.repeat(1000);
    const path = write('cuts.txt', text);
    const size = Buffer.byteLength(text);
    const bytes = Buffer.from(text);
    const rules = cutRulesFor(sourceEncoding('o200k_base'));
    for (const offset of [1, 2, 3, 1000, 99_999, size - 10]) {
      const cut = findSafeCutOffset(path, offset, size, rules);
      expect(cut).toBeGreaterThanOrEqual(offset);
      expect(cut === size || (bytes[cut]! & 0xc0) !== 0x80).toBe(true);
      expect(findSafeCutOffset(path, offset, size, rules)).toBe(cut);
    }
  });
});
