/**
 * How the Gemini API counts media, as Google's own pages state it: one record per generation and
 * kind of media, each with the page it comes from. Data and arithmetic only; reading a chat part
 * (which fields, which errors) is gemini-media.ts. docs/gemini-media.md has the sources quoted, the
 * conflicts between them, and why each figure was chosen. Every count made from these is approximate:
 * Google calls its own figures approximate, and some pages disagree.
 */
import { internalError } from '../errors.js';
import type { GeminiMediaResolution, ImageSize } from './types.js';

/** A page a rule comes from, whether Google publishes it, and the day tokmeter read it. */
export interface MediaSource {
  readonly url: string;
  readonly official: boolean;
  readonly read: string;
}

const READ = '2026-12-07';
const source = (url: string): MediaSource => ({ url, official: true, read: READ });
const TOKENS = source('https://ai.google.dev/gemini-api/docs/tokens');
const IMAGES = source('https://ai.google.dev/gemini-api/docs/image-understanding');
const AUDIO = source('https://ai.google.dev/gemini-api/docs/audio');
const DOCUMENTS = source('https://ai.google.dev/gemini-api/docs/document-processing');
const RESOLUTION = source('https://ai.google.dev/gemini-api/docs/media-resolution');

/** The media generations Google documents separately: Gemini 2.0 and 2.5, and Gemini 3 (3, 3.x). */
export type GeminiMediaGeneration = '2' | '3';
export type GeminiMediaKind = 'image' | 'audio' | 'video' | 'document';

type MediaResolution = GeminiMediaResolution;
const LEVELS = { low: true, medium: true, high: true, ultra_high: true } as const satisfies Record<MediaResolution, true>;
/** Gemini 3's per-part `media_resolution` levels (the API's `MEDIA_RESOLUTION_LOW` … `_ULTRA_HIGH`). */
export const MEDIA_RESOLUTIONS = Object.keys(LEVELS) as readonly MediaResolution[];

/** Tokens per level; `default` is what a part without `media_resolution` gets. A level left out is not offered for that kind. */
type Budgets = { readonly default: number } & { readonly [level in MediaResolution]?: number };

/** Gemini 2.0 and 2.5. */
export const GEMINI_2_MEDIA = {
  /**
   * Both sides ≤ `smallSide`: one tile. Otherwise a crop unit of ⌊shorter side / `cropDivisor`⌋ px, kept
   * within `minTile`…`maxTile`, and ⌈width / unit⌉ × ⌈height / unit⌉ tiles; each tile `tokensPerTile`.
   * The image-understanding page gives the formula ("rough") and the example 960×540 → 6 tiles; the
   * 256–768 bounds are from the same page's earlier text for Gemini 1.5, whose tiles they describe.
   */
  image: { tokensPerTile: 258, smallSide: 384, cropDivisor: 1.5, minTile: 256, maxTile: 768, source: IMAGES },
  /** "Video: 263 tokens per second" (static processing, 1 frame a second). */
  video: { tokensPerSecond: 263, source: TOKENS },
  /** "32 tokens per second of audio (1 minute = 1,920 tokens)". */
  audio: { tokensPerSecond: 32, source: AUDIO },
  /** "Each document page is equivalent to 258 tokens." */
  document: { tokensPerPage: 258, source: DOCUMENTS },
} as const;

/** Gemini 3 (`gemini-3-pro-preview`, `gemini-3-flash-preview`; the page's table is for "Gemini 3 models"). */
export const GEMINI_3_MEDIA = {
  /** A fixed budget per image, by `media_resolution`; the page calls it the most an image is given. */
  image: { tokens: { default: 1120, low: 280, medium: 560, high: 1120, ultra_high: 2240 } satisfies Budgets, source: RESOLUTION },
  /** Frames at 1 a second (the default sampling), each at its budget, plus the sound track at the audio rate. */
  video: { framesPerSecond: 1, tokensPerFrame: { default: 70, low: 70, medium: 70, high: 280 } satisfies Budgets, soundPerSecond: 25, source: RESOLUTION },
  /** "25 tokens per second across all supported resolution settings". */
  audio: { tokensPerSecond: 25, source: RESOLUTION },
  /** Per page, by `media_resolution`; the text embedded in the PDF is not charged (document-processing page). */
  document: { tokensPerPage: { default: 560, low: 280, medium: 560, high: 1120 } satisfies Budgets, source: RESOLUTION },
} as const;

const GENERATIONS: readonly { readonly pattern: RegExp; readonly generation: GeminiMediaGeneration }[] = [
  { pattern: /^gemini-(?:live-)?2\.[05]-/, generation: '2' },
  { pattern: /^gemini-(?:live-)?3(?:\.\d+)?-/, generation: '3' },
];

/** The media generation of a Gemini id (`gemini-2.5-pro`, `models/gemini-3-pro-preview`), or undefined when Google documents none for it here. */
export function geminiMediaGeneration(model: string): GeminiMediaGeneration | undefined {
  const id = model.trim().toLowerCase();
  const name = id.slice(id.lastIndexOf('/') + 1);
  return GENERATIONS.find((g) => g.pattern.test(name))?.generation;
}

/** Whether a part of this kind may carry `media_resolution: level`: Gemini 3 only, and ultra_high for images only. */
export function offersLevel(generation: GeminiMediaGeneration, kind: 'image' | 'video' | 'document', level: MediaResolution): boolean {
  if (generation === '2') return false;
  const budgets: Budgets = kind === 'image' ? GEMINI_3_MEDIA.image.tokens : kind === 'video' ? GEMINI_3_MEDIA.video.tokensPerFrame : GEMINI_3_MEDIA.document.tokensPerPage;
  return budgets[level] !== undefined;
}

/** What is known of one media part: its kind and the figure its rule needs. */
export type MediaMeasure =
  | { readonly kind: 'image'; readonly size: ImageSize | undefined; readonly resolution?: MediaResolution | undefined }
  | { readonly kind: 'audio'; readonly seconds: number }
  | { readonly kind: 'video'; readonly seconds: number; readonly resolution?: MediaResolution | undefined }
  | { readonly kind: 'document'; readonly pages: number; readonly resolution?: MediaResolution | undefined };

/** A media count: tokens, the rule as applied in words, and where the rule is from. */
export interface MediaRuleCount {
  readonly tokens: number;
  readonly rule: string;
  readonly source: MediaSource;
}

function budget(budgets: Budgets, level: MediaResolution | undefined): number {
  const tokens = level === undefined ? budgets.default : budgets[level];
  if (tokens === undefined) throw internalError(`media_resolution ${level} was counted for a kind that does not offer it`);
  return tokens;
}

const levelName = (level: MediaResolution | undefined): string => `media_resolution ${level ?? 'unset (the default)'}`;
const perSecond = (seconds: number, rate: number): number => Math.ceil(seconds * rate);

/** Gemini 2.0/2.5 image tiles for a size, with the crop unit used (0 when the image is one small tile). */
export function gemini2ImageTiles({ width, height }: ImageSize): { tiles: number; unit: number } {
  const r = GEMINI_2_MEDIA.image;
  if (width <= r.smallSide && height <= r.smallSide) return { tiles: 1, unit: 0 };
  const unit = Math.min(r.maxTile, Math.max(r.minTile, Math.floor(Math.min(width, height) / r.cropDivisor)));
  return { tiles: Math.ceil(width / unit) * Math.ceil(height / unit), unit };
}

/**
 * Tokens for one media part on a generation. A Gemini 2.0/2.5 image needs its size, and a level
 * must be one the kind offers (`offersLevel`): the chat reader (gemini-media.ts) refuses both
 * before calling, so either here is a bug.
 *
 * @example geminiMediaTokens('2', { kind: 'audio', seconds: 60 }).tokens // 1920
 */
export function geminiMediaTokens(generation: GeminiMediaGeneration, measure: MediaMeasure): MediaRuleCount {
  if (generation === '2') {
    const r = GEMINI_2_MEDIA;
    switch (measure.kind) {
      case 'image': {
        const size = measure.size;
        if (size === undefined) throw internalError('a Gemini 2.0/2.5 image was counted without its size');
        const { tiles, unit } = gemini2ImageTiles(size);
        const how = unit === 0 ? `both sides ≤ ${r.image.smallSide} px, one tile` : `crop unit ${unit} px, ${Math.ceil(size.width / unit)} × ${Math.ceil(size.height / unit)} tiles`;
        return { tokens: tiles * r.image.tokensPerTile, rule: `Gemini 2.0/2.5 image ${size.width}×${size.height} px: ${how} of ${r.image.tokensPerTile} tokens`, source: r.image.source };
      }
      case 'audio':
        return { tokens: perSecond(measure.seconds, r.audio.tokensPerSecond), rule: `Gemini 2.0/2.5 audio: ${r.audio.tokensPerSecond} tokens a second × ${measure.seconds} s`, source: r.audio.source };
      case 'video':
        return { tokens: perSecond(measure.seconds, r.video.tokensPerSecond), rule: `Gemini 2.0/2.5 video: ${r.video.tokensPerSecond} tokens a second × ${measure.seconds} s`, source: r.video.source };
      case 'document':
        return { tokens: measure.pages * r.document.tokensPerPage, rule: `Gemini 2.0/2.5 PDF: ${r.document.tokensPerPage} tokens a page × ${measure.pages}`, source: r.document.source };
    }
  }
  const r = GEMINI_3_MEDIA;
  switch (measure.kind) {
    case 'image': {
      const tokens = budget(r.image.tokens, measure.resolution);
      return { tokens, rule: `Gemini 3 image, ${levelName(measure.resolution)}: ${tokens} tokens`, source: r.image.source };
    }
    case 'audio':
      return { tokens: perSecond(measure.seconds, r.audio.tokensPerSecond), rule: `Gemini 3 audio: ${r.audio.tokensPerSecond} tokens a second × ${measure.seconds} s`, source: r.audio.source };
    case 'video': {
      const frame = budget(r.video.tokensPerFrame, measure.resolution);
      const rate = r.video.framesPerSecond * frame + r.video.soundPerSecond;
      return {
        tokens: perSecond(measure.seconds, rate),
        rule: `Gemini 3 video, ${levelName(measure.resolution)}: ${r.video.framesPerSecond} frame a second at ${frame} tokens + ${r.video.soundPerSecond} a second of sound, × ${measure.seconds} s`,
        source: r.video.source,
      };
    }
    case 'document': {
      const page = budget(r.document.tokensPerPage, measure.resolution);
      return { tokens: measure.pages * page, rule: `Gemini 3 PDF, ${levelName(measure.resolution)}: ${page} tokens a page × ${measure.pages}`, source: r.document.source };
    }
  }
}

/** How one media part of a Gemini request was counted. Always approximate. */
export interface GeminiMediaCount {
  /** Path of the part, e.g. `messages[1].content[0]`. */
  readonly field: string;
  readonly kind: GeminiMediaKind;
  readonly tokens: number;
  readonly approximate: true;
  /** The rule as applied and its source, in words: `Gemini 3 image, media_resolution high: 1120 tokens (…)`. */
  readonly note: string;
  readonly source: MediaSource;
}
