import { CL100K_PRETOKENIZER, O200K_PRETOKENIZER } from '../src/bpe/pretokenizers.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeOrdinary } from '../src/bpe/encode.js';
import { loadRankTable } from '../src/encodings/load.js';
import { getEncoding, type Encoding, type EncodingName } from '../src/index.js';
import { longText, mixedText } from './support/arbitraries.js';
import { oracle } from './support/oracle.js';

// The encode path keeps nothing at module level: each rank table has one workspace
// (src/bpe/workspace.ts) holding its caches, its scratch and the state of the call in progress,
// shared by every Encoding over that table. Calls on encodings over different rank tables, and on
// distinct Encoding objects over one (o200k_base, o200k_harmony, two extraSpecialTokens variants),
// made in any order and mixing encode, count and countUpTo, give tiktoken's ids. fast-check prints
// the seed and the failing sequence of any failure; replay it with fc.assert(..., { seed, path }).

const RUNS = Number(process.env['TOKMETER_FC_RUNS'] ?? 100);

interface User {
  readonly label: string;
  readonly encoding: Encoding;
  readonly reference: EncodingName;
  /** An added special token of this Encoding object alone, with its id. */
  readonly extra?: readonly [string, number];
}

const USERS: readonly User[] = [
  { label: 'o200k_base', encoding: getEncoding('o200k_base'), reference: 'o200k_base' },
  { label: 'cl100k_base', encoding: getEncoding('cl100k_base'), reference: 'cl100k_base' },
  { label: 'r50k_base', encoding: getEncoding('r50k_base'), reference: 'r50k_base' },
  { label: 'o200k_harmony', encoding: getEncoding('o200k_harmony'), reference: 'o200k_harmony' },
  { label: 'o200k_base + <|a|>', encoding: getEncoding('o200k_base', { extraSpecialTokens: { '<|a|>': 200100 } }), reference: 'o200k_base', extra: ['<|a|>', 200100] },
  { label: 'o200k_base + <|b|>', encoding: getEncoding('o200k_base', { extraSpecialTokens: { '<|b|>': 200101 } }), reference: 'o200k_base', extra: ['<|b|>', 200101] },
  { label: 'cl100k_base + <|im_start|>', encoding: getEncoding('cl100k_base', { extraSpecialTokens: { '<|im_start|>': 100264 } }), reference: 'cl100k_base', extra: ['<|im_start|>', 100264] },
];

/** European words (the WebAssembly loop's two-byte words) and CJK (the wide loop), long enough for windows. */
const wideText = fc
  .array(fc.constantFrom(' слово', ' Ελληνικά', ' liberté', ' größer', '中文', '模型的', '，', '。', ' the', '\n', ' 42', 'ſ', '👋'), { minLength: 60, maxLength: 300 })
  .map((parts) => parts.join(''));

/** One long piece: the chunked merge of merge-long.ts, its seams and the scratch it grows. */
const longPiece = fc.oneof(
  fc.tuple(fc.constantFrom('a', 'ab', ' ', '\n', 'ก', '0'), fc.integer({ min: 300, max: 3000 })).map(([unit, times]) => unit.repeat(times)),
  fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 600, maxLength: 3000 }),
);

const anyText = fc.oneof(mixedText, longText, wideText, longPiece);

type Call = { readonly user: number; readonly op: 'encode' | 'count' | 'countUpTo' | 'special'; readonly text: string; readonly more: string; readonly limit: number };

const call: fc.Arbitrary<Call> = fc.record({
  user: fc.integer({ min: 0, max: USERS.length - 1 }),
  op: fc.constantFrom('encode', 'count', 'countUpTo', 'special'),
  text: anyText,
  more: mixedText,
  limit: fc.nat({ max: 2000 }),
});

/** Runs one call and checks it against tiktoken. */
function check(step: number, { user, op, text, more, limit }: Call): void {
  const { label, encoding, reference, extra } = USERS[user]!;
  const ids = oracle(reference).encodeOrdinary(text);
  const where = { step, label, op };
  if (op === 'encode') {
    const got = encoding.encode(text);
    expect({ ...where, length: got.length, firstDifference: ids.findIndex((id, i) => id !== got[i]) }).toEqual({ ...where, length: ids.length, firstDifference: -1 });
  } else if (op === 'count') {
    expect({ ...where, count: encoding.count(text) }).toEqual({ ...where, count: ids.length });
  } else if (op === 'countUpTo') {
    expect({ ...where, count: encoding.countUpTo(text, limit) }).toEqual({ ...where, count: Math.min(ids.length, limit + 1) });
  } else if (extra !== undefined) {
    // The added token between two ordinary texts, allowed: tiktoken's ids either side of its id.
    const [token, id] = extra;
    const expected = [...ids, id, ...oracle(reference).encodeOrdinary(more)];
    expect({ ...where, ids: encoding.encode(`${text}${token}${more}`, { allowedSpecial: [token] }) }).toEqual({ ...where, ids: expected });
  } else {
    expect({ ...where, ids: encoding.encode(text + more) }).toEqual({ ...where, ids: oracle(reference).encodeOrdinary(text + more) });
  }
}

describe('encodings used in turn', () => {
  it('give tiktoken ids whatever the order of calls, over one rank table or several', () => {
    fc.assert(
      fc.property(fc.array(call, { minLength: 2, maxLength: 10 }), (calls) => {
        calls.forEach((c, step) => check(step, c));
      }),
      { numRuns: RUNS },
    );
  });

  it('share one workspace per rank table, and so answer each other from their caches', () => {
    const plain = getEncoding('o200k_base');
    const extended = getEncoding('o200k_base', { extraSpecialTokens: { '<|c|>': 200102 } });
    expect(extended).not.toBe(plain);
    const text = ` ${'interleaved workspace sharing '.repeat(40)}`;
    const ids = oracle('o200k_base').encodeOrdinary(text);
    for (let round = 0; round < 3; round++) {
      expect(plain.encode(text)).toEqual(ids);
      expect(extended.count(text)).toBe(ids.length);
      expect(extended.encode(text)).toEqual(ids);
      expect(getEncoding('cl100k_base').encode(text)).toEqual(oracle('cl100k_base').encodeOrdinary(text));
    }
  });
});

describe('a workspace', () => {
  it('refuses a second call while one is running, rather than sharing its state', () => {
    const ranks = loadRankTable('o200k_base');
    const split = O200K_PRETOKENIZER;
    const work = ranks.workspace;
    work.begin(split, 'the outer call', 14, null);
    try {
      expect(() => encodeOrdinary(ranks, split, 'an inner call', 0, 13, null, 0, Infinity)).toThrow(/tokmeter: .*while another on the same rank table was running/);
      // The outer call's state is untouched by the refused one.
      expect({ text: work.text, end: work.end }).toEqual({ text: 'the outer call', end: 14 });
    } finally {
      work.finish();
    }
    expect(encodeOrdinary(ranks, split, 'hello world', 0, 11, null, 0, Infinity)).toBe(2);
    expect(work.text).toBe('');
  });

  it('lets go of the text and the output array once a call is done, or has thrown', () => {
    const ranks = loadRankTable('cl100k_base');
    const split = CL100K_PRETOKENIZER;
    const out: number[] = [];
    const text = 'let go of me '.repeat(100);
    expect(encodeOrdinary(ranks, split, text, 0, text.length, out, 0, Infinity)).toBe(out.length);
    expect({ text: ranks.workspace.text, out: ranks.workspace.out }).toEqual({ text: '', out: null });
    const failing = { ...split, nextPiece: (): number => { throw new RangeError('a scanner that fails'); } };
    expect(() => encodeOrdinary(ranks, failing, '!?', 0, 2, out, 0, Infinity)).toThrow(RangeError);
    expect({ text: ranks.workspace.text, out: ranks.workspace.out }).toEqual({ text: '', out: null });
    expect(encodeOrdinary(ranks, split, 'after the failure', 0, 17, null, 0, Infinity)).toBe(getEncoding('cl100k_base').count('after the failure'));
  });
});
