/**
 * `tokmeter/encoding/p50k_base`: p50k_base alone, for Codex and text-davinci-002/003,
 * with its data bundled in: the smallest way to count in a browser or a worker. The README's
 * "Runtimes" section lists the bundle sizes.
 */
import * as data from '../../encodings/p50k_base.js';
// p50k_base's data holds only the ranks it adds to r50k_base's.
import * as base from '../../encodings/r50k_base.js';
import { P50K_BASE } from '../encodings/specs.js';
import { GPT2_PRETOKENIZER } from '../bpe/pretokenizers.js';
import { encodingFunctions } from './api.js';

export const { encode, decode, countTokens, isWithinTokenLimit } = encodingFunctions(P50K_BASE, GPT2_PRETOKENIZER, data, base);
export type { EncodeOptions } from '../encode-options.js';
