import { PRETOKENIZERS } from '../src/bpe/pretokenizers.js';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { byteKernelFor, checkShared, createByteKernel, KERNEL_PATTERN, useByteKernel, type ByteKernel, type KernelPattern, type LoopExports } from '../src/bpe/byte-kernel.js';
import { BYTE_LOOP_WASM } from '../src/bpe/byte-kernel.generated.js';
import { ShortPieces } from '../src/bpe/short-pieces.js';
import { bmpClasses } from '../src/bpe/char-class.js';
import { nextPieceCl100k } from '../src/bpe/split-cl100k.js';
import { nextPieceGpt2 } from '../src/bpe/split-gpt2.js';
import { nextPieceO200k } from '../src/bpe/split-o200k.js';
import { encodeOrdinary } from '../src/bpe/encode.js';
import { KERNEL_CALLBACKS } from '../src/bpe/encode-kernel.js';
import type { SplitFunction } from '../src/bpe/pretokenizers.js';
import { ENCODING_NAMES } from '../src/index.js';
import { loadRankTable } from '../src/encodings/load.js';
import { ENCODING_SPECS } from '../src/encodings/specs.js';
import { asciiText, longText, mixedText } from './support/arbitraries.js';
import { oracle } from './support/oracle.js';

// The WebAssembly byte loop (src/bpe/kernel/byte-loop.ts, loaded by byte-kernel.ts) counts byte
// mode's windows. It must cut every piece where the pattern does or hand it over, count exactly
// what tiktoken counts in windows of any size, share every constant with TypeScript, and be the
// module its source compiles to. With it turned off, wide mode reads those windows, exactly too.

const RUNS = Number(process.env['TOKMETER_FC_RUNS'] ?? 200);

const NO_CALLBACKS = {
  asciiPiece: (): number => {
    throw new Error('not counting');
  },
  widePiece: (): number => {
    throw new Error('not counting');
  },
  otherPiece: (): number => {
    throw new Error('not counting');
  },
  flush: (): void => {
    throw new Error('not encoding');
  },
};

/** An instance of the loop of its own, for cutting pieces. */
function cutter(): ByteKernel {
  const kernel = createByteKernel(new ShortPieces(), NO_CALLBACKS);
  if (kernel === null) throw new Error('this runtime compiles WebAssembly; the kernel must load');
  return kernel;
}

// That the embedded module is what src/bpe/kernel/byte-loop.ts compiles to is checked with every
// other generated file by test/generated-files.test.ts (npm run generate -- --check).

const PATTERNS: [string, KernelPattern, SplitFunction][] = [
  ['gpt2', KERNEL_PATTERN.gpt2, nextPieceGpt2],
  ['cl100k', KERNEL_PATTERN.cl100k, nextPieceCl100k],
  ['o200k', KERNEL_PATTERN.o200k, nextPieceO200k],
];

const utf8 = new TextEncoder();

/**
 * ASCII with words of two-byte letters (Latin with diacritics, Greek, Cyrillic), which the loop
 * cuts itself, and the characters around them that decide where they end: marks, titlecase and
 * modifier letters, other letters, ſ after an apostrophe, two-byte punctuation, digits and spaces,
 * and letters of three bytes.
 */
const twoByteText = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(' été', 'München', ' Straße', 'ÉCOLE', "l'été", ' naïve', 'Ωmega', ' привет', 'ПРИВЕТ', ' Ελλάδα', 'façade', 'ÀÉÎõü', 'Łódź', 'ǅemal', 'ǈ', 'ʰa', 'אב', 'e\u0301', 'É\u0301', 'ß', 'İstanbul', 'ŉ') },
      { weight: 1, arbitrary: fc.constantFrom("'s", "'ſ", "'ll", '«', '»', '½', '²', '\u00a0', '\u0085', '×', '中', '👋', '\u0301', ' ', '  ', '\n', '(', '-', 'a', 'Z', '7', "'") },
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

/**
 * Long European text: ASCII words beside words of two-byte letters (about one character in ten),
 * which byte mode takes when the WebAssembly loop reads it, and now and then the characters that
 * make the loop hand a word over.
 */
const longTwoByteText = fc.noShrink(
  fc
    .array(
      fc.oneof(
        { weight: 12, arbitrary: fc.constantFrom(' the', ' de', ' la', ' und', ' in', ' liberty', ',', '.', ' 1948', '\n', ' Rights', "'s", ' of') },
        { weight: 3, arbitrary: fc.constantFrom(' été', ' München', ' Straße', ' naïve', ' привет', ' Ελλάδα', ' façade', ' Łódź', ' señor', 'ÉCOLE', ' ǅemal', "'été", '(École', ' déjà-vu') },
        { weight: 1, arbitrary: twoByteText.filter((text) => text.length < 8) },
      ),
      { minLength: 100, maxLength: 300 },
    )
    .map((parts) => parts.join('')),
);

describe.each(PATTERNS)('the %s byte loop', (_name, pattern, split) => {
  const kernel = cutter();

  /** The text's UTF-8 in the kernel's window, and the unit at each ASCII byte (-1 elsewhere). */
  function load(text: string, bytesEnd?: number): { bytes: Uint8Array; bytesEnd: number; unitAt: Int32Array } {
    const bytes = utf8.encode(text);
    kernel.memory.set(bytes.subarray(0, bytesEnd ?? bytes.length), kernel.windowStart);
    const unitAt = new Int32Array(bytes.length + 1).fill(-1);
    for (let unit = 0, b = 0; unit <= text.length; ) {
      unitAt[b] = unit;
      const code = text.codePointAt(unit) ?? 0;
      b += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      unit += code >= 0x10000 ? 2 : 1;
    }
    return { bytes, bytesEnd: bytesEnd ?? bytes.length, unitAt };
  }

  /** Where the unit scanner ends the piece that starts at unit `start` (byte `byteStart`): its end in bytes, its length in units. */
  function scannerEnd(text: string, start: number, byteStart: number): { end: number; units: number } {
    const end = split(bmpClasses(), text, start, text.length);
    return { end: byteStart + Buffer.byteLength(text.slice(start, end)), units: end - start };
  }

  it('cuts the piece at every ASCII byte where the unit scanner does, or hands it over', () => {
    let tried = 0;
    let decided = 0;
    let decidedTwoByte = 0;
    const samples = [asciiText, mixedText, twoByteText].flatMap((arbitrary, i) => fc.sample(arbitrary, { numRuns: RUNS, seed: 11 + i }));
    for (const text of samples) {
      const { bytes, bytesEnd, unitAt } = load(text);
      for (let s = 0; s < bytesEnd; s++) {
        if (bytes[s]! >= 0x80) continue;
        tried++;
        const cut = kernel.cutAt(pattern, s, bytesEnd, true);
        if (cut.end < 0) continue;
        decided++;
        if (bytes.subarray(s, cut.end).some((byte) => byte >= 0x80)) decidedTwoByte++;
        const expected = scannerEnd(text, unitAt[s]!, s);
        if (cut.end !== expected.end || cut.units !== expected.units) expect({ text, s, cut }).toEqual({ text, s, cut: expected });
      }
    }
    // Handing every piece over would be exact and useless; many words with two-byte letters are
    // cut here too.
    expect(decided / tried).toBeGreaterThan(0.8);
    expect(decidedTwoByte).toBeGreaterThan(RUNS * 2);
  });

  it.each([
    ['mostly ASCII', asciiText],
    ['with two-byte words', twoByteText],
  ])('hands over a piece that the end of a window might cut short (%s)', (_kind, texts) => {
    fc.assert(
      fc.property(texts, fc.nat(), (text, cutSeed) => {
        const whole = load(text);
        // Windows end between characters, as TextEncoder#encodeInto writes them.
        const boundaries = Array.from(whole.unitAt).flatMap((unit, b) => (unit >= 0 ? [b] : []));
        const cut = boundaries[cutSeed % boundaries.length]!;
        const { bytes, unitAt } = load(text, cut);
        for (let s = 0; s < cut; s++) {
          if (bytes[s]! >= 0x80) continue;
          const { end } = kernel.cutAt(pattern, s, cut, false);
          const expected = scannerEnd(text, unitAt[s]!, s).end;
          // Decided inside the window, it must be the whole text's piece; a piece that runs past the
          // window cannot be decided.
          if (end >= 0) expect({ text, cut, s, end }).toEqual({ text, cut, s, end: expected });
          if (expected > cut) expect({ text, cut, s, end }).toEqual({ text, cut, s, end: -1 });
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe.each(ENCODING_NAMES)('%s in byte mode', (name) => {
  const spec = ENCODING_SPECS[name];
  const ranks = loadRankTable(spec.rankFile);
  const reference = oracle(name);

  afterEach(() => useByteKernel(true));

  for (const kernelOn of [true, false]) {
    const loop = kernelOn ? 'the WebAssembly loop' : 'wide mode (WebAssembly off)';

    it(`encodes and counts long text in windows of any size as tiktoken does, by ${loop}`, () => {
      useByteKernel(kernelOn);
      fc.assert(
        fc.property(longText, fc.integer({ min: 1, max: 400 }), fc.nat(), fc.nat(), (text, windowUnits, a, b) => {
          const ids = reference.encodeOrdinary(text);
          const expected = ids.length;
          // The whole text twice (the second time from the caches), then a sub-range of it.
          for (let pass = 0; pass < 2; pass++) {
            const out: number[] = [];
            const encoded = encodeOrdinary(ranks, PRETOKENIZERS[spec.pretokenizer], text, 0, text.length, out, 0, Number.MAX_SAFE_INTEGER, windowUnits);
            const firstDifference = ids.findIndex((id, i) => id !== out[i]);
            expect({ pass, encoded, length: out.length, firstDifference }).toEqual({ pass, encoded: expected, length: expected, firstDifference: -1 });
            const count = encodeOrdinary(ranks, PRETOKENIZERS[spec.pretokenizer], text, 0, text.length, null, 0, Number.MAX_SAFE_INTEGER, windowUnits);
            expect({ pass, count }).toEqual({ pass, count: expected });
          }
          const start = a % 64;
          const end = text.length - (b % 64);
          const count = encodeOrdinary(ranks, PRETOKENIZERS[spec.pretokenizer], text, start, end, null, 0, Number.MAX_SAFE_INTEGER, windowUnits);
          expect({ start, end, count }).toEqual({ start, end, count: reference.encodeOrdinary(text.slice(start, end)).length });
        }),
        { numRuns: RUNS / 2 },
      );
    });

    it(`stops past the limit, and not before, by ${loop}`, () => {
      useByteKernel(kernelOn);
      fc.assert(
        fc.property(longText, fc.integer({ min: 1, max: 400 }), fc.nat(), (text, windowUnits, limitSeed) => {
          const total = reference.encodeOrdinary(text).length;
          const limit = limitSeed % (total + 2);
          const count = encodeOrdinary(ranks, PRETOKENIZERS[spec.pretokenizer], text, 0, text.length, null, 0, limit, windowUnits);
          if (total <= limit) expect(count).toBe(total);
          else expect(count).toBeGreaterThan(limit);
          // Both loops stop after the piece that passes the limit: the same count, and encoding,
          // the same tokens up to there (tiktoken's first ones).
          const ids = reference.encodeOrdinary(text);
          const out: number[] = [];
          expect(encodeOrdinary(ranks, PRETOKENIZERS[spec.pretokenizer], text, 0, text.length, out, 0, limit, windowUnits)).toBe(count);
          expect({ limit, length: out.length, firstDifference: out.findIndex((id, i) => id !== ids[i]) }).toEqual({ limit, length: count, firstDifference: -1 });
          useByteKernel(!kernelOn);
          expect({ limit, other: encodeOrdinary(ranks, PRETOKENIZERS[spec.pretokenizer], text, 0, text.length, null, 0, limit, windowUnits) }).toEqual({ limit, other: count });
          useByteKernel(kernelOn);
          // Counted on from an earlier count, as a streaming counter or a chat request does.
          expect(encodeOrdinary(ranks, PRETOKENIZERS[spec.pretokenizer], text, 0, text.length, null, 1000, 1000 + limit, windowUnits) - 1000).toBe(count);
        }),
        { numRuns: RUNS / 2 },
      );
    });
  }

  it('uses the WebAssembly loop', () => {
    // Else the tests "by the WebAssembly loop" would quietly test the JavaScript one.
    expect(PRETOKENIZERS[spec.pretokenizer].kernelPattern).toBeDefined();
    expect(byteKernelFor(ranks, KERNEL_CALLBACKS)).not.toBeNull();
  });

  it('counts long European text as tiktoken does, twice (the second time from PieceCounts), by either loop', () => {
    // A table of its own, whose loop counts the words of two-byte letters it hands to JavaScript.
    const counted = loadRankTable(spec.rankFile);
    let wideCalls = 0;
    const widePiece = KERNEL_CALLBACKS.widePiece;
    byteKernelFor(counted, {
      ...KERNEL_CALLBACKS,
      widePiece: (...args: Parameters<typeof widePiece>) => {
        wideCalls++;
        return widePiece(...args);
      },
    });
    const callsByPass = [0, 0];
    fc.assert(
      fc.property(longTwoByteText, fc.integer({ min: 1, max: 400 }), (text, windowUnits) => {
        const expected = reference.encodeOrdinary(text).length;
        for (const kernelOn of [true, false]) {
          useByteKernel(kernelOn);
          for (let pass = 0; pass < 2; pass++) {
            const before = wideCalls;
            const count = encodeOrdinary(counted, PRETOKENIZERS[spec.pretokenizer], text, 0, text.length, null, 0, Number.MAX_SAFE_INTEGER, windowUnits);
            callsByPass[pass]! += wideCalls - before;
            expect({ kernelOn, pass, count }).toEqual({ kernelOn, pass, count: expected });
          }
        }
      }),
      { numRuns: RUNS / 2 },
    );
    // The loop cut such words itself and handed the new ones over (the words repeat across texts,
    // so most are known after the first few), and the second time answered them from PieceCounts.
    expect(callsByPass[0]).toBeGreaterThan(RUNS / 4);
    expect(callsByPass[1]).toBeLessThan(callsByPass[0]! / 2);
  });

  it('encodes a window of more short tokens in a row than the loop holds at once', () => {
    // 12,000 pieces " the", each one token from ShortPieces: the loop passes its ranks on when
    // OUT (8,192) is full, and the rest at the window's end.
    const text = `${' the'.repeat(12_000)} end.`;
    const ids = reference.encodeOrdinary(text);
    for (let pass = 0; pass < 2; pass++) {
      const out: number[] = [];
      encodeOrdinary(ranks, PRETOKENIZERS[spec.pretokenizer], text, 0, text.length, out, 0, Number.MAX_SAFE_INTEGER);
      expect({ pass, length: out.length, firstDifference: ids.findIndex((id, i) => id !== out[i]) }).toEqual({ pass, length: ids.length, firstDifference: -1 });
    }
  });

  it('counts and encodes 40,000 distinct words, through every cache of the loop growing and emptying', () => {
    // On a fresh table, counted first: ShortPieces grows in the loop's memory and is emptied at its
    // largest while the loop counts, and PieceCounts (16,384 slots) is emptied several times.
    const fresh = loadRankTable(spec.rankFile);
    let seed = 5;
    const letter = (): string => String.fromCharCode(97 + ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % 26));
    const text = Array.from({ length: 40_000 }, (_, i) => ` ${Array.from({ length: 4 + (i % 9) }, letter).join('')}`).join('');
    const ids = reference.encodeOrdinary(text);
    expect(encodeOrdinary(fresh, PRETOKENIZERS[spec.pretokenizer], text, 0, text.length, null, 0, Number.MAX_SAFE_INTEGER)).toBe(ids.length);
    expect(fresh.workspace.shortPieces.slotBits).toBe(15);
    const out: number[] = [];
    encodeOrdinary(fresh, PRETOKENIZERS[spec.pretokenizer], text, 0, text.length, out, 0, Number.MAX_SAFE_INTEGER);
    expect({ length: out.length, firstDifference: ids.findIndex((id, i) => id !== out[i]) }).toEqual({ length: ids.length, firstDifference: -1 });
    expect(encodeOrdinary(fresh, PRETOKENIZERS[spec.pretokenizer], text, 0, text.length, null, 0, Number.MAX_SAFE_INTEGER)).toBe(ids.length);
  });
});

describe('without WebAssembly', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.doUnmock('../src/bpe/byte-kernel.generated.js');
    vi.resetModules();
  });

  it('counts in wide mode where the runtime cannot compile the module', async () => {
    vi.resetModules();
    vi.stubGlobal('WebAssembly', undefined);
    const kernels = await import('../src/bpe/byte-kernel.js');
    const { getEncoding } = await import('../src/index.js');
    expect(kernels.byteKernelFor(loadRankTable('o200k_base'), NO_CALLBACKS)).toBeNull();
    const text = 'const answer = compute(42);\n'.repeat(50);
    expect(getEncoding('o200k_base').count(text)).toBe(oracle('o200k_base').encodeOrdinary(text).length);
  });

  it('refuses a module whose bytes are not the ones generated', async () => {
    vi.resetModules();
    vi.doMock('../src/bpe/byte-kernel.generated.js', async (original) => ({ ...(await original<object>()), BYTE_LOOP_DIGEST: 0 }));
    const kernels = await import('../src/bpe/byte-kernel.js');
    const { TokmeterError: FreshError } = await import('../src/errors.js');
    const attempt = (): unknown => kernels.byteKernelFor(loadRankTable('o200k_base'), NO_CALLBACKS);
    expect(attempt).toThrow(FreshError);
    expect(attempt).toThrow(/tokmeter: the embedded WebAssembly byte loop has digest 0x[0-9a-f]{8}, not 0x00000000/);
  });
});

describe('the constants the byte loop shares with TypeScript', () => {
  /** A bare instance's exports (its callbacks are never called here). */
  function loopExports(): LoopExports {
    // (The project's type libraries leave WebAssembly out, as the library reaches it through globalThis.)
    const api = (globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => object; Instance: new (module: object, imports: object) => { exports: object } } }).WebAssembly;
    const module = new api.Module(Buffer.from(BYTE_LOOP_WASM, 'base64'));
    return new api.Instance(module, { tokmeter: NO_CALLBACKS }).exports as unknown as LoopExports;
  }

  it('are the same in the module as in TypeScript', () => {
    expect(() => checkShared(loopExports())).not.toThrow();
  });

  it.each(['NUMBER', 'NOT_ASCII', 'O200K', 'KNOWN_SHORT'] as const)('refuse a module whose %s differs', (name) => {
    const loop = loopExports();
    const changed = { ...loop, [name]: { value: loop[name].value + 1 } } as LoopExports;
    expect(() => checkShared(changed)).toThrow(new RegExp(`tokmeter: internal error: the WebAssembly byte loop has ${name} = `));
  });

  it('refuse a module whose ShortPieces hash differs', () => {
    const loop = loopExports();
    const changed = { ...loop, shortSlot: (low: number, high: number, length: number, bits: number) => loop.shortSlot(low, high, length + 1, bits) } as LoopExports;
    expect(() => checkShared(changed)).toThrow(/hashes ShortPieces keys to other slots/);
  });
});
