/** What an `options.imageSizes` function returned, checked. */
import { ownCopy } from '../../options.js';
import { ChatValidationError } from '../errors.js';
import { ImageSizeSchema, parseOrThrow } from '../schema.js';
import type { ImageSize } from '../types.js';

const chatError = (field: string, message: string): ChatValidationError => new ChatValidationError(field, message);

/** What an `imageSizes` function returned for `url`: a size, or `undefined` (also for `null`) when it does not know. */
export function checkSizeHint(hint: unknown, url: string): ImageSize | undefined {
  if (hint === undefined || hint === null) return undefined;
  const field = `options.imageSizes(${JSON.stringify(url.length > 80 ? `${url.slice(0, 77)}...` : url)})`;
  return parseOrThrow(ImageSizeSchema(), ownCopy(hint, { root: field, maxDepth: 2, error: chatError }), [field]) as ImageSize;
}
