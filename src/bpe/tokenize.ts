import { byteKernelFor, type ByteKernel, type KernelCallbacks, type KernelPattern } from './byte-kernel.js';
import { bmpClasses } from './char-class.js';
import { mergePiece } from './merge-long.js';
import { PieceMemo } from './piece-memo.js';
import { KNOWN_SHORT, NEW_SHORT, NOT_FOUND, NOT_SHORT, ShortPieces } from './short-pieces.js';
import { HASH_PRIME, HASH_SEED, type RankTable } from './rank-table.js';
import { encodeUtf8, utf8Length } from './utf8.js';
import { WindowUnits } from './window-units.js';
import { SCRATCH_KEPT_UNITS, type Workspace } from './workspace.js';
import type { PretokenizerName } from '../encodings/specs.js';

/** A split pattern's scanner: the end of the piece that starts at `start`, never beyond `end`. */
export type SplitFunction = (classes: Uint8Array, text: string, start: number, end: number) => number;

/** A split pattern as the encode loop runs it. */
export interface Pretokenizer {
  /** The name an encoding's spec gives it (`pretokenizer`, src/encodings/specs.ts). */
  readonly name: PretokenizerName;
  readonly nextPiece: SplitFunction;
  /**
   * The shape of the commonest piece, an ASCII word, which the loops read inline without calling
   * the scanners: `'letters'` is ` ?[A-Za-z]+` ended by any other ASCII character (gpt2, cl100k);
   * `'cased'` is ` ?[A-Z]*[a-z]+` or ` ?[A-Z]+` ended by an ASCII character other than an apostrophe
   * (o200k, whose words take a contraction after them). The unit loop takes only ` ?[A-Z]?[a-z]+`
   * of the cased shape inline.
   */
  readonly asciiWords: 'letters' | 'cased';
  /**
   * A word, perhaps after a one-character lead, cut from a copy of the units (wide mode) where a
   * character outside ASCII may decide its end: its end, or -1 when the scanner must decide.
   */
  readonly wideWord?: WideWordFunction;
  /**
   * The pattern's id in the WebAssembly byte loop (kernel/byte-loop.ts), which reads windows of
   * mostly ASCII text where the runtime allows; without one (or without WebAssembly), every window
   * is read in wide mode.
   */
  readonly kernelPattern?: KernelPattern;
}

/** The end of the word at `units[s]` (see Pretokenizer's wideWord), never at or past `end`, or -1. */
export type WideWordFunction = (classes: Uint8Array, units: Uint16Array, s: number, end: number) => number;

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

/**
 * The encode loop over UTF-16 units: the pieces of the call's text (see Workspace#begin) that
 * start in text[start..stop), each cut without passing the call's `end` and answered from the
 * caches of pieces seen before (ShortPieces, then PieceMemo) or else tokenized and remembered;
 * sets the workspace's `stoppedAt` to where the last one ends. `encodeWide` is the same loop over a
 * copy of the units (and the WebAssembly byte loop over bytes); the answering half is written out
 * in each, as a function shared by them cost 10% on every corpus (A/B, one process).
 */
function encodeUnits(work: Workspace, start: number, stop: number, count: number, limit: number): number {
  const { text, end, out, memo, shortPieces } = work;
  const split = work.split!;
  const classes = bmpClasses();
  const nextPiece = split.nextPiece;
  // Letters after the first: any case (0x20 folds upper to lower), or lower case only.
  const fold = split.asciiWords === 'letters' ? 0x20 : 0;
  let pos = start;
  while (pos < stop) {
    // Short ASCII pieces, most of any English or code, are keyed by their characters, packed as
    // the piece is cut into two 32-bit words (see ShortPieces).
    let low = 0;
    let high = 0;
    let pieceEnd = -1;
    let i = pos;
    let unit = text.charCodeAt(i);
    if (unit === 32 && i + 1 < end) {
      low = 32;
      unit = text.charCodeAt(++i);
    }
    const capital = unit - 65 < 26 && unit >= 65;
    if ((capital || (unit - 97 < 26 && unit >= 97)) && (fold !== 0 || !capital || (i + 1 < end && ((text.charCodeAt(i + 1) - 97) >>> 0) < 26))) {
      low = (low << 8) | unit;
      let k = i + 1;
      let after = 0;
      for (; k < end; k++) {
        after = text.charCodeAt(k);
        if ((((after | fold) - 97) >>> 0) >= 26) break;
        high = (high << 8) | (low >>> 24);
        low = (low << 8) | after;
      }
      if (k === end || (after < 0x80 && (fold !== 0 || after !== 39))) pieceEnd = k;
    }
    if (pieceEnd < 0) {
      pieceEnd = nextPiece(classes, text, pos, end);
      low = 0;
      high = 0;
      if (pieceEnd - pos <= ShortPieces.MAX_LENGTH) {
        for (let k = pos; k < pieceEnd; k++) {
          const unit = text.charCodeAt(k);
          if (unit >= 0x80) {
            low = -1;
            break;
          }
          high = (high << 8) | (low >>> 24);
          low = (low << 8) | unit;
        }
      }
    }
    const length = pieceEnd - pos;
    const short = length <= ShortPieces.MAX_LENGTH && low !== -1;
    let known = false;
    if (short) {
      const rank = shortPieces.get(low, high, length);
      known = rank !== NOT_FOUND;
      if (rank >= 0) {
        if (out !== null) out.push(rank);
        if (++count > limit) return count;
        pos = pieceEnd;
        continue;
      }
    }
    // Then every piece of up to 256 units, by its UTF-16 units (see PieceMemo).
    let hash = 0;
    const at = length <= PieceMemo.MAX_LENGTH ? memo.find(text, pos, length, (hash = hashUnits(text, pos, pieceEnd))) : -1;
    if (at >= 0) {
      count += memo.answer(at);
      if (out !== null) memo.pushTokens(at, out);
    } else {
      count += learnPiece(work, pos, pieceEnd, hash, short ? (known ? KNOWN_SHORT : NEW_SHORT) : NOT_SHORT, low, high);
    }
    if (count > limit) return count;
    pos = pieceEnd;
  }
  work.stoppedAt = pos;
  return count;
}

/**
 * The encode loop in wide mode: as `encodeUnits`, over text[start..stop) (long text that byte mode
 * declines), but reading a copy of the units, `units[i]` for text[start + i], valid below
 * `unitsEnd` (at least 256 units past `stop`, or to `end`): a Uint16Array reads about 1.5× as fast
 * as `charCodeAt`, and the memo's hash and compare are half of Chinese's time. Its own loop rather
 * than a mode of `encodeUnits`: sharing that loop cost short texts 6–9% (the 75-byte message after
 * the corpora, A/B in one process: 0.42 µs → 0.45–0.46; 0.48–0.52 in three benchmark runs), as V8
 * compiled it for the long texts' paths. So the answering half is written out twice (see
 * `encodeUnits`).
 */
function encodeWide(work: Workspace, start: number, stop: number, count: number, limit: number, units: Uint16Array, unitsEnd: number): number {
  const { text, end, out, memo, shortPieces } = work;
  const split = work.split!;
  const classes = bmpClasses();
  const fold = split.asciiWords === 'letters' ? 0x20 : 0;
  // Where the text ends among the units: a word that reaches the end of the copy short of it goes
  // to the scanner, as the text may go on.
  const textEnd = end - start;
  let p = 0;
  const last = stop - start;
  while (p < last) {
    let low = 0;
    let high = 0;
    let pieceEnd = -1;
    let i = p;
    let unit = units[i]!;
    if (unit === 32 && i + 1 < unitsEnd) {
      low = 32;
      unit = units[++i]!;
    }
    const capital = unit - 65 < 26 && unit >= 65;
    if ((capital || (unit - 97 < 26 && unit >= 97)) && (fold !== 0 || !capital || (i + 1 < unitsEnd && ((units[i + 1]! - 97) >>> 0) < 26))) {
      low = (low << 8) | unit;
      let k = i + 1;
      let after = 0;
      for (; k < unitsEnd; k++) {
        after = units[k]!;
        if ((((after | fold) - 97) >>> 0) >= 26) break;
        high = (high << 8) | (low >>> 24);
        low = (low << 8) | after;
      }
      if (k === unitsEnd ? k === textEnd : after < 0x80 && (fold !== 0 || after !== 39)) pieceEnd = k;
    }
    if (pieceEnd < 0) {
      pieceEnd = nextPieceWide(split, classes, units, unitsEnd, text, start, start + p, end) - start;
      low = 0;
      high = 0;
      if (pieceEnd - p <= ShortPieces.MAX_LENGTH) {
        for (let k = p; k < pieceEnd; k++) {
          const unit = units[k]!;
          if (unit >= 0x80) {
            low = -1;
            break;
          }
          high = (high << 8) | (low >>> 24);
          low = (low << 8) | unit;
        }
      }
    }
    const length = pieceEnd - p;
    const short = length <= ShortPieces.MAX_LENGTH && low !== -1;
    let known = false;
    if (short) {
      const rank = shortPieces.get(low, high, length);
      known = rank !== NOT_FOUND;
      if (rank >= 0) {
        if (out !== null) out.push(rank);
        if (++count > limit) return count;
        p = pieceEnd;
        continue;
      }
    }
    let hash = 0;
    const at = length <= PieceMemo.MAX_LENGTH ? memo.findWide(units, p, length, (hash = hashWide(units, p, pieceEnd))) : -1;
    if (at >= 0) {
      count += memo.answer(at);
      if (out !== null) memo.pushTokens(at, out);
    } else {
      count += learnPiece(work, start + p, start + pieceEnd, hash, short ? (known ? KNOWN_SHORT : NEW_SHORT) : NOT_SHORT, low, high);
    }
    if (count > limit) return count;
    p = pieceEnd;
  }
  work.stoppedAt = start + p;
  return count;
}

/** The largest count limit the byte loop takes (an Int32); no window has that many tokens. */
const KERNEL_NO_LIMIT = 0x7fffffff;

/**
 * Byte mode, the WebAssembly byte loop (see byte-kernel.ts): as `encodeUnits`, over
 * text[start..stop) encoded as UTF-8. The loop answers short ASCII pieces from ShortPieces and, counting, pieces it
 * has counted before from PieceCounts, and calls back for the others (`KERNEL_CALLBACKS`, which
 * find the window in the workspace). Returns -1, having done nothing, when the window's UTF-8 is
 * more than a quarter longer than its units.
 */
function encodeInKernel(work: Workspace, kernel: ByteKernel, start: number, stop: number, count: number, limit: number): number {
  const bytesEnd = kernel.encode(work.text, start, stop);
  if (bytesEnd < 0) return -1;
  work.kernelStart = start;
  work.kernelStop = stop;
  const out = work.out;
  const room = limit - count;
  const tokens = kernel.countWindow(work.split!.kernelPattern!, bytesEnd, stop === work.end, stop - start, room < KERNEL_NO_LIMIT ? room : KERNEL_NO_LIMIT, out !== null);
  if (out !== null) passRanksOn(work, kernel.pendingRanks);
  // PieceCounts answers repeats in front of the memo; the memo must know, or it takes its
  // pieces for ones that do not repeat and stops growing (see PieceMemo.add).
  else work.memo.countAnswers(kernel.countedPieces);
  work.stoppedAt = start + kernel.stoppedUnits;
  return count + tokens;
}

/** Appends the first `pending` ranks the loop left at OUT to the call's output. */
function passRanksOn(work: Workspace, pending: number): void {
  const ranks = work.kernel!.ranks;
  const out = work.out!;
  for (let i = 0; i < pending; i++) out.push(ranks[i]!);
}

/**
 * What the byte loop calls back, each with the workspace whose loop it is (byte-kernel.ts binds
 * it): the window and the call it belongs to are there (exported for tests, which count the calls).
 */
export const KERNEL_CALLBACKS: KernelCallbacks<Workspace> = {
  /** An ASCII piece of the window that ShortPieces did not answer: the memo, or else tokenized. */
  asciiPiece(work: Workspace, byteStart: number, length: number, unitStart: number, low: number, high: number, short: number, pending: number): number {
    if (pending !== 0) passRanksOn(work, pending);
    const kernel = work.kernel!;
    const bytes = kernel.memory;
    const first = kernel.windowStart + byteStart;
    const memo = work.memo;
    let hash = 0;
    let at = -1;
    if (length <= PieceMemo.MAX_LENGTH) at = memo.findAscii(bytes, first, length, (hash = hashAscii(bytes, first, first + length)));
    if (at >= 0) {
      if (work.out !== null) memo.pushTokens(at, work.out);
      return memo.answer(at);
    }
    const pos = work.kernelStart + unitStart;
    return learnPiece(work, pos, pos + length, hash, short, low, high);
  },
  /** A word with letters outside ASCII, cut by the loop: the memo by its units, or else tokenized. */
  widePiece(work: Workspace, _byteStart: number, _byteLength: number, unitStart: number, unitLength: number, pending: number): number {
    if (pending !== 0) passRanksOn(work, pending);
    const text = work.text;
    const memo = work.memo;
    const pos = work.kernelStart + unitStart;
    const end = pos + unitLength;
    let hash = 0;
    let at = -1;
    if (unitLength <= PieceMemo.MAX_LENGTH) at = memo.find(text, pos, unitLength, (hash = hashUnits(text, pos, end)));
    if (at >= 0) {
      if (work.out !== null) memo.pushTokens(at, work.out);
      return memo.answer(at);
    }
    return learnPiece(work, pos, end, hash, NOT_SHORT, 0, 0);
  },
  /** A piece the bytes cannot cut: cut and answered by the unit loop, which says where it ends. */
  otherPiece(work: Workspace, byteStart: number, unitStart: number, pending: number): number {
    if (pending !== 0) passRanksOn(work, pending);
    const pos = work.kernelStart + unitStart;
    const tokens = encodeUnits(work, pos, pos + 1, 0, Infinity);
    const pieceEnd = work.stoppedAt;
    work.kernel!.setPieceEnd(pieceEnd - work.kernelStart, byteStart + (pieceEnd < work.kernelStop ? utf8Length(work.text, pos, pieceEnd) : 0));
    return tokens;
  },
  /** When encoding: the loop's ranks fill OUT. */
  flush(work: Workspace, pending: number): void {
    passRanksOn(work, pending);
  },
};

/** The memo's hash of text[start..end): FNV-1a style over pairs of UTF-16 units. */
function hashUnits(text: string, start: number, end: number): number {
  // Two units per multiply: half the dependency chain of hashing one unit at a time.
  let hash = HASH_SEED ^ (end - start);
  let i = start;
  for (; i + 1 < end; i += 2) hash = Math.imul(hash ^ (text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)), HASH_PRIME);
  if (i < end) hash = Math.imul(hash ^ text.charCodeAt(i), HASH_PRIME);
  return (hash ^ (hash >>> 15)) & 0x3fffffff; // below 2^30: a small integer for V8, never boxed
}

/**
 * The end of the piece at text[pos] in wide mode, where `units[0..unitsEnd)` is a copy of the text
 * from `start`: a word is cut from the copy when the pattern can (Pretokenizer's wideWord), any
 * other piece by the scanner.
 */
function nextPieceWide(split: Pretokenizer, classes: Uint8Array, units: Uint16Array, unitsEnd: number, text: string, start: number, pos: number, end: number): number {
  const p = pos - start;
  const unit = units[p]!;
  // A word outside ASCII, one with a space or punctuation lead (" слово"), or an ASCII start
  // that the loop's inline word gave up on ("liberté"); punctuation, spaces and digits go straight to
  // the scanner.
  if (split.wideWord !== undefined && (unit >= 0x80 || (p + 1 < unitsEnd && units[p + 1]! >= 0x80) || (((unit | 0x20) - 97) >>> 0) < 26)) {
    const wordEnd = split.wideWord(classes, units, p, unitsEnd);
    if (wordEnd >= 0) return start + wordEnd;
  }
  return split.nextPiece(classes, text, pos, end);
}

/**
 * `hashUnits` of a piece read from a copy of the units, units[start..end): the same number. (One
 * function for this and `hashAscii`, over either array, made the lookups polymorphic: chinese 0.89–0.94×.)
 */
function hashWide(units: Uint16Array, start: number, end: number): number {
  let hash = HASH_SEED ^ (end - start);
  let i = start;
  for (; i + 1 < end; i += 2) hash = Math.imul(hash ^ (units[i]! | (units[i + 1]! << 16)), HASH_PRIME);
  if (i < end) hash = Math.imul(hash ^ units[i]!, HASH_PRIME);
  return (hash ^ (hash >>> 15)) & 0x3fffffff;
}

/** `hashUnits` of an ASCII piece read as bytes, bytes[start..end): the same number. */
function hashAscii(bytes: Uint8Array, start: number, end: number): number {
  let hash = HASH_SEED ^ (end - start);
  let i = start;
  for (; i + 1 < end; i += 2) hash = Math.imul(hash ^ (bytes[i]! | (bytes[i + 1]! << 16)), HASH_PRIME);
  if (i < end) hash = Math.imul(hash ^ bytes[i]!, HASH_PRIME);
  return (hash ^ (hash >>> 15)) & 0x3fffffff;
}

/**
 * The cold path, kept out of the encode loop: tokenizes text[start..end) of the call's text, a
 * piece neither cache answered, appends its tokens to the call's output (when encoding), remembers
 * it (a short ASCII token in ShortPieces only, leaving the memo to the rest) and returns how many
 * tokens it has. `short` says whether the piece is short ASCII (packed as `low`, `high`) and, if so,
 * whether ShortPieces already has an entry for it.
 */
function learnPiece(work: Workspace, start: number, end: number, hash: number, short: number, low: number, high: number): number {
  const n = tokenizePiece(work, start, end);
  const tokens = work.pieceTokens;
  const out = work.out;
  if (out !== null) for (let i = 0; i < n; i++) out.push(tokens[i]!);
  const length = end - start;
  if (short !== NOT_SHORT && n === 1) {
    work.shortPieces.add(low, high, length, tokens[0]!);
  } else {
    if (length <= PieceMemo.MAX_LENGTH) work.memo.add(work.text, start, length, hash, tokens, n);
    if (short === NEW_SHORT) work.shortPieces.add(low, high, length, -1);
  }
  // The scratch a piece this long grew is given back rather than held by the process for good.
  if (length > SCRATCH_KEPT_UNITS) work.releaseLongPieceScratch();
  return n;
}

/**
 * The tokens of text[start..end) of the call's text into the workspace's `pieceTokens`; returns how
 * many. A piece that is a token is one lookup; any other is merged.
 */
function tokenizePiece(work: Workspace, start: number, end: number): number {
  const maxBytes = (end - start) * 3;
  if (maxBytes > work.pieceBytes.length) work.pieceBytes = new Uint8Array(Math.max(maxBytes, work.pieceBytes.length * 2));
  const bytes = work.pieceBytes;
  const length = encodeUtf8(work.text, start, end, bytes);
  const rank = work.ranks.rankOf(bytes, 0, length);
  if (rank >= 0) {
    work.pieceTokens[0] = rank;
    return 1;
  }
  if (length > work.pieceTokens.length) work.pieceTokens = new Int32Array(Math.max(length, work.pieceTokens.length * 2));
  return mergePiece(work.pairs, bytes, length, work.pieceTokens);
}
