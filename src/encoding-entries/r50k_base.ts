/**
 * `tokmeter/encoding/r50k_base`: r50k_base alone, for GPT-3 (davinci, curie, babbage, ada),
 * with its data bundled in: the smallest way to count in a browser or a worker. The README's
 * "Runtimes" section lists the bundle sizes.
 */
import * as data from '../../encodings/r50k_base.js';
import { R50K_BASE } from '../encodings/specs.js';
import { GPT2_PRETOKENIZER } from '../bpe/pretokenizers.js';
import { encodingFunctions } from './api.js';

export const { encode, decode, countTokens, isWithinTokenLimit } = encodingFunctions(R50K_BASE, GPT2_PRETOKENIZER, data);
export type { EncodeOptions } from '../encode-options.js';
