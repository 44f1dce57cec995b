import { byteKernelFor } from './byte-kernel.js';
import { encodeInKernel, KERNEL_CALLBACKS } from './encode-kernel.js';
import { encodeUnits } from './encode-units.js';
import { encodeWide } from './encode-wide.js';
import { PieceMemo } from './piece-memo.js';
import type { Pretokenizer } from './pretokenizers.js';
import type { RankTable } from './rank-table.js';
import { WindowUnits } from './window-units.js';
import type { Workspace } from './workspace.js';

/**
 * Texts shorter than this are read through `charCodeAt` only: copying them first (a native call,
 * ~50 ns) would cost more than it saves.
 */
const WINDOWS_MIN_UNITS = 256;

/**
 * How many UTF-16 units the loop takes at a time in windows: the WebAssembly loop's window is
 * encoded to UTF-8 in one native call into its memory (three bytes a unit, 192 KB), wide mode's
 * copied into a buffer kept from call to call.
 */
export const WINDOW_UNITS = 1 << 16;

/**
 * Encodes or counts text[start..end) (ordinary text, no special tokens): its pieces, each answered
 * from the caches of pieces seen before or tokenized. `out` receives the ranks when given;
 * counting passes null and builds nothing. Returns `count` plus the tokens of this text, stopping
 * early once that passes `limit`.
 *
 * Text of mostly ASCII is read in windows of `windowUnits` as UTF-8 bytes (byte mode): reading a
 * typed array is about twice as fast as `charCodeAt`, and a short piece's key for ShortPieces is two
 * reads of four bytes. Byte mode is the WebAssembly byte loop (see byte-kernel.ts), which also takes
 * text with letters of two bytes (European scripts) when counting. Other long text — and every
 * long text where the runtime cannot compile WebAssembly, or for a pattern the loop lacks — is read
 * from a copy of each window's UTF-16 units, made by one native call (wide mode); short text
 * through `charCodeAt`.
 *
 * Everything the call writes — caches, scratch, where it is — is the rank table's workspace
 * (workspace.ts), handed down to each loop; nothing is kept at module level.
 */
export function encodeOrdinary(
  ranks: RankTable,
  split: Pretokenizer,
  text: string,
  start: number,
  end: number,
  out: number[] | null,
  count: number,
  limit: number,
  windowUnits = WINDOW_UNITS,
): number {
  const work = ranks.workspace;
  work.begin(split, text, end, out);
  try {
    if (end - start < WINDOWS_MIN_UNITS) return encodeUnits(work, start, end, count, limit);
    return encodeWindows(work, start, count, limit, windowUnits);
  } finally {
    work.finish();
  }
}

/** `encodeOrdinary` for text of WINDOWS_MIN_UNITS or more: window by window, each read by the loop that suits it. */
function encodeWindows(work: Workspace, start: number, count: number, limit: number, windowUnits: number): number {
  const { text, end, split, out } = work;
  const kernel = split!.kernelPattern !== undefined ? byteKernelFor(work.ranks, KERNEL_CALLBACKS) : null;
  let pos = start;
  while (pos < end) {
    const stop = Math.min(end, pos + Math.max(windowUnits, 1));
    let counted = -1;
    if (kernel !== null && (out === null ? mostlyAscii(text, pos, stop, COUNTING_MOST_WIDE, MOST_BEYOND_TWO_BYTES) : mostlyAscii(text, pos, stop, ENCODING_MOST_WIDE, ENCODING_MOST_WIDE))) {
      counted = encodeInKernel(work, kernel, pos, stop, count, limit);
    }
    if (counted < 0) {
      // A copy reaching PieceMemo.MAX_LENGTH units past the window's end, as far as a piece the memo takes can.
      const copy = (work.windowUnits ??= new WindowUnits(WINDOWS_MIN_UNITS, WINDOW_UNITS + PieceMemo.MAX_LENGTH));
      const units = copy.copy(text, pos, Math.min(end, stop + PieceMemo.MAX_LENGTH));
      counted = encodeWide(work, pos, stop, count, limit, units, copy.length);
    }
    count = counted;
    if (count > limit) return count;
    pos = work.stoppedAt;
  }
  return count;
}

/**
 * How many of 32 units sampled from a window may be outside ASCII for the WebAssembly loop to take
 * it when counting: it cuts words of two-byte letters too, so windows of European text in Latin,
 * Greek or Cyrillic script beside ASCII are its (A/B, one process: 6 of 32 and UTF-8 up to a
 * quarter longer than the units, multilingual 1.08×, emoji 1.10×; Hungarian, Italian, Czech,
 * Turkish documents 2–3×; 4 of 32 and an eighth: 1.02×).
 */
const COUNTING_MOST_WIDE = 6;
/**
 * When encoding, 2 of 32: each word of two-byte letters calls out then (PieceCounts holds counts,
 * not tokens), and multilingual ran 0.94× with the counting rule.
 */
const ENCODING_MOST_WIDE = 2;
/**
 * Of those, how many may be characters of three or four bytes in UTF-8 (CJK, emoji…), which the
 * WebAssembly loop hands back one piece at a time: a window of Chinese beside English is read
 * faster in wide mode.
 */
const MOST_BEYOND_TWO_BYTES = 2;

/**
 * Whether at most `mostWide` of 32 units sampled evenly from text[start..stop) are outside ASCII,
 * and at most `mostBeyondTwoBytes` of them at U+0800 or above.
 */
function mostlyAscii(text: string, start: number, stop: number, mostWide: number, mostBeyondTwoBytes: number): boolean {
  const step = (stop - start) / 32;
  let wide = 0;
  let beyondTwoBytes = 0;
  for (let i = 0; i < 32; i++) {
    const unit = text.charCodeAt(start + Math.floor(i * step));
    if (unit >= 0x80) wide++;
    if (unit >= 0x800) beyondTwoBytes++;
  }
  return wide <= mostWide && beyondTwoBytes <= mostBeyondTwoBytes;
}
