import type { Encoding } from '../encoding.js';

/**
 * Where byte-pair merging can never join two bytes, read from an encoding's vocabulary: the places
 * inside one pre-tokenizer piece (a run of punctuation, NUL or emoji) where a stream may still be
 * cut.
 *
 * Merging only ever joins two adjacent parts into a part that is a token. If no token holds the
 * byte x followed by the byte y, no part ever spans a seam between an x and a y, so the merges on
 * either side never meet: the tokens of the piece are those of its two halves (a *barrier*).
 *
 * A byte x whose only token holding "xx" is "xx" itself (U+0000 in o200k_base) merges a run of x
 * two by two from its left end: every pair has the same rank, the leftmost lowest pair merges
 * first, and "xx" next to "x" or "xx" makes no token. A run that starts at a barrier (or where its
 * piece starts) is therefore cut safely at an even number of x from its start (a *pair run*).
 */
export interface VocabularySeams {
  /** 1 at `(x << 8) | y` where some token holds byte x followed by byte y, else 0. */
  readonly joined: Uint8Array;
  /** 1 at `x` for an ASCII byte x that pairs up in runs as above: "xx" is a token and no other token holds "xx". */
  readonly pairsUp: Uint8Array;
}

const cache = new WeakMap<Encoding, VocabularySeams>();

/** The seams of `encoding`'s vocabulary, computed on first use from its tokens' bytes (20–90 ms) and kept. */
export function vocabularySeams(encoding: Encoding): VocabularySeams {
  let seams = cache.get(encoding);
  if (seams === undefined) {
    seams = readSeams(encoding);
    cache.set(encoding, seams);
  }
  return seams;
}

function readSeams(encoding: Encoding): VocabularySeams {
  const joined = new Uint8Array(65536); // 1 where a token holds the bigram (x << 8) | y
  const pairState = new Uint8Array(128); // 0: "xx" in no token; 1: only in "xx"; 2: in a longer token too
  const specials = new Set(encoding.specialTokens.values());
  for (let id = 0; id < encoding.vocabularySize; id++) {
    if (specials.has(id)) continue;
    let bytes: Uint8Array;
    try {
      bytes = encoding.decodeBytes([id]);
    } catch {
      continue; // an id that is neither a rank nor a special token (o200k_base has a few)
    }
    for (let i = 1; i < bytes.length; i++) {
      const x = bytes[i - 1]!;
      const y = bytes[i]!;
      joined[(x << 8) | y] = 1;
      if (x === y && x < 128) pairState[x] = bytes.length === 2 ? Math.max(pairState[x]!, 1) : 2;
    }
  }
  return { joined, pairsUp: pairState.map((state) => (state === 1 ? 1 : 0)) };
}

/** The first byte of code point `cp` in UTF-8. */
export function firstUtf8Byte(cp: number): number {
  if (cp < 0x80) return cp;
  if (cp < 0x800) return 0xc0 | (cp >> 6);
  if (cp < 0x10000) return 0xe0 | (cp >> 12);
  return 0xf0 | (cp >> 18);
}

/** The last byte of code point `cp` in UTF-8. */
export function lastUtf8Byte(cp: number): number {
  return cp < 0x80 ? cp : 0x80 | (cp & 0x3f);
}
