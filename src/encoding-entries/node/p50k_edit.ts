/** `tokmeter/encoding/p50k_edit` in Node's build (see functions.ts; the web's entry is ../p50k_edit.ts). */
import { nodeEncodingFunctions } from './functions.js';

export const { encode, decode, countTokens, isWithinTokenLimit } = nodeEncodingFunctions('p50k_edit');
export type { EncodeOptions } from '../../encode-options.js';
