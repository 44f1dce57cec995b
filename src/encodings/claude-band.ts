/**
 * How far Claude's token counts lie from the stand-in tokmeter counts them with, as measured.
 * Anthropic publishes no tokenizer for Claude 3 and later, so `claude-*` ids count with o200k_base;
 * this band says by how much that undercounts. Measured on 269 texts whose Claude counts were
 * recorded from `POST /v1/messages/count_tokens` (test/fixtures/claude-counts.json, from
 * sanderland/ctok); docs/claude-counts.md has the method, every source and the candidates
 * compared, and test/claude-band.test.ts recomputes these figures from the fixture.
 */

/** A stand-in's measured distance from a model's own tokenizer, as ratios of their counts. */
export interface TokenizerBand {
  /** The model tokenizer the band is for: Claude 3 up to Opus 4.6 / Sonnet 4.6 / Haiku 4.5, or the newer one from Opus 4.7 on. */
  readonly tokenizer: 'claude-3' | 'claude-opus-4-7';
  /** The models whose `count_tokens` answers it was measured on. */
  readonly measuredOn: readonly string[];
  /**
   * The median of (the model's count ÷ the stand-in's count) over the samples: a stand-in count
   * times `factor` is the central estimate of the model's count.
   */
  readonly factor: number;
  /** The ratio's 2.5th percentile: 95% of the samples lie within `[count × low, count × high]`. */
  readonly low: number;
  /** The ratio's 97.5th percentile: `count × high` is the upper bound to leave headroom for. */
  readonly high: number;
  /** `count × factor` was within `percent`% of the model's own count on `samples` of the `of` samples (95% or more). */
  readonly within: { readonly percent: number; readonly samples: number; readonly of: number };
  /**
   * The kinds of text measured. Text in other scripts lies outside the band: 1.1 to 4.1 times the
   * o200k_base count on the 12 languages measured (Chinese and Japanese 1.1–1.4, Russian 1.5,
   * Arabic 2.1, Hindi and Bengali 2.4–2.7, Eastern Panjabi 4.1), the same on both tokenizers.
   */
  readonly kinds: readonly string[];
}

const KINDS = ['Latin-script prose', 'source code'] as const;

/** Claude 3 … Opus 4.6, Sonnet 4.6, Haiku 4.5 (measured on claude-opus-4-5). */
const CLAUDE_3: TokenizerBand = {
  tokenizer: 'claude-3',
  measuredOn: ['claude-opus-4-5'],
  factor: 1.19,
  low: 1.06,
  high: 1.44,
  within: { percent: 17, samples: 257, of: 269 },
  kinds: KINDS,
};

/** Opus 4.7 and later: Opus 4.8, Sonnet 5, Opus 5, Haiku 5.5 … ("about 30% more tokens than Haiku 4.5" per Anthropic; 1.22–1.25× here). */
const CLAUDE_OPUS_4_7: TokenizerBand = {
  tokenizer: 'claude-opus-4-7',
  measuredOn: ['claude-opus-4-7', 'claude-opus-5'],
  factor: 1.43,
  low: 1.18,
  high: 1.9,
  within: { percent: 24, samples: 256, of: 269 },
  kinds: KINDS,
};

/** The bands by tokenizer, for the test that recomputes them. */
export const CLAUDE_BANDS: Readonly<Record<TokenizerBand['tokenizer'], TokenizerBand>> = {
  'claude-3': CLAUDE_3,
  'claude-opus-4-7': CLAUDE_OPUS_4_7,
};

/**
 * The version in a bare Claude id, as major and minor: `claude-opus-4-7` → 4.7,
 * `claude-3-5-sonnet-20241022` → 3.5, `claude-opus-4-20250514` → 4.0, `claude-2.1` → 2.1. A
 * one- or two-digit number only, so a snapshot date is never read as a version.
 */
function claudeVersion(id: string): number | undefined {
  const match = /-(\d{1,2})(?:[-.](\d{1,2}))?(?=$|[-@:_])/.exec(id);
  if (match === null) return undefined;
  return Number(match[1]) + Number(match[2] ?? 0) / 100;
}

/**
 * The measured band for a bare `claude-*` id: the newer tokenizer's from Opus 4.7 on, the Claude 3
 * one's from 3.0 up to 4.6. An id without a version (`claude-mythos-preview`) gets the newer
 * tokenizer's, the wider one. Claude 2 and Claude Instant used the older, published tokenizer,
 * which was not measured here: undefined.
 */
export function claudeBand(id: string): TokenizerBand | undefined {
  const version = claudeVersion(id);
  if (version === undefined) return CLAUDE_OPUS_4_7;
  if (version < 3) return undefined;
  return version >= 4.07 ? CLAUDE_OPUS_4_7 : CLAUDE_3;
}
