/**
 * Tokens for one image content part: find its size (data URL header, caller's hint, or the upper
 * bound when asked), then apply the model's method.
 */
import { ChatValidationError, ImageSizeUnknownError, UnsupportedContentError } from '../errors.js';
import type { ImageSize } from '../types.js';
import { imageTokens, imageTokensUpperBound, type ImageDetail } from './image-cost.js';
import { imageModelFor } from './image-models.js';
import { readDataUrlImage } from './data-url.js';
import { describeValue } from '../../describe.js';
import { ownCopy } from '../../options.js';
import { suggestNames } from '../../suggest.js';
import { mustBeOneOf } from '../../validation.js';
import { checkSizeHint } from './size-hint.js';
import { ImageSizeSchema, parseOrThrow } from '../schema.js';

export interface ImageOptions {
  /**
   * Sizes of remote images, by URL, or a function from URL to size. Data URLs never need one: their
   * size is read from the image header.
   */
  readonly imageSizes?: Readonly<Record<string, ImageSize>> | ((url: string) => ImageSize | undefined);
  /**
   * What to do with a remote image whose size is not given: `'error'` throws `ImageSizeUnknownError`;
   * `'upper-bound'` counts the most an image can cost on the model.
   * @default 'error'
   */
  readonly unknownImageSize?: 'error' | 'upper-bound';
}

/** How one image was counted. */
export interface ImageCount {
  /** Path of the part, e.g. `messages[1].content[0]`. */
  readonly field: string;
  /** Pixel size used, or `undefined` when the upper bound was counted. */
  readonly size: ImageSize | undefined;
  readonly detail: ImageDetail;
  readonly method: 'tile' | 'patch';
  readonly tokens: number;
  /** Where the size came from. */
  readonly sizeFrom: 'data-url' | 'hint' | 'upper-bound';
}

function hintFor(url: string, options: ImageOptions): ImageSize | undefined {
  const sizes = options.imageSizes;
  if (sizes === undefined) return undefined;
  if (typeof sizes === 'function') return checkSizeHint(sizes(url), url);
  return Object.hasOwn(sizes, url) ? sizes[url] : undefined;
}

/** Count an image part for `model`. `field` is the part's path, used in errors and the result. */
export function countImage(model: string, url: string, detail: ImageDetail, field: string, options: ImageOptions): ImageCount {
  const record = imageModelFor(model);
  if (record === undefined || record.cost === null) {
    throw new UnsupportedContentError(
      field,
      `is an image, but ${JSON.stringify(model)} ${record === undefined ? 'has no image pricing data in tokmeter' : 'does not take image input'}. ` +
        'Use a vision model such as "gpt-4o" or remove the image.',
    );
  }
  const cost = record.cost;
  let size: ImageSize | undefined;
  let sizeFrom: ImageCount['sizeFrom'];
  if (url.startsWith('data:')) {
    const header = readDataUrlImage(url);
    if (!header.ok) throw new ChatValidationError(`${field}.image_url.url`, header.reason);
    size = { width: header.width, height: header.height };
    sizeFrom = 'data-url';
  } else {
    size = hintFor(url, options);
    if (size !== undefined) {
      if (!(Number.isInteger(size.width) && size.width > 0 && Number.isInteger(size.height) && size.height > 0)) {
        throw new ChatValidationError(`options.imageSizes[${JSON.stringify(url)}]`, 'must be { width, height } in whole positive pixels');
      }
      sizeFrom = 'hint';
    } else if (options.unknownImageSize === 'upper-bound') {
      sizeFrom = 'upper-bound';
    } else {
      throw new ImageSizeUnknownError(`${field}.image_url.url`, url);
    }
  }
  const tokens = size === undefined ? imageTokensUpperBound(detail, cost) : imageTokens(size.width, size.height, detail, cost);
  return { field, size, detail, method: cost.method, tokens, sizeFrom };
}

const DETAILS: readonly ImageDetail[] = ['auto', 'low', 'high'];

/** `size` as `countImageTokens` takes it: an object with whole positive `width` and `height`, read from its own properties. */
function checkSize(size: unknown): ImageSize {
  const copy = ownCopy(size, { root: 'size', maxDepth: 2, error: (field, message) => new ChatValidationError(field, message) });
  if (typeof copy !== 'object' || copy === null || Array.isArray(copy)) {
    throw new ChatValidationError('size', `must be { width, height } in whole positive pixels, got ${describeValue(size)}.`);
  }
  return parseOrThrow(ImageSizeSchema(), copy, ['size']) as ImageSize;
}

/**
 * Image tokens for an image of known size on `model`. `detail` is `'auto'`, `'low'` or `'high'`;
 * anything else is a `ChatValidationError` (field `detail`), as is a size that is not whole
 * positive pixels (field `size.width`, `size.height`) and a model that is not a string (`model`).
 *
 * @example countImageTokens('gpt-4o', { width: 1024, height: 1024 }, 'high') // 765
 */
export function countImageTokens(model: string, size: ImageSize, detail: ImageDetail = 'auto'): number {
  if (typeof model !== 'string' || model === '') {
    throw new ChatValidationError('model', `must be a model id such as "gpt-4o", got ${describeValue(model)}.`);
  }
  const { width, height } = checkSize(size);
  if (!DETAILS.includes(detail)) {
    const [suggestion] = typeof detail === 'string' ? suggestNames(detail, DETAILS, 1) : [];
    throw new ChatValidationError('detail', `${mustBeOneOf(DETAILS)}, got ${describeValue(detail)}.${suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`}`);
  }
  const record = imageModelFor(model);
  if (record === undefined || record.cost === null) {
    throw new UnsupportedContentError('model', `${JSON.stringify(model)} ${record === undefined ? 'has no image pricing data in tokmeter' : 'does not take image input'}.`);
  }
  return imageTokens(width, height, detail, record.cost);
}

/**
 * The pixel size of the image in a `data:` URL, read from its header, or a `ChatValidationError`
 * (field `url`) saying why it cannot be read.
 */
export function imageSizeFromDataUrl(url: string): ImageSize {
  if (typeof url !== 'string') throw new ChatValidationError('url', `must be a data: URL string, got ${describeValue(url)}.`);
  const header = readDataUrlImage(url);
  if (!header.ok) throw new ChatValidationError('url', header.reason);
  return { width: header.width, height: header.height };
}
