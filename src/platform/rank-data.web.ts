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

const MODULES: Readonly<Record<RankFileName, { readonly base64: string }>> = { r50k_base, p50k_base, cl100k_base, o200k_base };

/** The base64 of `name`'s rank form, and the module it came from (for error messages). */
export function rankData(name: RankFileName): { readonly base64: string; readonly source: string } {
  return { base64: MODULES[name].base64, source: `tokmeter/encodings/${name}.js` };
}
