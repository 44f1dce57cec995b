/** A media part whose length, page count or size tokmeter needs and cannot read from the request. */
import { TokmeterError } from '../errors.js';

/**
 * The figure a media rule needs is not in the request: an audio or video part without
 * `duration_seconds`, a PDF without `pages`, a Gemini 2.0/2.5 image whose size cannot be read.
 * `field` is the field to add (`messages[1].content[0].input_audio.duration_seconds`) or, for an
 * image, its URL's path. The message says what to add, or to ask the provider with `countTokensRemote`.
 */
export class MediaMeasureUnknownError extends TokmeterError {
  override name = 'MediaMeasureUnknownError' as const;
  readonly field: string;

  constructor(field: string, message: string) {
    super('MEDIA_MEASURE_UNKNOWN', `${field} ${message}`);
    this.field = field;
  }
}
