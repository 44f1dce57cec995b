import { mergePiece } from './merge-long.js';
import { PieceMemo } from './piece-memo.js';
import { NOT_SHORT, NEW_SHORT } from './short-pieces.js';
import { encodeUtf8 } from './utf8.js';
import { SCRATCH_KEPT_UNITS, type Workspace } from './workspace.js';

/**
 * The cold path, kept out of the encode loop: tokenizes text[start..end) of the call's text, a
 * piece neither cache answered, appends its tokens to the call's output (when encoding), remembers
 * it (a short ASCII token in ShortPieces only, leaving the memo to the rest) and returns how many
 * tokens it has. `short` says whether the piece is short ASCII (packed as `low`, `high`) and, if so,
 * whether ShortPieces already has an entry for it.
 */
export function learnPiece(work: Workspace, start: number, end: number, hash: number, short: number, low: number, high: number): number {
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
