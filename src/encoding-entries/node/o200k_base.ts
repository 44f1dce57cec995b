/** `tokmeter/encoding/o200k_base` in Node's build (see functions.ts; the web's entry is ../o200k_base.ts). */
import { nodeEncodingFunctions } from './functions.js';

export const { encode, decode, countTokens, isWithinTokenLimit } = nodeEncodingFunctions('o200k_base');
export type { EncodeOptions } from '../../encode-options.js';
