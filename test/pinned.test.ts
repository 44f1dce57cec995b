import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENCODING_NAMES, getEncoding } from '../src/index.js';

// Exact ids pinned from the reference (test/fixtures/generate-pinned.mjs), and the traps listed in
// shared/docs/tokenizer-facts.md with the ids given there.

interface PinnedCase {
  text: string;
  ordinary: number[];
  allSpecial: number[];
}
interface PinnedEncoding {
  cases: PinnedCase[];
  large: { count: number; first: number[] };
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/pinned-ids.json', import.meta.url), 'utf8')) as {
  encodings: Record<string, PinnedEncoding>;
};

describe.each(ENCODING_NAMES)('%s pinned ids', (name) => {
  const encoding = getEncoding(name);
  const pinned = fixture.encodings[name]!;

  it.each(pinned.cases.map((c) => [JSON.stringify(c.text).slice(0, 50), c] as const))('%s', (_label, c) => {
    expect(encoding.encode(c.text)).toEqual(c.ordinary);
    expect(encoding.encode(c.text, { allowedSpecial: 'all' })).toEqual(c.allSpecial);
    expect(encoding.count(c.text)).toBe(c.ordinary.length);
  });

  it("'x' × 1,000,000 is 125,000 copies of the 8-x token, as 'x' × 10,000 is in the reference", () => {
    const token = pinned.large.first[0]!;
    expect(pinned.large.count).toBe(1250);
    const ids = encoding.encode('x'.repeat(1_000_000));
    expect(ids.length).toBe(125_000);
    expect(ids.every((id) => id === token)).toBe(true);
    expect(encoding.count('x'.repeat(1_000_000))).toBe(125_000);
  });
});

describe('the traps other JavaScript ports fall into (o200k_base)', () => {
  const o200k = getEncoding('o200k_base');

  it('U+FEFF is not whitespace', () => {
    expect(o200k.encode('a\uFEFF\uFEFF!')).toEqual([64, 135153, 0]);
    expect(o200k.encode('a\uFEFF b')).toEqual([64, 5574, 287]);
  });

  it('a leading U+FEFF survives decoding', () => {
    expect(o200k.decode(o200k.encode('\uFEFFhello'))).toBe('\uFEFFhello');
  });

  it('an allowed special token in the middle of text is found', () => {
    expect(o200k.encode('hello <|endoftext|> world', { allowedSpecial: 'all' })).toEqual([24912, 220, 199999, 2375]);
    expect(o200k.encode('hello <|endoftext|> world', { allowedSpecial: ['<|endoftext|>'] })).toEqual([24912, 220, 199999, 2375]);
  });

  it('special-token text is ordinary text by default, and counting it never throws', () => {
    expect(o200k.encode('<|endoftext|>')).not.toContain(199999);
    expect(o200k.count('<|endoftext|>')).toBeGreaterThan(1);
  });
});
