import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeWithHeap } from '../src/bpe/merge.js';
import { mergeLongPiece } from '../src/bpe/merge-long.js';
import { loadRankTable } from '../src/encodings/load.js';
import type { RankFileName } from '../src/encodings/specs.js';

// The chunked merge of long pieces against the single heap merge (itself checked against tiktoken
// in differential.test.ts), on long generated pieces. Tiny chunks make the pieces meet, fail the
// pair check and give tokens back all the time; the default chunk size is checked on whole
// megabyte-scale inputs of the kinds that stress merging.

const RANK_FILES: RankFileName[] = ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'];

function heapMerge(file: RankFileName, bytes: Uint8Array): number[] {
  const out = new Int32Array(bytes.length);
  return Array.from(out.subarray(0, mergeWithHeap(loadRankTable(file).pairs, bytes, bytes.length, out)));
}

function chunkedMerge(file: RankFileName, bytes: Uint8Array, chunk?: number): number[] {
  const out = new Int32Array(bytes.length);
  return Array.from(out.subarray(0, mergeLongPiece(loadRankTable(file).pairs, bytes, bytes.length, out, chunk)));
}

const encoder = new TextEncoder();
// Alphabets whose runs merge into long tokens and tokens that straddle any cut.
const ALPHABETS = ['a', 'ab', 'abc', ' ', ' \n', '=-', '0123456789', 'abcdefghijklmnopqrstuvwxyz', 'ABCabc+/=', 'ไทย', '中文字', '👋🏽'];
const longPiece = fc
  .tuple(fc.constantFrom(...ALPHABETS), fc.integer({ min: 100, max: 6000 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }))
  .map(([alphabet, length, seed]) => {
    const chars = [...alphabet];
    let state = seed;
    let text = '';
    while (text.length < length) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      text += chars[state % chars.length];
    }
    return encoder.encode(text);
  });

describe.each(RANK_FILES)('%s', (file) => {
  it('gives the heap merge’s tokens, with chunks of 8 to 64 bytes', () => {
    fc.assert(
      fc.property(longPiece, fc.integer({ min: 8, max: 64 }), (bytes, chunk) => {
        expect(chunkedMerge(file, bytes, chunk)).toEqual(heapMerge(file, bytes));
      }),
      { numRuns: Number(process.env['TOKMETER_FC_RUNS'] ?? 60) },
    );
  });

  it.each([
    ['one letter', 'a'.repeat(200_000)],
    ['spaces', ' '.repeat(200_000)],
    ['newlines', '\n'.repeat(200_000)],
    ['random letters', Array.from({ length: 200_000 }, (_, i) => String.fromCharCode(97 + ((i * 7919 + (i >> 3) * 104729) % 26))).join('')],
  ])('gives the heap merge’s tokens on 200 KB of %s, at the default chunk size', (_label, text) => {
    const bytes = encoder.encode(text);
    expect(chunkedMerge(file, bytes)).toEqual(heapMerge(file, bytes));
  });
});
