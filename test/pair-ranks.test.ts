import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRankTable } from '../src/encodings/load.js';
import { Workspace } from '../src/bpe/workspace.js';

// PairRanks.join answers "what do tokens `left` and `right` make joined?" from a cache, a table of
// recent short misses (made after the first 1,024 of them, direct-mapped, overwritten by any pair
// that lands on its slot) and the rank table. Whatever it remembers, every answer must be the rank
// table's own for the joined bytes: asked in random orders, with repeats, many times the table's
// size, through its creation and through collisions.

const RUNS = Number(process.env['TOKMETER_FC_RUNS'] ?? 20);

describe('PairRanks.join', () => {
  const table = loadRankTable('o200k_base');
  /** Tokens of 1–6 bytes: their pairs are mostly the short ones the table of misses keeps. */
  const shortRanks: number[] = [];
  for (let rank = 0; rank < table.rankCount && shortRanks.length < 4000; rank += 7) {
    const length = table.tokenBytes(rank).length;
    if (length >= 1 && length <= 6) shortRanks.push(rank);
  }

  it("answers every pair as the rank table does, repeats and new pairs mixed (seed printed on failure)", () => {
    const pair = fc.tuple(fc.constantFrom(...shortRanks), fc.constantFrom(...shortRanks));
    const asked = fc.array(fc.oneof({ weight: 3, arbitrary: pair }, { weight: 1, arbitrary: fc.constant(null) }), { minLength: 3000, maxLength: 6000 });
    fc.assert(
      fc.property(asked, (pairs) => {
        const pairRanks = new Workspace(table).pairs;
        const bytes = new Uint8Array(256);
        const seen: [number, number][] = [];
        for (const next of pairs) {
          // null: ask again for a pair asked before (natural text repeats its pairs).
          const [left, right] = next ?? seen[(seen.length * 7919) % Math.max(seen.length, 1)] ?? [shortRanks[0]!, shortRanks[1]!];
          seen.push([left, right]);
          const a = table.tokenBytes(left);
          const b = table.tokenBytes(right);
          bytes.set(a, 0);
          bytes.set(b, a.length);
          const end = a.length + b.length;
          const expected = table.rankOf(bytes, 0, end);
          const got = pairRanks.join(left, right, bytes, 0, end);
          if (got !== expected) return false;
        }
        return true;
      }),
      { numRuns: RUNS, seed: 11, verbose: true },
    );
  });

  it('keeps answering tokens right after the table of misses is made and filled', () => {
    const pairRanks = new Workspace(table).pairs;
    const bytes = new Uint8Array(256);
    const ask = (left: number, right: number): [number, number] => {
      const a = table.tokenBytes(left);
      const b = table.tokenBytes(right);
      bytes.set(a, 0);
      bytes.set(b, a.length);
      return [pairRanks.join(left, right, bytes, 0, a.length + b.length), table.rankOf(bytes, 0, a.length + b.length)];
    };
    let misses = 0;
    let tokens = 0;
    for (let i = 0; i < shortRanks.length && misses < 40_000; i++) {
      for (let j = 0; j < 40; j++) {
        const [got, expected] = ask(shortRanks[i]!, shortRanks[(i * 31 + j * 17) % shortRanks.length]!);
        expect(got).toBe(expected);
        if (expected < 0) misses++;
        else tokens++;
      }
    }
    expect(misses).toBeGreaterThan(20_000);
    expect(tokens).toBeGreaterThan(0);
  });
});
