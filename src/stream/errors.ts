import { TokmeterError } from '../errors.js';

/**
 * The most text, in UTF-16 code units (characters, for text in the Basic Multilingual Plane), that
 * the streaming counters hold without a safe cut in it: 4 MiB of ASCII, at most 12 MiB of UTF-8.
 * The tokenizer merges one piece that long with scratch arrays of its length (the UTF-8 bytes, the
 * tokens and their starts: about 13 bytes per byte at the peak, given back when the piece is done;
 * src/bpe/learn-piece.ts and merge-long.ts): a counter that has to count one peaked at 98 MB of RSS
 * (4 Mi spaces, r50k_base) and 89 MB (4 Mi em dashes, 12 MiB, o200k_base; process.resourceUsage()
 * .maxRSS after end()), well under 256 MB. A longer stretch is a `PieceTooLongError`.
 */
export const UNCUT_LIMIT = 4 * 1024 * 1024;

/**
 * Where a stretch with no safe cut was found: in a text stream, the character it starts at; in a
 * file, a byte offset inside it (the file is read in parts, the stretch is found as it is read).
 */
export type UncutPlace = { readonly kind: 'text'; readonly character: number } | { readonly kind: 'file'; readonly path: string; readonly byte: number };

/**
 * A stream has more than `limit` characters in a row with no place where it can be cut without
 * changing its tokens — in practice one pre-tokenizer piece that long: a run of whitespace, of
 * punctuation or symbols with nothing between them, of letters, or (under r50k_base and
 * p50k_base, which do not split numbers) of digits. `createTokenCounter`, `countFile` and
 * `countFiles` stop there rather than hold it all.
 */
export class PieceTooLongError extends TokmeterError {
  override name = 'PieceTooLongError';
  readonly limit: number;
  readonly place: UncutPlace;

  constructor(limit: number, place: UncutPlace) {
    const where = place.kind === 'text' ? `the text from character ${place.character} on` : `${place.path}, around byte ${place.byte},`;
    super(
      'PIECE_TOO_LONG',
      `${where} has more than ${limit.toLocaleString('en-US')} characters in a row (the streaming limit, UNCUT_LIMIT) with no place where ` +
        'it can be cut without changing its tokens: a single pre-tokenizer piece that long, such as one run of whitespace, of ' +
        'punctuation or symbols, of letters, or of digits under r50k_base/p50k_base. To count it anyway, read the text into ' +
        'memory and call getEncoding(name).count(text), which needs about 13 bytes of memory per byte of that run; if it is ' +
        'data rather than text, break the run up (with line breaks, say) before counting.',
    );
    this.limit = limit;
    this.place = place;
  }
}
