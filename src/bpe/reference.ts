import { internalError } from '../errors.js';
import type { RankTable } from './rank-table.js';

/**
 * The plain encoder: tiktoken's `encode_ordinary` written for reading, not for speed. The tests hold
 * the fast path to it (beside tiktoken itself), so it shares nothing with that path but the
 * vocabulary's bytes: no hash index, no caches, no scanners, no chunked merge.
 *
 * 1. Split the text with the encoding's pattern (patternRegex turns the spec's pattern into one).
 * 2. A piece that is a token whole is that token.
 * 3. Otherwise start from its UTF-8 bytes and merge, again and again, the adjacent pair whose
 *    joined bytes are the lowest-ranked token (the leftmost such pair), until no pair is a token.
 *
 * Quadratic in a piece's length; meant for test inputs, not megabytes.
 */
export function referenceEncode(text: string, split: RegExp, vocabulary: ReferenceVocabulary): number[] {
  const tokens: number[] = [];
  for (const match of text.matchAll(split)) {
    const bytes = new TextEncoder().encode(match[0]);
    let parts = Array.from(bytes, (byte) => String.fromCharCode(byte));
    const whole = vocabulary.get(parts.join(''));
    if (whole !== undefined) {
      tokens.push(whole);
      continue;
    }
    for (;;) {
      let best = -1;
      let bestRank = Infinity;
      for (let i = 0; i + 1 < parts.length; i++) {
        const rank = vocabulary.get(parts[i]! + parts[i + 1]!);
        if (rank !== undefined && rank < bestRank) [best, bestRank] = [i, rank];
      }
      if (best < 0) break;
      parts = [...parts.slice(0, best), parts[best]! + parts[best + 1]!, ...parts.slice(best + 2)];
    }
    for (const part of parts) tokens.push(rankOf(vocabulary, part));
  }
  return tokens;
}

/** Every token's bytes (as a string of char codes 0–255) to its rank. */
export type ReferenceVocabulary = ReadonlyMap<string, number>;

/** The reference's vocabulary, read from a rank table's arena (its bytes by rank, not its index). */
export function referenceVocabulary(ranks: RankTable): ReferenceVocabulary {
  const vocabulary = new Map<string, number>();
  for (let rank = 0; rank < ranks.rankCount; rank++) {
    const bytes = ranks.tokenBytes(rank);
    if (bytes.length > 0) vocabulary.set(String.fromCharCode(...bytes), rank);
  }
  return vocabulary;
}

function rankOf(vocabulary: ReferenceVocabulary, part: string): number {
  const rank = vocabulary.get(part);
  // Every single byte is a token in every shipped vocabulary (the loader checks it), so a part is always found.
  if (rank === undefined) throw internalError(`referenceEncode: the byte ${JSON.stringify(part)} is not a token of this vocabulary`);
  return rank;
}
