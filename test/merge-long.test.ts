import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEAP_MERGE_LIMIT, mergeWithHeap } from '../src/bpe/merge.js';
import { mergeLongPiece } from '../src/bpe/merge-long.js';
import type { RankTable } from '../src/bpe/rank-table.js';
import { loadRankTable } from '../src/encodings/load.js';
import type { RankFileName } from '../src/encodings/specs.js';
import { oracle } from './support/oracle.js';

// The chunked merge of long pieces against a plain reference merge written here (checked against
// tiktoken on single pieces of a few KB, and against the heap merge), on long generated pieces.
// Tiny chunks make the pieces meet, fail the pair check and re-merge windows all the time; the
// default chunk size is checked on 200 KB inputs of the kinds that stress merging.

const RANK_FILES: RankFileName[] = ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'];

function heapMerge(file: RankFileName, bytes: Uint8Array): number[] {
  const out = new Int32Array(bytes.length);
  return Array.from(out.subarray(0, mergeWithHeap(loadRankTable(file).workspace.pairs, bytes, bytes.length, out)));
}

/**
 * Byte-pair merging as tiktoken defines it, written for clarity and independent of the merge code
 * under test: parts in a linked list, candidate pairs in a binary heap ordered by (rank, position),
 * each pair's rank looked up by its bytes (through the rank table, whose lookups
 * encodings-data.test.ts checks for every token).
 */
function referenceMerge(table: RankTable, bytes: Uint8Array): number[] {
  const n = bytes.length;
  const next = Array.from({ length: n }, (_, i) => i + 1);
  const prev = Array.from({ length: n }, (_, i) => i - 1);
  const pairRank = new Array<number>(n).fill(-1); // rank of the part at i joined with the next
  const heap: [number, number][] = [];
  const before = (a: [number, number], b: [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  const push = (entry: [number, number]) => {
    let i = heap.push(entry) - 1;
    while (i > 0 && before(heap[i]!, heap[(i - 1) >> 1]!)) {
      [heap[i], heap[(i - 1) >> 1]] = [heap[(i - 1) >> 1]!, heap[i]!];
      i = (i - 1) >> 1;
    }
  };
  const pop = (): [number, number] => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        let smallest = i;
        for (const child of [2 * i + 1, 2 * i + 2]) if (child < heap.length && before(heap[child]!, heap[smallest]!)) smallest = child;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
        i = smallest;
      }
    }
    return top;
  };
  const rankAt = (i: number) => (next[i]! < n ? table.rankOf(bytes, i, next[next[i]!] ?? n) : -1);
  for (let i = 0; i + 1 < n; i++) {
    pairRank[i] = rankAt(i);
    if (pairRank[i]! >= 0) push([pairRank[i]!, i]);
  }
  while (heap.length > 0) {
    const [rank, i] = pop();
    if (pairRank[i] !== rank) continue; // stale
    const gone = next[i]!;
    next[i] = next[gone]!;
    if (next[i]! < n) prev[next[i]!] = i;
    pairRank[gone] = -1;
    for (const at of [i, prev[i]!]) {
      if (at < 0) continue;
      pairRank[at] = rankAt(at);
      if (pairRank[at]! >= 0) push([pairRank[at]!, at]);
    }
  }
  const tokens: number[] = [];
  for (let i = 0; i < n; i = next[i]!) tokens.push(table.rankOf(bytes, i, next[i]!));
  return tokens;
}

function chunkedMerge(file: RankFileName, bytes: Uint8Array, chunk?: number): number[] {
  const out = new Int32Array(bytes.length);
  return Array.from(out.subarray(0, mergeLongPiece(loadRankTable(file).workspace.pairs, bytes, bytes.length, out, chunk)));
}

const encoder = new TextEncoder();

/** `length` characters drawn from `alphabet` by a fixed pseudo-random sequence. */
function generated(alphabet: string, length: number, seed = 1): string {
  const chars = [...alphabet];
  let state = seed;
  let text = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    text += chars[(state >>> 8) % chars.length];
  }
  return text;
}
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const HAN = '的一是不了人我在有他这为之大来以个中上们';
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
  it('gives the reference merge’s tokens, with chunks of 8 to 64 bytes', () => {
    fc.assert(
      fc.property(longPiece, fc.integer({ min: 8, max: 64 }), (bytes, chunk) => {
        expect(chunkedMerge(file, bytes, chunk)).toEqual(referenceMerge(loadRankTable(file), bytes));
      }),
      { numRuns: Number(process.env['TOKMETER_FC_RUNS'] ?? 60) },
    );
  });

  it.each([
    ['one letter', 'a'.repeat(200_000)],
    ['spaces', ' '.repeat(200_000)],
    ['newlines', '\n'.repeat(200_000)],
    ['random letters', Array.from({ length: 200_000 }, (_, i) => String.fromCharCode(97 + ((i * 7919 + (i >> 3) * 104729) % 26))).join('')],
  ])('gives the reference merge’s tokens on 200 KB of %s, at the default chunk size', (_label, text) => {
    const bytes = encoder.encode(text);
    expect(chunkedMerge(file, bytes)).toEqual(referenceMerge(loadRankTable(file), bytes));
  });

  it('merges windows too long for the heap with the scan merge, exactly', () => {
    // No real input makes a window pass HEAP_MERGE_LIMIT, so the limit is made tiny here.
    fc.assert(
      fc.property(longPiece, fc.integer({ min: 8, max: 32 }), fc.integer({ min: 2, max: 40 }), (bytes, chunk, windowLimit) => {
        const out = new Int32Array(bytes.length);
        const tokens = Array.from(out.subarray(0, mergeLongPiece(loadRankTable(file).workspace.pairs, bytes, bytes.length, out, chunk, windowLimit)));
        expect(tokens).toEqual(referenceMerge(loadRankTable(file), bytes));
      }),
      { numRuns: Number(process.env['TOKMETER_FC_RUNS'] ?? 20) },
    );
  });

  it('checks its reference against tiktoken on single pieces of a few KB', () => {
    // Each text is one piece under every split pattern (a run of letters), so tiktoken merges it whole.
    for (const text of [generated(LETTERS, 3000), 'ab'.repeat(1500), generated(HAN, 1000)]) {
      expect(referenceMerge(loadRankTable(file), encoder.encode(text))).toEqual(oracle(file).encodeOrdinary(text));
    }
  });

  it('merges HEAP_MERGE_LIMIT bytes in one heap call, and refuses a byte more', () => {
    const text = generated(HAN, (HEAP_MERGE_LIMIT - 2) / 3) + 'ab'; // three bytes a character
    const bytes = encoder.encode(text);
    expect(bytes.length).toBe(HEAP_MERGE_LIMIT);
    expect(heapMerge(file, bytes)).toEqual(referenceMerge(loadRankTable(file), bytes));
    expect(() => heapMerge(file, encoder.encode(text + 'c'))).toThrow(/at most 8192 bytes/);
  });

  it('checks its reference against the heap merge where both apply', () => {
    const bytes = encoder.encode('the quick brown fox '.repeat(100) + 'a'.repeat(700) + ' '.repeat(500));
    expect(referenceMerge(loadRankTable(file), bytes)).toEqual(heapMerge(file, bytes));
  });
});
