import { PRETOKENIZERS } from '../src/bpe/pretokenizers.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { mergeByScan, mergeWithHeap } from '../src/bpe/merge.js';
import { RankTable } from '../src/bpe/rank-table.js';
import { loadRankTable } from '../src/encodings/load.js';
import { RANK_FILES } from '../src/encodings/rank-files.generated.js';
import { joinExtension, rankTableFromBase64 } from '../src/encodings/rank-form.js';
import { KERNEL_PATTERN } from '../src/bpe/byte-kernel.js';
import { ENCODING_SPECS, type RankFileName } from '../src/encodings/specs.js';
import { getEncoding } from '../src/index.js';

// The data's invariants: provenance (SHA-256 equal to tiktoken's pins), the generated modules as
// the script makes them, contiguous ranks, vocabulary sizes, and every token encoding to itself.

const PINNED_SHA256: Record<RankFileName, string> = {
  // tiktoken_ext/openai_public.py, as listed in shared/docs/tokenizer-facts.md
  r50k_base: '306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930',
  p50k_base: '94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069',
  cl100k_base: '223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7',
  o200k_base: '446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d',
};
const EXPECTED_TOKENS: Record<RankFileName, number> = { r50k_base: 50256, p50k_base: 50280, cl100k_base: 100256, o200k_base: 199998 };
const manifest = JSON.parse(readFileSync(new URL('../encodings/manifest.json', import.meta.url), 'utf8')) as {
  rankFiles: Record<string, { sha256: string; runtime: string; runtimeSha256: string }>;
};

describe.each(Object.keys(PINNED_SHA256) as RankFileName[])('rank file %s', (file) => {
  const canonical = gunzipSync(readFileSync(new URL(`../encodings/${file}.tiktoken.gz`, import.meta.url)));
  const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

  it('is the file tiktoken pins, byte for byte', () => {
    expect(sha256(canonical)).toBe(PINNED_SHA256[file]);
    expect(manifest.rankFiles[file]!.sha256).toBe(PINNED_SHA256[file]);
  });

  it('ships as a module whose bytes the library, the module and the manifest agree on', async () => {
    const module = (await import(`../encodings/${file}.js`)) as { sha256: string; base64: string };
    const own = Buffer.from(module.base64, 'base64');
    const base = RANK_FILES[file].extends;
    const baseModule = base === null ? null : ((await import(`../encodings/${base}.js`)) as { base64: string });
    const bytes = baseModule === null ? own : joinExtension(Buffer.from(baseModule.base64, 'base64'), own, file)!;
    expect(sha256(bytes)).toBe(module.sha256);
    expect(module.sha256).toBe(RANK_FILES[file].sha256);
    expect(manifest.rankFiles[file]!.runtimeSha256).toBe(RANK_FILES[file].sha256);
    expect(manifest.rankFiles[file]!.runtime).toBe(`${file}.js`);
    expect(bytes.length).toBe(RANK_FILES[file].bytes);
  });

  it('has a runtime form holding exactly the canonical tokens', () => {
    const table = loadRankTable(file);
    const lines = canonical.toString('latin1').trimEnd().split('\n');
    expect(lines.length).toBe(EXPECTED_TOKENS[file]);
    for (const line of lines) {
      const [base64, rank] = line.split(' ');
      expect(Buffer.from(table.tokenBytes(Number(rank))).toString('base64')).toBe(base64);
    }
  });

  it('has contiguous ranks, with gaps only at special-token ids', () => {
    const table = loadRankTable(file);
    const specialIds = new Set(Object.values(ENCODING_SPECS[file].specialTokens));
    const gaps: number[] = [];
    for (let rank = 0; rank < table.rankCount; rank++) if (table.tokenBytes(rank).length === 0) gaps.push(rank);
    expect(gaps.every((rank) => specialIds.has(rank))).toBe(true);
    expect(table.rankCount - gaps.length).toBe(EXPECTED_TOKENS[file]);
  });

  it('merges every token from its bytes back to itself, by both merge loops', () => {
    const table = loadRankTable(file);
    const out = new Int32Array(256);
    const broken: number[] = [];
    for (let rank = 0; rank < table.rankCount; rank++) {
      const bytes = table.tokenBytes(rank);
      if (bytes.length === 0) continue;
      const byScan = mergeByScan(table.workspace.pairs, bytes, bytes.length, out);
      if (byScan !== 1 || out[0] !== rank) broken.push(rank);
      if (rank % 7 === 0) {
        const byHeap = mergeWithHeap(table.workspace.pairs, bytes, bytes.length, out);
        if (byHeap !== 1 || out[0] !== rank) broken.push(rank);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('the generated data', () => {
  // That it is what scripts/generate-encodings.mjs makes from the canonical files, byte for byte, is
  // checked with every other generated file by test/generated-files.test.ts (npm run generate -- --check).

  it('is refused when damaged, with a message that says how to fix it', async () => {
    const bytes = Buffer.from(((await import('../encodings/r50k_base.js')) as { base64: string }).base64, 'base64');
    const rankCount = bytes.readUInt32LE(8);
    const arena = 16 + rankCount;
    const damaged = (change: (copy: Buffer) => void): Buffer => {
      const copy = Buffer.from(bytes);
      change(copy);
      return copy;
    };
    // Two neighbouring tokens of one length, swapped: the same bytes and lengths in another order.
    let swapAt = -1;
    for (let rank = 300, at = arena + bytes.subarray(16, 16 + 300).reduce((sum, length) => sum + length, 0); swapAt < 0; at += bytes[16 + rank]!, rank++) {
      if (bytes[16 + rank] === 4 && bytes[16 + rank + 1] === 4) swapAt = at;
    }
    const attempts: [Buffer, RegExp][] = [
      [damaged((copy) => (copy[arena + 1000]! ^= 1)), /its ranks have digest 0x[0-9a-f]{8}, tokmeter expects 0xaf0fdca4/],
      [damaged((copy) => (copy[arena - 1]! ^= 1)), /token lengths add up to \d+ bytes but the arena holds \d+/],
      [damaged((copy) => (copy[20]! += 1, copy[21]! -= 1)), /its ranks have digest/],
      [damaged((copy) => (copy.copy(copy, swapAt, swapAt + 4, swapAt + 8), bytes.copy(copy, swapAt + 4, swapAt, swapAt + 4))), /its ranks have digest/],
      [bytes.subarray(0, 5000), /its header says 50256 ranks/],
      [damaged((copy) => copy.write('TKMQ', 0, 'latin1')), /not a version 1 rank file/],
    ];
    for (const [data, message] of attempts) {
      let error: unknown;
      try {
        rankTableFromBase64('r50k_base', data.toString('base64'), 'encodings/r50k_base.js');
      } catch (caught) {
        error = caught;
      }
      expect(error).toMatchObject({ code: 'ENCODING_DATA_CORRUPT', message: expect.stringMatching(message) as unknown });
      expect((error as Error).message).toMatch(/^tokmeter: encodings\/r50k_base\.js is damaged: .*Reinstall tokmeter/);
    }
  });

  it('records each rank form\'s digest, the one its rank table computes', () => {
    for (const file of ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'] as const) {
      const table = loadRankTable(file);
      expect(table.digest).toBe(RANK_FILES[file].digest);
    }
    expect(new Set(Object.values(RANK_FILES).map((entry) => entry.digest)).size).toBe(4);
  });
});

describe('RankTable', () => {
  it('finds every token by its bytes, and turns away bytes that are not one', () => {
    const table = loadRankTable('o200k_base');
    const lost: number[] = [];
    for (let rank = 0; rank < table.rankCount; rank++) {
      const bytes = table.tokenBytes(rank);
      if (bytes.length !== 0 && table.rankOf(bytes, 0, bytes.length) !== rank) lost.push(rank);
    }
    expect(lost).toEqual([]);
    const notTokens = ['qzxqzxqzx', 'the the the', '\u00ff\u00fe'].map((text) => Buffer.from(text, 'latin1'));
    for (const bytes of notTokens) expect(table.rankOf(bytes, 0, bytes.length)).toBe(-1);
  });

  it('refuses token lengths that do not add up to its arena', () => {
    const lengths = Uint8Array.of(1, 2, 0, 1);
    expect(() => new RankTable(lengths, Uint8Array.of(97, 98, 99, 100, 101))).toThrow(/add up to 4 bytes but the arena holds 5/);
    expect(() => new RankTable(lengths, Uint8Array.of(97, 98, 99))).toThrow(/add up to 4 bytes but the arena holds 3/);
    const fits = new RankTable(lengths, Uint8Array.of(97, 98, 99, 100));
    expect([fits.rankOf(Uint8Array.of(98, 99), 0, 2), fits.maxTokenLength, fits.tokenBytes(2).length]).toEqual([1, 2, 0]);
  });
});

describe('encodings', () => {
  it.each([
    ['r50k_base', 50257],
    ['p50k_base', 50281],
    ['p50k_edit', 50284],
    ['cl100k_base', 100277],
    ['o200k_base', 200019],
    ['o200k_harmony', 201088],
  ] as const)('%s has %i ids', (name, size) => {
    const encoding = getEncoding(name);
    expect(encoding.vocabularySize).toBe(size);
    for (const [text, id] of encoding.specialTokens) expect(encoding.decode([id])).toBe(text);
  });

  it('name the WebAssembly loop\'s split patterns by the ids it knows them by', () => {
    const kernel = Object.fromEntries(Object.entries(ENCODING_SPECS).map(([name, spec]) => [name, PRETOKENIZERS[spec.pretokenizer].kernelPattern]));
    expect(kernel).toEqual({
      r50k_base: KERNEL_PATTERN.gpt2,
      p50k_base: KERNEL_PATTERN.gpt2,
      p50k_edit: KERNEL_PATTERN.gpt2,
      cl100k_base: KERNEL_PATTERN.cl100k,
      o200k_base: KERNEL_PATTERN.o200k,
      o200k_harmony: KERNEL_PATTERN.o200k,
    });
  });

  it('o200k_harmony has the Harmony tokens at their ids and reserves the rest up to 201087', () => {
    const harmony = getEncoding('o200k_harmony').specialTokens;
    expect(harmony.get('<|start|>')).toBe(200006);
    expect(harmony.get('<|channel|>')).toBe(200005);
    expect(harmony.get('<|message|>')).toBe(200008);
    expect(harmony.get('<|end|>')).toBe(200007);
    expect(harmony.get('<|return|>')).toBe(200002);
    expect(harmony.get('<|call|>')).toBe(200012);
    expect(harmony.get('<|constrain|>')).toBe(200003);
    expect(harmony.get('<|reserved_200001|>')).toBe(200001);
    expect(harmony.get('<|reserved_201087|>')).toBe(201087);
    expect(harmony.size).toBe(201088 - 199998);
  });
});

describe('p50k_base, shipped as what it adds to r50k_base', () => {
  const moduleText = readFileSync(new URL('../encodings/p50k_base.js', import.meta.url), 'utf8');
  const own = async () => Buffer.from(((await import('../encodings/p50k_base.js')) as { base64: string }).base64, 'base64');
  const baseOf = async (name: RankFileName) => Buffer.from(((await import(`../encodings/${name}.js`)) as { base64: string }).base64, 'base64');

  it('takes a kilobyte, not a second copy of r50k_base', () => {
    expect(RANK_FILES.p50k_base.extends).toBe('r50k_base');
    expect(moduleText.length).toBeLessThan(2000);
  });

  it('joins to r50k_base into the rank form tiktoken pins, and to nothing else', async () => {
    const joined = joinExtension(await baseOf('r50k_base'), await own(), 'p50k_base')!;
    expect(createHash('sha256').update(joined).digest('hex')).toBe(RANK_FILES.p50k_base.sha256);
    const [r50k, cl100k, extension] = [await baseOf('r50k_base'), await baseOf('cl100k_base'), await own()];
    expect(() => joinExtension(cl100k, extension, 'p50k_base')).toThrow(expect.objectContaining({ code: 'ENCODING_DATA_CORRUPT', message: expect.stringContaining('does not fit the file it extends') }));
    const damaged = Buffer.from(extension);
    damaged[0] = 0;
    expect(() => joinExtension(r50k, damaged, 'p50k_base')).toThrow(expect.objectContaining({ code: 'ENCODING_DATA_CORRUPT', message: expect.stringContaining('not a version 1 extension') }));
  });
});

describe('the specs are data', () => {
  it('specs.ts and open-specs.ts import no code: names, patterns, special tokens and the name of their pre-tokenizer', () => {
    for (const file of ['specs.ts', 'open-specs.ts']) {
      const source = readFileSync(new URL(`../src/encodings/${file}`, import.meta.url), 'utf8');
      const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((match) => match[1]);
      expect(imports.filter((path) => path !== './specs.js'), file).toEqual([]);
    }
  });

  it('an Encoding is built with the pre-tokenizer its spec names, and no other', async () => {
    const { Encoding } = await import('../src/encoding.js');
    const { PRETOKENIZERS } = await import('../src/bpe/pretokenizers.js');
    const ranks = loadRankTable('cl100k_base');
    expect(new Encoding(ENCODING_SPECS.cl100k_base, ranks, PRETOKENIZERS.cl100k).count('hello world')).toBe(2);
    expect(() => new Encoding(ENCODING_SPECS.cl100k_base, ranks, PRETOKENIZERS.o200k)).toThrow(expect.objectContaining({ code: 'INTERNAL', message: expect.stringContaining('cl100k_base splits with cl100k, not o200k') }));
  });
});
