export { Encoding } from './encoding.js';
export { getEncoding, encodingForModel, encodingNameForModel } from './encodings/registry.js';
export { ENCODING_NAMES } from './encodings/specs.js';
export { countTokens } from './count.js';
export {
  TokmeterError,
  InvalidArgumentError,
  UnknownEncodingError,
  UnknownModelError,
  DisallowedSpecialTokenError,
} from './errors.js';

export type { EncodingName } from './encodings/specs.js';
export type { EncodeOptions } from './encode-options.js';
export type { CountOptions } from './count.js';
