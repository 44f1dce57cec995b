import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CLAUDE_BANDS, claudeBand, type TokenizerBand } from '../src/encodings/claude-band.js';
import { countTokens, modelTokenizer } from '../src/index.js';

/*
 * Issue 20, point 5: the Claude band tokmeter states is recomputed here from the recorded
 * (text, count_tokens) pairs it was measured on. If the stand-in's counts, the fixture or the
 * figures in src/encodings/claude-band.ts drift apart, this fails; docs/claude-counts.md quotes
 * the same figures.
 */

interface Pair {
  readonly corpus: string;
  readonly id: string;
  readonly kind: 'latin-prose' | 'other-script-prose' | 'code';
  readonly label: string;
  readonly text: string;
  readonly counts: Readonly<Record<string, number>>;
}

const fixture = JSON.parse(readFileSync(new URL('fixtures/claude-counts.json', import.meta.url), 'utf8')) as {
  frames: Record<string, number>;
  pairs: Pair[];
};

/** The fixture's kinds by the names the band gives them. */
const KIND_NAMES: Record<Pair['kind'], string> = { 'latin-prose': 'Latin-script prose', code: 'source code', 'other-script-prose': 'prose in other scripts' };

const standIn = new Map(fixture.pairs.map((pair) => [pair, countTokens(pair.text, { encoding: 'o200k_base' })]));

/** Claude's tokens for the text alone (the message frame taken off) ÷ the stand-in's. */
const ratio = (pair: Pair, model: string): number => (pair.counts[model]! - fixture.frames[model]!) / standIn.get(pair)!;

/** The value at quantile p of the sorted values (the nearest rank, as docs/claude-counts.md defines it). */
function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.round(p * (sorted.length - 1))]!;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The band as measured on one model's counts of the pairs of the band's kinds. */
function measure(band: TokenizerBand, model: string) {
  const pairs = fixture.pairs.filter((pair) => band.kinds.includes(KIND_NAMES[pair.kind]));
  const ratios = pairs.map((pair) => ratio(pair, model));
  const factor = quantile(ratios, 0.5);
  const errors = ratios.map((r) => Math.abs(factor / r - 1));
  let percent = 1;
  while (errors.filter((e) => e <= percent / 100).length < 0.95 * errors.length) percent++;
  return {
    factor: round2(factor),
    low: round2(quantile(ratios, 0.025)),
    high: round2(quantile(ratios, 0.975)),
    percent,
    samples: errors.filter((e) => e <= percent / 100).length,
    of: pairs.length,
  };
}

describe('the Claude band holds on the recorded pairs', () => {
  test('the fixture holds the pairs the band names: 16 Latin-script prose, 12 other-script prose, 253 code', () => {
    const kinds = fixture.pairs.map((pair) => pair.kind);
    expect([kinds.filter((k) => k === 'latin-prose').length, kinds.filter((k) => k === 'other-script-prose').length, kinds.filter((k) => k === 'code').length]).toEqual([16, 12, 253]);
  });

  test.each(Object.values(CLAUDE_BANDS).flatMap((band) => band.measuredOn.map((model) => [band.tokenizer, model, band] as const)))(
    '%s, measured on %s: factor, low, high and "within" recomputed',
    (_tokenizer, model, band) => {
      const measured = measure(band, model);
      expect({ factor: measured.factor, low: measured.low, high: measured.high, percent: measured.percent, of: measured.of }).toEqual({
        factor: band.factor,
        low: band.low,
        high: band.high,
        percent: band.within.percent,
        of: band.within.of,
      });
      // A band measured on two models states the smaller count of samples within.
      expect(measured.samples).toBeGreaterThanOrEqual(band.within.samples);
      expect(band.within.samples).toBeGreaterThanOrEqual(Math.ceil(0.95 * band.within.of));
    },
  );

  test('each band states the fewest samples within of the models it was measured on', () => {
    for (const band of Object.values(CLAUDE_BANDS)) {
      expect(Math.min(...band.measuredOn.map((model) => measure(band, model).samples)), band.tokenizer).toBe(band.within.samples);
    }
  });

  test('text in other scripts lies outside the band: 1.1 to 4.1 times o200k_base, on both tokenizers', () => {
    const others = fixture.pairs.filter((pair) => pair.kind === 'other-script-prose');
    for (const model of ['claude-opus-4-5', 'claude-opus-4-7', 'claude-opus-5']) {
      const ratios = others.map((pair) => ratio(pair, model));
      expect([Math.min(...ratios).toFixed(1), Math.max(...ratios).toFixed(1)], model).toEqual(['1.1', '4.1']);
    }
  });

  test('the unscaled stand-in undercounts: below 95% of Claude\'s count on at least 95% of the samples', () => {
    // Why the band has a factor at all: o200k_base alone is far under both tokenizers.
    const pairs = fixture.pairs.filter((pair) => pair.kind !== 'other-script-prose');
    for (const model of ['claude-opus-4-5', 'claude-opus-4-7', 'claude-opus-5']) {
      const under = pairs.filter((pair) => standIn.get(pair)! < 0.95 * (pair.counts[model]! - fixture.frames[model]!)).length;
      expect(under / pairs.length, model).toBeGreaterThanOrEqual(0.95);
    }
  });
});

describe('which band a Claude id gets', () => {
  test.each([
    ['claude-3-haiku-20240307', 'claude-3'],
    ['claude-3-5-sonnet-20241022', 'claude-3'],
    ['claude-3-7-sonnet@20250219', 'claude-3'],
    ['claude-opus-4-20250514', 'claude-3'],
    ['claude-sonnet-4-5', 'claude-3'],
    ['claude-sonnet-4.5', 'claude-3'],
    ['claude-haiku-4-5-20251001', 'claude-3'],
    ['claude-opus-4-6', 'claude-3'],
    ['claude-sonnet-4-6', 'claude-3'],
    ['claude-opus-4-7', 'claude-opus-4-7'],
    ['claude-opus-4-8', 'claude-opus-4-7'],
    ['claude-sonnet-5', 'claude-opus-4-7'],
    ['claude-opus-5', 'claude-opus-4-7'],
    ['claude-sonnet-5-5', 'claude-opus-4-7'],
    ['claude-haiku-5-5', 'claude-opus-4-7'],
    ['claude-fable-5-1', 'claude-opus-4-7'],
    ['claude-mythos-preview', 'claude-opus-4-7'],
  ])('%s → %s', (id, tokenizer) => {
    expect(claudeBand(id)?.tokenizer).toBe(tokenizer);
  });

  test('Claude 2 and Claude Instant (the published, older tokenizer) have no measured band', () => {
    expect(claudeBand('claude-2.1')).toBeUndefined();
    expect(claudeBand('claude-instant-1.2')).toBeUndefined();
  });

  test('modelTokenizer carries the band for claude-* ids, and none for other families', () => {
    expect(modelTokenizer('anthropic/claude-sonnet-5-5')).toMatchObject({ encoding: 'o200k_base', approximate: true, family: 'anthropic', band: CLAUDE_BANDS['claude-opus-4-7'] });
    expect(modelTokenizer('claude-haiku-4-5').band).toBe(CLAUDE_BANDS['claude-3']);
    expect(modelTokenizer('gpt-4o').band).toBeUndefined();
  });
});

describe('count results carry the band', () => {
  test('countChatTokens and countResponsesTokens for a Claude model, not for an OpenAI one', async () => {
    const { countChatTokens, countResponsesTokens } = await import('../src/index.js');
    const messages = [{ role: 'user' as const, content: 'hello' }];
    expect(countChatTokens({ model: 'claude-opus-4-8', messages }).band).toBe(CLAUDE_BANDS['claude-opus-4-7']);
    expect(countResponsesTokens({ model: 'claude-3-7-sonnet-latest', input: 'hello' }).band).toBe(CLAUDE_BANDS['claude-3']);
    expect(countChatTokens({ model: 'gpt-4o', messages }).band).toBeUndefined();
  });
});
