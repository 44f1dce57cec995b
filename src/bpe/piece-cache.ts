/**
 * Pieces that needed merging, by their text, with the tokens they merged to. Whole-piece lookup
 * already answers single-token pieces with one probe, so only merged pieces are kept: the long runs
 * of CJK, Thai or Cyrillic text, compound words, identifiers. Text repeats them (and apps count the
 * same prompts again and again), and a hit skips the merge. Bounded by entries and by piece length;
 * emptied when full, which is simpler than evicting one by one and costs only refills.
 */
export class PieceCache {
  static readonly MAX_ENTRIES = 16384;
  /** Longer pieces are merged every time: they rarely repeat and would pin large strings. */
  static readonly MAX_PIECE_LENGTH = 128;

  readonly #tokens = new Map<string, Int32Array>();

  get(piece: string): Int32Array | undefined {
    return this.#tokens.get(piece);
  }

  set(piece: string, tokens: Int32Array): void {
    if (this.#tokens.size >= PieceCache.MAX_ENTRIES) this.#tokens.clear();
    this.#tokens.set(piece, tokens);
  }
}
