import type { ByteKernel, KernelCallbacks } from './byte-kernel.js';
import { encodeUnits } from './encode-units.js';
import { learnPiece } from './learn-piece.js';
import { hashAscii, hashUnits } from './memo-hash.js';
import { PieceMemo } from './piece-memo.js';
import { NOT_SHORT } from './short-pieces.js';
import { utf8Length } from './utf8.js';
import type { Workspace } from './workspace.js';

/** The largest count limit the byte loop takes (an Int32); no window has that many tokens. */
const KERNEL_NO_LIMIT = 0x7fffffff;

/**
 * Byte mode, the WebAssembly byte loop (see byte-kernel.ts): as `encodeUnits`, over
 * text[start..stop) encoded as UTF-8. The loop answers short ASCII pieces from ShortPieces and, counting, pieces it
 * has counted before from PieceCounts, and calls back for the others (`KERNEL_CALLBACKS`, which
 * find the window in the workspace). Returns -1, having done nothing, when the window's UTF-8 is
 * more than a quarter longer than its units.
 */
export function encodeInKernel(work: Workspace, kernel: ByteKernel, start: number, stop: number, count: number, limit: number): number {
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
