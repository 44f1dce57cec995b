/**
 * Tokens for one image content part: find its size (data URL header, caller's hint, or the upper
 * bound when asked), then apply the model's method.
 */
import { ChatValidationError, ImageSizeUnknownError, UnsupportedContentError } from '../errors.js';
import type { ImageSize } from '../types.js';
import { imageTokens, imageTokensUpperBound, type ImageDetail } from './image-cost.js';
import { imageModelFor } from './image-models.js';
import { readDataUrlImage } from './data-url.js';

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
  if (typeof sizes === 'function') return sizes(url);
  return Object.prototype.hasOwnProperty.call(sizes, url) ? sizes[url] : undefined;
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

/**
 * Image tokens for an image of known size on `model`.
 *
 * @example countImageTokens('gpt-4o', { width: 1024, height: 1024 }, 'high') // 765
 */
export function countImageTokens(model: string, size: ImageSize, detail: ImageDetail = 'auto'): number {
  const field = 'size';
  if (!(Number.isInteger(size.width) && size.width > 0 && Number.isInteger(size.height) && size.height > 0)) {
    throw new ChatValidationError(field, 'must be { width, height } in whole positive pixels');
  }
  const record = imageModelFor(model);
  if (record === undefined || record.cost === null) {
    throw new UnsupportedContentError('model', `${JSON.stringify(model)} ${record === undefined ? 'has no image pricing data in tokmeter' : 'does not take image input'}.`);
  }
  return imageTokens(size.width, size.height, detail, record.cost);
}

/**
 * The pixel size of the image in a `data:` URL, read from its header, or a `ChatValidationError`
 * saying why it cannot be read.
 */
export function imageSizeFromDataUrl(url: string): ImageSize {
  const header = readDataUrlImage(url);
  if (!header.ok) throw new ChatValidationError('url', header.reason);
  return { width: header.width, height: header.height };
}
