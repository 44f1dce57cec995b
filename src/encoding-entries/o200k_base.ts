/**
 * `tokmeter/encoding/o200k_base`: o200k_base alone, for gpt-4o, gpt-4.1, gpt-5, o1, o3 and o4,
 * with its data bundled in: the smallest way to count in a browser or a worker. The README's
 * "Runtimes" section lists the bundle sizes.
 */
import * as data from '../../encodings/o200k_base.js';
import { O200K_BASE } from '../encodings/specs.js';
import { O200K_PRETOKENIZER } from '../bpe/pretokenizers.js';
import { encodingFunctions } from './api.js';

export const { encode, decode, countTokens, isWithinTokenLimit } = encodingFunctions(O200K_BASE, O200K_PRETOKENIZER, data);
export type { EncodeOptions } from '../encode-options.js';
