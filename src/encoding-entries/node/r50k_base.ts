/** `tokmeter/encoding/r50k_base` in Node's build (see functions.ts; the web's entry is ../r50k_base.ts). */
import { nodeEncodingFunctions } from './functions.js';

export const { encode, decode, countTokens, isWithinTokenLimit } = nodeEncodingFunctions('r50k_base');
export type { EncodeOptions } from '../../encode-options.js';
