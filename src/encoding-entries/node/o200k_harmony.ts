/** `tokmeter/encoding/o200k_harmony` in Node's build (see functions.ts; the web's entry is ../o200k_harmony.ts). */
import { nodeEncodingFunctions } from './functions.js';

export const { encode, decode, countTokens, isWithinTokenLimit } = nodeEncodingFunctions('o200k_harmony');
export type { EncodeOptions } from '../../encode-options.js';
