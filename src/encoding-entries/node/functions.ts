/**
 * The `tokmeter/encoding/<name>` entries of Node's build (the `node` export condition): the same
 * functions as the web's entries (api.ts), over the encoding `getEncoding(name)` returns, so the
 * data is read from the package's file on first use as the root entry reads it, and an app that
 * imports both the root and an entry builds the encoding once. The web's entries import the
 * encoding's data module instead — what a bundler needs — which in Node meant parsing a 0.5–2 MB
 * module at import and keeping its text: importing `tokmeter/encoding/o200k_base` took 17–23 ms and
 * left 14–16 MB of heap after a first count, against ~10 MB for the root.
 */
import { getEncoding } from '../../encodings/registry.js';
import type { EncodingName } from '../../encodings/specs.js';
import { functionsOf, type EncodingFunctions } from '../api.js';

export function nodeEncodingFunctions(name: EncodingName): EncodingFunctions {
  return functionsOf(() => getEncoding(name));
}
