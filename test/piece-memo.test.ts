import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PieceMemo } from '../src/bpe/piece-memo.js';
import { NOT_FOUND, ShortPieces } from '../src/bpe/short-pieces.js';
import { getEncoding } from '../src/index.js';
import { oracle } from './support/oracle.js';

// The encode loop's two caches may forget (they grow, and are emptied when full), but must never
// answer wrongly. Each is driven with long random sequences against a Map that remembers everything,
// with its limits made tiny so that growing and emptying happen many times per run; fast-check
// prints the seed of any failure. Then whole encodings, whose caches are churned the same way, are
// compared with tiktoken.

const RUNS = Number(process.env['TOKMETER_FC_RUNS'] ?? 40);

/** Deliberately weak: keys that differ anywhere but in their last unit share a hash and a probe chain. */
function hashOf(text: string): number {
  return text.charCodeAt(text.length - 1) & 3;
}

const memoKey = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', '中'), minLength: 1, maxLength: 12 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: PieceMemo.MAX_LENGTH }),
);
const memoEntry = fc.tuple(memoKey, fc.array(fc.integer({ min: 0, max: 200_000 }), { minLength: 1, maxLength: 40 }));

describe('PieceMemo', () => {
  it('after it was emptied, remembers a piece only when it is offered a second time, for a while', () => {
    const memo = new PieceMemo(10, 1 << 12); // holds 512 pieces
    const hash = (key: string) => [...key].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 0x01000193), 0x811c9dc5) & 0x3fffffff;
    const offer = (key: string) => memo.add(key, 0, key.length, hash(key), Int32Array.of(7), 1);
    const has = (key: string) => memo.find(key, 0, key.length, hash(key)) >= 0;
    for (let i = 0; i < 512; i++) offer(`k${i}`);
    expect(has('k0') && has('k511')).toBe(true);
    offer('full'); // the memo is full: emptied (then this one remembered), and wary from now on
    expect(has('k0')).toBe(false);
    expect(has('full')).toBe(true);
    offer('fresh');
    expect(has('fresh')).toBe(false);
    offer('fresh');
    expect(has('fresh')).toBe(true);
    // Wary for four fills' worth of offers (2,048 here, two of them 'fresh'), then not.
    for (let i = 0; i < 512 * 4 - 2; i++) offer(`w${i}`);
    expect(has('w0') || has(`w${512 * 4 - 3}`)).toBe(false);
    offer('late');
    expect(has('late')).toBe(true);
  });

  it('remembers a piece longer than ADMIT_AT_ONCE units only when it is offered a second time', () => {
    const memo = new PieceMemo();
    const tokens = Int32Array.of(5, 6);
    const short = 'ก'.repeat(PieceMemo.ADMIT_AT_ONCE);
    memo.add(short, 0, short.length, 11, tokens, 2);
    expect(memo.find(short, 0, short.length, 11)).toBeGreaterThanOrEqual(0);
    const long = 'ก'.repeat(PieceMemo.ADMIT_AT_ONCE + 1);
    memo.add(long, 0, long.length, 12, tokens, 2);
    expect(memo.find(long, 0, long.length, 12)).toBe(-1);
    memo.add(long, 0, long.length, 12, tokens, 2);
    const at = memo.find(long, 0, long.length, 12);
    expect(at).toBeGreaterThanOrEqual(0);
    const out: number[] = [];
    memo.pushTokens(at, out);
    expect(out).toEqual([5, 6]);
  });

  it('answers every piece with the tokens it was given, or not at all', () => {
    fc.assert(
      fc.property(fc.array(memoEntry, { minLength: 1000, maxLength: 3000 }), fc.integer({ min: 10, max: 12 }), (entries, slotBits) => {
        const memo = new PieceMemo(slotBits, 1 << 12);
        const truth = new Map<string, number[]>();
        for (const [key, tokens] of entries) {
          // Keys sit inside a longer text, as pieces do.
          const text = `«${key}»`;
          const at = memo.find(text, 1, key.length, hashOf(key));
          const known = truth.get(key);
          if (at >= 0) {
            const out: number[] = [];
            memo.pushTokens(at, out);
            expect(out).toEqual(known);
            expect(memo.answer(at)).toBe(known!.length);
          } else {
            const given = known ?? tokens;
            truth.set(key, given);
            memo.add(text, 1, key.length, hashOf(key), Int32Array.from(given), given.length);
          }
        }
      }),
      // Shrinking thousands of operations takes minutes and leaves them unreadable: report the seed at once.
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('grows only while the pieces it remembers are asked for again; else it turns wary', () => {
    const hash = (key: string) => [...key].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 0x01000193), 0x811c9dc5) & 0x3fffffff;
    const find = (memo: PieceMemo, key: string) => memo.find(key, 0, key.length, hash(key));
    const offer = (memo: PieceMemo, key: string) => memo.add(key, 0, key.length, hash(key), Int32Array.of(7), 1);
    // Answered by the memo, or in front of it (the byte loop's PieceCounts, which tells it how many).
    for (const [where, answered] of [['memo', 0], ['memo', 31], ['memo', 32], ['memo', 512], ['in front', 31], ['in front', 32]] as const) {
      // 1,024 slots at first, 4,096 at most: full (512 pieces) before it first grows.
      const memo = new PieceMemo(12, 1 << 14);
      for (let i = 0; i < 512; i++) offer(memo, `k${i}`);
      if (where === 'memo') for (let i = 0; i < answered; i++) memo.answer(find(memo, `k${i}`));
      else memo.countAnswers(answered);
      offer(memo, 'next');
      const grew = find(memo, 'next') >= 0;
      // Fewer answers than one in 16 of the 512 pieces remembered: 'next' waits for a second offer.
      expect({ where, answered, grew }).toEqual({ where, answered, grew: answered >= 32 });
      offer(memo, 'next');
      expect(find(memo, 'next') >= 0 && find(memo, 'k0') >= 0).toBe(true);
    }
  });

  it('grows, and when full at its largest is emptied and refilled', () => {
    const memo = new PieceMemo(10, 1 << 12);
    const key = (i: number) => `piece number ${i} of many`; // 24 units: kept in the key arena
    for (let i = 0; i < 5000; i++) {
      const text = key(i);
      if (memo.find(text, 0, text.length, hashOf(text)) < 0) memo.add(text, 0, text.length, hashOf(text), Int32Array.of(i, i + 1), 2);
    }
    // The last piece added is there; the first was dropped when the table filled.
    const last = key(4999);
    const at = memo.find(last, 0, last.length, hashOf(last));
    const out: number[] = [];
    memo.pushTokens(at, out);
    expect(out).toEqual([4999, 5000]);
    expect(memo.find(key(0), 0, key(0).length, hashOf(key(0)))).toBe(-1);
  });
});

describe('ShortPieces', () => {
  // Moved part way into room of its own (as into the byte loop's memory), it must keep its entries,
  // grow and empty in place, and publish its slot bits for the loop whenever they change.
  it.each([false, true])('answers every packed piece with the rank it was given, or NOT_FOUND (moved: %s)', (moved) => {
    // Few values per word, so that keys equal in two of their three parts meet in probe chains; enough
    // keys (2,048) that the table grows from 1,024 slots to 2,048 and is emptied at half full.
    const packed = fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 127 }), fc.integer({ min: 7, max: 8 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(packed, fc.integer({ min: -1, max: 200_000 })), { minLength: 1000, maxLength: 4000 }), (entries) => {
        const pieces = new ShortPieces(11);
        const published = Int32Array.of(-1);
        const truth = new Map<string, number>();
        for (const [index, [[low, high, length], rank]] of entries.entries()) {
          if (moved && index === entries.length >> 2) pieces.moveInto(new Int32Array(4 << 11), published);
          if (published[0] !== -1) expect(published[0]).toBe(pieces.slotBits);
          const key = `${low},${high},${length}`;
          const found = pieces.get(low, high, length);
          if (found === NOT_FOUND) {
            const given = truth.get(key) ?? rank;
            truth.set(key, given);
            pieces.add(low, high, length, given);
          } else {
            expect(found).toBe(truth.get(key));
          }
        }
      }),
      // Shrinking thousands of operations takes minutes and leaves them unreadable: report the seed at once.
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});

describe('encodings whose caches churn match tiktoken', () => {
  // Many distinct pieces (random words, long and short, ASCII and not) fill both caches of an
  // encoding past their largest size, so that they are emptied and the memo turns wary (most pieces
  // then pass by unremembered); the ids must match tiktoken throughout, the second time round too,
  // and count must agree with encode.
  let seed = 7;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const alphabets = ['abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 'абвгдежзийклмнопрстуфхцчшщыэюя', '的一是不了人我在有他这为之大来以个中上们', 'ąćęłńóśźżäöüßéèêàç'];
  const words: string[] = [];
  for (let i = 0; i < 120_000; i++) {
    const alphabet = alphabets[Math.floor(random() * alphabets.length)]!;
    // Mostly short words, some long, a few past the memo's 64 and 256 units and the long-piece merge.
    const length = 1 + Math.floor(random() * (random() < 0.01 ? 320 : random() < 0.2 ? 40 : 9));
    let word = ' ';
    for (let k = 0; k < length; k++) word += alphabet[Math.floor(random() * alphabet.length)];
    words.push(word);
  }
  const text = words.join('');

  for (const name of ['o200k_base', 'cl100k_base'] as const) {
    it(`${name}, ${(text.length / 1e6).toFixed(1)}M characters of distinct words, twice`, () => {
      const encoding = getEncoding(name);
      const expected = oracle(name).encodeOrdinary(text);
      for (let pass = 0; pass < 2; pass++) {
        const ids = encoding.encode(text);
        const first = ids.findIndex((id, i) => id !== expected[i]);
        expect({ pass, length: ids.length, firstDifference: first }).toEqual({ pass, length: expected.length, firstDifference: -1 });
        expect(encoding.count(text)).toBe(expected.length);
      }
    });
  }
});
