/**
 * `tokmeter/encoding/o200k_harmony`: o200k_harmony alone, for gpt-oss (o200k_base's ranks, harmony tokens),
 * with its data bundled in: the smallest way to count in a browser or a worker. The README's
 * "Runtimes" section lists the bundle sizes.
 */
import * as data from '../../encodings/o200k_base.js';
import { O200K_HARMONY } from '../encodings/specs.js';
import { O200K_PRETOKENIZER } from '../bpe/pretokenizers.js';
import { encodingFunctions } from './api.js';

export const { encode, decode, countTokens, isWithinTokenLimit } = encodingFunctions(O200K_HARMONY, O200K_PRETOKENIZER, data);
export type { EncodeOptions } from '../encode-options.js';
