import { getEncoding, type EncodingName } from 'tokmeter';

/** What the page shows about one text: its characters and its tokens in each encoding needed. */
export interface Measurement {
  readonly characters: number;
  /** The selected encoding's token ids; their number is its count. */
  readonly ids: number[];
  /** Tokens in the selected encoding and in each encoding the cost table prices with, each counted once. */
  readonly tokens: ReadonlyMap<EncodingName, number>;
  /** How long counting took, in milliseconds. */
  readonly ms: number;
}

/**
 * Encodes `text` with `selected` (the spans need its ids) and counts it once more in each other
 * encoding of `others` — the flagship table needs o200k_base alone today, however many models it
 * lists. `count` builds no array, so the extra encodings cost the least they can.
 */
export function measure(text: string, selected: EncodingName, others: Iterable<EncodingName>): Measurement {
  const start = performance.now();
  const ids = getEncoding(selected).encode(text);
  const tokens = new Map<EncodingName, number>([[selected, ids.length]]);
  for (const name of others) {
    if (!tokens.has(name)) tokens.set(name, getEncoding(name).count(text));
  }
  return { characters: countCharacters(text), ids, tokens, ms: performance.now() - start };
}

/** Unicode code points in `text` (an emoji is one, as a reader counts it; `text.length` says two). */
export function countCharacters(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}
