/**
 * Errors specific to chat counting. Each names the offending field with its full path
 * (`messages[2].content[0].image_url.url`) and says how to fix the problem.
 */
import { InvalidArgumentError, TokmeterError } from '../errors.js';

/** Index of the message a field path points into (`messages[2].content` → 2), if any. */
function messageIndexOf(field: string): number | undefined {
  const match = /^(?:messages|input)\[(\d+)\]/.exec(field);
  return match === null ? undefined : Number(match[1]);
}

/** A request, message, tool or option is malformed. `field` is its path, e.g. `messages[2].content`. */
export class ChatValidationError extends InvalidArgumentError {
  override name = 'ChatValidationError' as const;
  /** The message (or Responses input item) the field belongs to, when it belongs to one. */
  readonly messageIndex: number | undefined;

  constructor(field: string, message: string, options?: { cause?: unknown }) {
    super(field, message, options);
    this.messageIndex = messageIndexOf(field);
  }
}

/** A remote image URL whose size tokmeter cannot know offline. */
export class ImageSizeUnknownError extends TokmeterError {
  override name = 'ImageSizeUnknownError' as const;
  readonly field: string;
  readonly url: string;

  constructor(field: string, url: string) {
    super(
      'IMAGE_SIZE_UNKNOWN',
      `${field} is a remote URL (${url.length > 80 ? `${url.slice(0, 77)}...` : url}), so its size cannot be read offline. ` +
        `Pass options.imageSizes: { [url]: { width, height } } (or a function url => size), ` +
        `send it as a data URL, or pass options.unknownImageSize: 'upper-bound' to count the most it can cost.`,
    );
    this.field = field;
    this.url = url;
  }
}

/** Content tokmeter can validate but cannot count offline (audio, files, custom tools, images for a text-only model). */
export class UnsupportedContentError extends TokmeterError {
  override name = 'UnsupportedContentError' as const;
  readonly field: string;

  constructor(field: string, message: string) {
    super('UNSUPPORTED_CONTENT', `${field} ${message}`);
    this.field = field;
  }
}
