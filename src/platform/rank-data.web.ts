/**
 * A rank file's data for the web build's root entry: every encoding's module, imported
 * statically, so that `getEncoding` stays synchronous for all six encodings — at the cost of
 * shipping them all (see the README's "Runtimes"). An app that needs one encoding imports
 * `tokmeter/encoding/<name>` instead, which brings only its own module.
 */
import * as cl100k_base from '../../encodings/cl100k_base.js';
import * as o200k_base from '../../encodings/o200k_base.js';
import * as p50k_base from '../../encodings/p50k_base.js';
import * as r50k_base from '../../encodings/r50k_base.js';
import type { RankFileName } from '../encodings/specs.js';
import { base64ToBytes } from './host.js';

const MODULES: Readonly<Record<RankFileName, { readonly base64: string }>> = { r50k_base, p50k_base, cl100k_base, o200k_base };

/** The bytes of `name`'s rank form (null if its base64 does not decode), and the module they came from. */
export function rankData(name: RankFileName): { readonly bytes: Uint8Array | null; readonly source: string } {
  return { bytes: base64ToBytes(MODULES[name].base64), source: `tokmeter/encodings/${name}.js` };
}
