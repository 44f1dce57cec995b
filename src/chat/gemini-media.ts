/**
 * A media part of a chat request for a Gemini model, counted by Google's published rule for it
 * (gemini-media-rules.ts) and marked approximate. This file reads what each rule needs from the
 * part — an image's size from its data URL, `duration_seconds` for audio and video, `pages` for a
 * PDF, `media_resolution` on Gemini 3 — and refuses, with the field to add, what is not there.
 * Nothing is guessed: tokmeter decodes no audio, video or PDF.
 */
import { describeValue } from '../describe.js';
import { mustBeOneOf } from '../validation.js';
import type { ChatTokenCount } from './count-result.js';
import { ChatValidationError, UnsupportedContentError } from './errors.js';
import {
  geminiMediaGeneration,
  geminiMediaTokens,
  MEDIA_RESOLUTIONS,
  offersLevel,
  type GeminiMediaCount,
  type GeminiMediaGeneration,
  type GeminiMediaKind,
  type MediaMeasure,
  type MediaSource,
} from './gemini-media-rules.js';
import { parseDataUrl, readDataUrlImage } from './images/data-url.js';
import { MediaMeasureUnknownError } from './media-measure-error.js';
import type { AudioPart, FilePart, GeminiMediaResolution, ImagePart, ImageSize } from './types.js';

/**
 * A Gemini count (`format: 'gemini'`) with its media parts: their tokens are in `images` (images)
 * and in their message's entry of `messages` (audio, video, PDFs); `media` says how each was counted.
 */
export interface GeminiChatTokenCount extends ChatTokenCount {
  readonly media: readonly GeminiMediaCount[];
}

export type GeminiMediaPart = ImagePart | AudioPart | FilePart;

const COUNT_REMOTE = 'or ask the API with countTokensRemote';

/** The media generation of `model`, or an `UnsupportedContentError` at `field` (the first media part) when Google documents none. */
export function mediaGenerationFor(model: string, field: string): GeminiMediaGeneration {
  const generation = geminiMediaGeneration(model);
  if (generation === undefined) {
    throw new UnsupportedContentError(field, `is media, and tokmeter has no Gemini media rule for ${JSON.stringify(model)} (it has Gemini 2.0, 2.5 and 3's). Count the text parts alone, ${COUNT_REMOTE}.`);
  }
  return generation;
}

/** Count one media part of a request for a model of `generation`. `field` is the part's path. */
export function countGeminiMedia(part: GeminiMediaPart, field: string, generation: GeminiMediaGeneration): GeminiMediaCount {
  const measure = measureOf(part, field, generation);
  const { tokens, rule, source } = geminiMediaTokens(generation, measure);
  const from = `${source.url}, ${source.official ? 'Google' : 'third party'}, read ${source.read}`;
  return { field, kind: measure.kind, tokens, approximate: true, note: `${rule} (${from}); approximate`, source };
}

function measureOf(part: GeminiMediaPart, field: string, generation: GeminiMediaGeneration): MediaMeasure {
  switch (part.type) {
    case 'image_url': {
      const at = `${field}.image_url`;
      return imageMeasure(part.image_url.url, `${at}.url`, resolutionOf(part.image_url.media_resolution, `${at}.media_resolution`, generation, 'image'), generation);
    }
    case 'input_audio':
      return { kind: 'audio', seconds: secondsOf(part.input_audio.duration_seconds, `${field}.input_audio.duration_seconds`, 'audio') };
    case 'file':
      return fileMeasure(part.file, `${field}.file`, generation);
  }
}

function imageMeasure(url: string, field: string, resolution: GeminiMediaResolution | undefined, generation: GeminiMediaGeneration): MediaMeasure {
  // Gemini 3 gives every image the same budget; only 2.0/2.5 count by size.
  if (generation === '3') return { kind: 'image', size: undefined, resolution };
  return { kind: 'image', size: gemini2ImageSize(url, field) };
}

function gemini2ImageSize(url: string, field: string): ImageSize {
  if (!url.startsWith('data:')) {
    throw new MediaMeasureUnknownError(field, `is a remote URL, so the image's size cannot be read offline, and Gemini 2.0/2.5 count an image by its size. Send it as a base64 data: URL, ${COUNT_REMOTE}.`);
  }
  const parsed = parseDataUrl(url);
  if (!parsed.ok) throw new ChatValidationError(field, `${parsed.reason}.`);
  const header = readDataUrlImage(url);
  if (!header.ok) {
    throw new MediaMeasureUnknownError(field, `is an image whose size tokmeter cannot read (${header.reason}); it reads PNG, JPEG, GIF and WebP headers. Gemini 2.0/2.5 count an image by its size: send one of those, ${COUNT_REMOTE}.`);
  }
  return { width: header.width, height: header.height };
}

function fileMeasure(file: FilePart['file'], field: string, generation: GeminiMediaGeneration): MediaMeasure {
  const data = file.file_data;
  if (data === undefined) {
    throw new UnsupportedContentError(field, `has no file_data, so its kind of media is unknown (a file_id is OpenAI's). Send the file as a base64 data: URL in file_data, ${COUNT_REMOTE}.`);
  }
  const parsed = parseDataUrl(data);
  if (!parsed.ok) throw new ChatValidationError(`${field}.file_data`, `${parsed.reason}.`);
  const type = parsed.mediaType;
  const resolution = (kind: 'image' | 'video' | 'document'): GeminiMediaResolution | undefined => resolutionOf(file.media_resolution, `${field}.media_resolution`, generation, kind);
  if (type.startsWith('image/')) return imageMeasure(data, `${field}.file_data`, resolution('image'), generation);
  if (type.startsWith('audio/')) return { kind: 'audio', seconds: secondsOf(file.duration_seconds, `${field}.duration_seconds`, 'audio') };
  if (type.startsWith('video/')) return { kind: 'video', seconds: secondsOf(file.duration_seconds, `${field}.duration_seconds`, 'video'), resolution: resolution('video') };
  if (type === 'application/pdf') return { kind: 'document', pages: pagesOf(file.pages, `${field}.pages`), resolution: resolution('document') };
  throw new UnsupportedContentError(
    `${field}.file_data`,
    `is a ${type || 'typeless'} file. Gemini reads files other than images, audio, video and PDFs as plain text, which tokmeter does not decode here; send the text as a text part, ${COUNT_REMOTE}.`,
  );
}

/** A part's `media_resolution`: undefined when not given, else a level Gemini 3 offers for the kind. */
function resolutionOf(value: unknown, field: string, generation: GeminiMediaGeneration, kind: 'image' | 'video' | 'document'): GeminiMediaResolution | undefined {
  if (value === undefined) return undefined;
  if (!(MEDIA_RESOLUTIONS as readonly unknown[]).includes(value)) {
    throw new ChatValidationError(field, `${mustBeOneOf(MEDIA_RESOLUTIONS)}, got ${describeValue(value)}.`);
  }
  const level = value as GeminiMediaResolution;
  if (generation === '2') {
    throw new ChatValidationError(field, 'is for Gemini 3 models only: Gemini 2.0 and 2.5 take no media_resolution on a part. Remove it.');
  }
  if (!offersLevel(generation, kind, level)) {
    throw new ChatValidationError(field, `is ${JSON.stringify(level)}, which Gemini 3 offers for images only, not for a ${kind === 'document' ? 'PDF' : kind}. Use "low", "medium" or "high".`);
  }
  return level;
}

function secondsOf(value: unknown, field: string, kind: 'audio' | 'video'): number {
  if (value === undefined) {
    throw new MediaMeasureUnknownError(field, `is missing: Gemini counts ${kind} by its length, and tokmeter does not decode ${kind}. Add the length in seconds as ${field.slice(field.lastIndexOf('.') + 1)}, ${COUNT_REMOTE}.`);
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ChatValidationError(field, `must be the length in seconds, a number above 0, got ${describeValue(value)}.`);
  }
  return value;
}

function pagesOf(value: unknown, field: string): number {
  if (value === undefined) {
    throw new MediaMeasureUnknownError(field, `is missing: Gemini counts a PDF by its pages, and tokmeter does not read PDFs. Add the page count as pages, ${COUNT_REMOTE}.`);
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new ChatValidationError(field, `must be the number of pages, a whole number above 0, got ${describeValue(value)}.`);
  }
  return value;
}
