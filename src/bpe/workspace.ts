import { internalError } from '../errors.js';
import type { ByteKernel } from './byte-kernel.js';
import { PairRanks } from './pair-ranks.js';
import { PieceMemo } from './piece-memo.js';
import type { RankTable } from './rank-table.js';
import { ShortPieces } from './short-pieces.js';
import type { Pretokenizer } from './pretokenizers.js';
import type { WindowUnits } from './window-units.js';

/**
 * Everything that encoding and counting with one rank table write — its caches, its scratch and the
 * state of the call in progress — in one object, handed down the encode path (encode.ts and its loops,
 * merge.ts, merge-long.ts, the WebAssembly loop's callbacks) instead of living at module level.
 * The rank table (`RankTable`) is the data and never changes; this is the one mutable thing beside
 * it, made on first use (`RankTable#workspace`).
 *
 * **One per rank table, not per `Encoding`.** What a cache holds is decided by the rank table
 * alone: a piece's tokens are the merge of its bytes, whatever pattern cut it and whatever special
 * tokens the encoding adds. So the Encodings over one rank file — o200k_base and o200k_harmony,
 * p50k_base and p50k_edit, and every `extraSpecialTokens` variant, a new `Encoding` per
 * `getEncoding` call — share one workspace: a workspace each would hold the same answers once per
 * object, and each new variant would start cold, with a WebAssembly instance (1.25 MB) of its own.
 *
 * **One call at a time.** JavaScript runs one call at a time, and nothing on the encode path calls
 * code outside src/bpe (no user callback, no generator that yields between pieces), so two
 * Encodings used in turn never see each other's scratch or half-done state. The only nesting is
 * inside a call: the WebAssembly loop calls back into JavaScript (`KERNEL_CALLBACKS` in
 * encode-kernel.ts), which reads the state of the call that started it. `begin` refuses a second call
 * while one is running, so that a future callback into user code fails loudly instead of
 * corrupting the first call's window.
 *
 * **The caches** — `shortPieces`, the WebAssembly loop's PieceCounts (in its instance's memory),
 * `memo`, and `pairs`' pair cache — are each bounded, with one rule: a table of open addressing
 * that doubles (keeping its entries) when half full until it reaches its largest size, and there is
 * emptied when half full — everything dropped at once, no per-entry eviction, as refilling is cheap
 * and an emptying is rare (a table whose arena at its largest is full is emptied too). Their sizes,
 * what is not a cache (the byte-pair table, the memo's admission rule) and the figures behind them
 * are in PERFORMANCE.md, section 4. Fully grown, a workspace holds about 6 MB.
 *
 * **The scratch** grows to the largest piece or window met; what a piece longer than
 * `SCRATCH_KEPT_UNITS` units grew is given back once it is done (`releaseLongPieceScratch`), so a
 * megabyte-long piece does not leave some 25 bytes a byte of it behind.
 */
export class Workspace {
  readonly ranks: RankTable;

  /** Short ASCII pieces that are one token, keyed by their packed characters (see ShortPieces). */
  readonly shortPieces = new ShortPieces();
  /** Pieces already tokenized, with their tokens (see PieceMemo). */
  readonly memo = new PieceMemo();
  /** Pair lookups by rank for the merge loops, with their cache and scratch; made on first merge. */
  get pairs(): PairRanks {
    return (this.#pairs ??= new PairRanks(this.ranks, this.merge));
  }
  #pairs: PairRanks | undefined;
  /** The WebAssembly byte loop's instance (byte-kernel.ts): undefined until first asked for, null where it cannot run. */
  kernel: ByteKernel | null | undefined = undefined;

  /** The current piece's UTF-8 bytes (three bytes a unit) and its tokens (tokenizePiece). */
  pieceBytes = new Uint8Array(PIECE_SCRATCH);
  pieceTokens = new Int32Array(PIECE_SCRATCH);
  /** A window as UTF-16 units for the wide loop; made on first use. */
  windowUnits: WindowUnits | null = null;
  /** The merge loops' arrays (merge.ts, merge-long.ts). */
  readonly merge = new MergeScratch();

  /**
   * The call in progress (encodeOrdinary in encode.ts): its pattern, its text (ordinary up to
   * `end`) and where its tokens go (null when counting). Cleared by `end`, so as not to keep a
   * large text or array alive.
   */
  split: Pretokenizer | null = null;
  text = '';
  end = 0;
  out: number[] | null = null;
  /** Where the last encode loop stopped: the end of the piece that crossed its `stop`. */
  stoppedAt = 0;
  /** The units the WebAssembly loop's window covers, text[kernelStart..kernelStop), for its callbacks. */
  kernelStart = 0;
  kernelStop = 0;
  #running = false;

  constructor(ranks: RankTable) {
    this.ranks = ranks;
  }

  /** Starts a call: refuses one while another is running (see the class comment). */
  begin(split: Pretokenizer, text: string, end: number, out: number[] | null): void {
    if (this.#running) throw internalError('an encode was started while another on the same rank table was running');
    this.#running = true;
    this.split = split;
    this.text = text;
    this.end = end;
    this.out = out;
  }

  /** Ends the call `begin` started. */
  finish(): void {
    this.#running = false;
    this.text = '';
    this.out = null;
  }

  /** Gives back the scratch a piece of more than SCRATCH_KEPT_UNITS units grew. */
  releaseLongPieceScratch(): void {
    if (this.pieceBytes.length > 3 * SCRATCH_KEPT_UNITS) this.pieceBytes = new Uint8Array(PIECE_SCRATCH);
    if (this.pieceTokens.length > 3 * SCRATCH_KEPT_UNITS) this.pieceTokens = new Int32Array(PIECE_SCRATCH);
    this.merge.releaseLong();
  }
}

/**
 * The piece scratch is kept between calls up to this many units of piece; a longer piece (a
 * megabyte of spaces) grows it to some 7 bytes a unit, and the merge's to 4 more.
 */
export const SCRATCH_KEPT_UNITS = 1 << 16;

const PIECE_SCRATCH = 4096;
const SCAN_KEPT = 4096;

/**
 * The merge loops' arrays, grown on demand: the scan merge's parts (merge.ts), the heap merge's
 * linked parts and heap, and the chunked merge's (merge-long.ts) — where each placed token starts
 * (one Int32 a byte of the piece), a chunk's tokens and starts, a re-merged window's, and the two
 * tokens of a seam being checked.
 */
export class MergeScratch {
  scanStarts = new Int32Array(0);
  scanTokens = new Int32Array(0);
  scanPairs = new Int32Array(0);
  heapNext = new Int32Array(0);
  heapPrev = new Int32Array(0);
  heapTokens = new Int32Array(0);
  heapPairs = new Int32Array(0);
  heap = new Int32Array(0);
  longStarts = new Int32Array(0);
  chunkTokens = new Int32Array(0);
  chunkStarts = new Int32Array(0);
  windowTokens = new Int32Array(0);
  windowStarts = new Int32Array(0);
  seamBytes = new Uint8Array(256);
  seamTokens = new Int32Array(256);

  /**
   * Gives back what grows with a long piece: the chunked merge's starts (one Int32 a byte) and its
   * windows, and the scan merge's arrays if a window grew them. The heap's arrays stop at
   * HEAP_MERGE_LIMIT bytes and the chunk's at a chunk.
   */
  releaseLong(): void {
    // The scan merge grows past a short piece only for a re-merged window longer than the heap takes.
    if (this.scanStarts.length > SCAN_KEPT) {
      this.scanStarts = new Int32Array(0);
      this.scanTokens = new Int32Array(0);
      this.scanPairs = new Int32Array(0);
    }
    this.longStarts = new Int32Array(0);
    this.windowTokens = new Int32Array(0);
    this.windowStarts = new Int32Array(0);
  }
}
