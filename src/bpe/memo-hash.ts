import { HASH_PRIME, HASH_SEED } from './rank-table.js';

// The memo's hash of a piece (see PieceMemo), one rule over the three ways the encode loops hold a
// piece: the text's units, a copy of them, or an ASCII piece's UTF-8. All three give the same number
// for the same piece. Three functions, not one over either array: one made the lookups polymorphic
// (chinese 0.89–0.94×).

/** The memo's hash of text[start..end): FNV-1a style over pairs of UTF-16 units. */
export function hashUnits(text: string, start: number, end: number): number {
  // Two units per multiply: half the dependency chain of hashing one unit at a time.
  let hash = HASH_SEED ^ (end - start);
  let i = start;
  for (; i + 1 < end; i += 2) hash = Math.imul(hash ^ (text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)), HASH_PRIME);
  if (i < end) hash = Math.imul(hash ^ text.charCodeAt(i), HASH_PRIME);
  return (hash ^ (hash >>> 15)) & 0x3fffffff; // below 2^30: a small integer for V8, never boxed
}

/** `hashUnits` of a piece read from a copy of the units, units[start..end): the same number. */
export function hashWide(units: Uint16Array, start: number, end: number): number {
  let hash = HASH_SEED ^ (end - start);
  let i = start;
  for (; i + 1 < end; i += 2) hash = Math.imul(hash ^ (units[i]! | (units[i + 1]! << 16)), HASH_PRIME);
  if (i < end) hash = Math.imul(hash ^ units[i]!, HASH_PRIME);
  return (hash ^ (hash >>> 15)) & 0x3fffffff;
}

/** `hashUnits` of an ASCII piece read as bytes, bytes[start..end): the same number. */
export function hashAscii(bytes: Uint8Array, start: number, end: number): number {
  let hash = HASH_SEED ^ (end - start);
  let i = start;
  for (; i + 1 < end; i += 2) hash = Math.imul(hash ^ (bytes[i]! | (bytes[i + 1]! << 16)), HASH_PRIME);
  if (i < end) hash = Math.imul(hash ^ bytes[i]!, HASH_PRIME);
  return (hash ^ (hash >>> 15)) & 0x3fffffff;
}
