/** `tokmeter/encoding/cl100k_base` in Node's build (see functions.ts; the web's entry is ../cl100k_base.ts). */
import { nodeEncodingFunctions } from './functions.js';

export const { encode, decode, countTokens, isWithinTokenLimit } = nodeEncodingFunctions('cl100k_base');
export type { EncodeOptions } from '../../encode-options.js';
