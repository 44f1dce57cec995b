/**
 * `tokmeter/encoding/cl100k_base`: cl100k_base alone, for gpt-4, gpt-3.5-turbo and text-embedding-3,
 * with its data bundled in: the smallest way to count in a browser or a worker. The README's
 * "Runtimes" section lists the bundle sizes.
 */
import * as data from '../../encodings/cl100k_base.js';
import { CL100K_BASE } from '../encodings/specs.js';
import { CL100K_PRETOKENIZER } from '../bpe/pretokenizers.js';
import { encodingFunctions } from './api.js';

export const { encode, decode, countTokens, isWithinTokenLimit } = encodingFunctions(CL100K_BASE, CL100K_PRETOKENIZER, data);
export type { EncodeOptions } from '../encode-options.js';
