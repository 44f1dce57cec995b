import { astralClass, bmpClasses } from '../bpe/char-class.js';
import { nodeFs } from '../platform/node-builtin.js';
import type { CutRules } from '../stream/cut-rules.js';
import { CutScanner, NEVER, SKIP_STEP, UNKNOWN, type ScanStart } from '../stream/cut-scanner.js';
import { PieceTooLongError, UNCUT_LIMIT } from '../stream/errors.js';

/** The first read each way; each next one is twice as long, up to MAX_WINDOW. Most searches end in a few bytes. */
const FIRST_WINDOW = 1 << 10;
const MAX_WINDOW = 1 << 16;

/** How far before the start of a run the scan begins, to see what the run follows. */
const LEAD_IN = 8;

/** What a search read, for the tests' bounds on work. */
export interface CutSearchStats {
  bytesRead: number;
}

/**
 * The byte offset of the first safe cut (see `CutScanner`) at or after `offset` in a UTF-8 file,
 * or the file's size when there is none. `floor`, before `offset`, is a safe cut already made (or
 * 0): the text after it can be read as a text of its own. The file is decoded here, byte by byte,
 * so that a cut's offset is exact even after bytes that are not UTF-8 (no cut is made beside those).
 * The same offset and floor always give the same cut, so ranges that meet there count every piece
 * once.
 *
 * The scan starts a few characters before `offset`, cold: it makes only the cuts that do not depend
 * on what it has not read. When `offset` falls inside a run of equal bytes or of ASCII digits —
 * where the cuts depend on the run's start (a pair run, digits in threes) — the scan starts at the
 * run's start instead, found by reading backwards (never past `floor`), and skips through the run
 * six characters at a time up to `offset`. A run that reaches back to `floor` is read from there
 * as the start of a text. Runs in which no cut can come are skipped the same way. So a search
 * reads about as much as lies between the cut and the run's start or `offset`, and the searches
 * for one file, whose floors only move forward, read it at most about twice.
 *
 * After it has settled (the run it started in has ended) the scan sees what a counter reading the
 * file from its start would see, so a stretch of more than UNCUT_LIMIT characters with no cut is one
 * that `countFile` would refuse too, and it is refused here (`PieceTooLongError`) rather than after
 * a worker has read it.
 */
export function findSafeCutOffset(path: string, offset: number, size: number, rules: CutRules, stats?: CutSearchStats, floor = 0): number {
  if (offset <= floor) return floor;
  if (offset >= size) return size;
  const fd = nodeFs().openSync(path, 'r');
  try {
    const runStart = findRunStart(fd, offset, floor, stats);
    const run = { start: runStart, through: offset };
    if (runStart <= floor) return scanForCut(fd, path, floor, 'start', offset, size, rules, run, stats);
    return scanForCut(fd, path, Math.max(floor, runStart - LEAD_IN), 'cold', offset, size, rules, run, stats);
  } finally {
    nodeFs().closeSync(fd);
  }
}

/**
 * The byte ranges [start, end) of a file of `size` bytes cut into about `pieces` parts at safe
 * cuts. Each search starts at the last cut found (its floor) if that is past its own offset.
 */
export function planRanges(path: string, size: number, pieces: number, rules: CutRules, stats?: CutSearchStats): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  for (let k = 1; k <= pieces && start < size; k++) {
    const target = Math.floor((size * k) / pieces);
    if (k < pieces && target <= start) continue;
    const end = k === pieces ? size : findSafeCutOffset(path, target, size, rules, stats, start);
    if (end > start) ranges.push([start, end]);
    start = end;
  }
  if (ranges.length === 0) ranges.push([0, size]);
  return ranges;
}

/**
 * Where the run around `offset` starts: the first of the equal bytes, or of the ASCII digits,
 * that reach `offset` (the bytes at `offset - 1` and `offset` both in it); `offset` itself when
 * there is no such run; never before `floor`.
 */
function findRunStart(fd: number, offset: number, floor: number, stats: CutSearchStats | undefined): number {
  const pair = Buffer.alloc(2);
  if (nodeFs().readSync(fd, pair, 0, 2, offset - 1) < 2) return offset;
  const x = pair[0]!;
  const digits = isAsciiDigit(x) && isAsciiDigit(pair[1]!);
  if (!digits && (x !== pair[1]! || x >= 0x80)) return offset;
  let buffer = Buffer.allocUnsafe(FIRST_WINDOW);
  const same = digits ? undefined : Buffer.alloc(MAX_WINDOW, x); // a window of the run, to compare whole reads with
  let end = offset; // bytes [end, offset] are in the run
  while (end > floor) {
    if (buffer.length < MAX_WINDOW && offset - end >= buffer.length) buffer = Buffer.allocUnsafe(buffer.length * 2);
    const length = Math.min(buffer.length, end - floor);
    const n = nodeFs().readSync(fd, buffer, 0, length, end - length);
    if (stats !== undefined) stats.bytesRead += n;
    let k = n - 1;
    if (same !== undefined && buffer.compare(same, 0, n, 0, n) === 0) k = -1;
    else if (digits) while (k >= 0 && isAsciiDigit(buffer[k]!)) k--;
    else while (k >= 0 && buffer[k] === x) k--;
    if (k >= 0) return end - length + k + 1;
    end -= length;
  }
  return floor;
}

/**
 * Reads the file forwards from `from` (decoding it here) and returns the first cut at or after
 * `target`, or the file's size. Cuts before `target` are not wanted, so runs before it are skipped
 * whatever they hold — the bytes of `run`, known to be one run, without reading them again.
 */
function scanForCut(
  fd: number,
  path: string,
  from: number,
  start: ScanStart,
  target: number,
  size: number,
  rules: CutRules,
  run: { readonly start: number; readonly through: number },
  stats: CutSearchStats | undefined,
): number {
  const classes = bmpClasses();
  const scanner = new CutScanner(rules, start, from);
  let buffer: Buffer = Buffer.allocUnsafe(FIRST_WINDOW + 3);
  let kept = 0; // bytes of a character cut by the last read, moved to the front of the buffer
  let at = from; // the file offset of buffer[0]
  let previous = -2; // no code point, and not the -1 of a byte that is not UTF-8
  let same = 0; // characters in a row equal to the last
  let digits = 0; // ASCII digits in a row
  let offerAt = 3; // the length of run at which to offer it to runSkip next
  let mayBeInsideCharacter = start === 'cold';
  let settledUnits = -1; // UTF-16 units from `target` on, once settled (counted from the window after)
  while (at + kept < size) {
    // Up to `target`, read no further past it than a first window: the cut is most likely just after it.
    const reach = at + kept < target ? target + FIRST_WINDOW - at - kept : Infinity;
    const n = nodeFs().readSync(fd, buffer, kept, Math.min(buffer.length - 3 - kept, size - at - kept, reach), at + kept);
    if (stats !== undefined) stats.bytesRead += n;
    if (n === 0) break;
    const end = kept + n;
    const final = at + end >= size;
    let i = 0;
    while (i < end) {
      const lead = buffer[i]!;
      if (mayBeInsideCharacter) {
        // A cold start may fall inside a character: its last bytes are not a character of their own.
        if ((lead & 0xc0) === 0x80 && at + i < from + 3) {
          i++;
          continue;
        }
        mayBeInsideCharacter = false;
      }
      let cp = lead;
      let width = 1;
      if (lead >= 0x80) {
        const length = sequenceLength(buffer, i, end);
        if (length === 0 && !final) break; // the rest of this character comes with the next read
        cp = -1; // not UTF-8: one byte read as U+FFFD, of no class the rules cut beside
        if (length > 0) {
          cp = decodeSequence(buffer, i, length);
          width = length;
        }
      }
      const cls = cp < 0 ? UNKNOWN : cp < 0x10000 ? classes[cp]! : astralClass(cp);
      const cut = scanner.push(cp < 0 ? 0xfffd : cp, cls, at + i, at + i + width);
      if (cut >= target) return cut;
      if (settledUnits >= 0 && (settledUnits += cp > 0xffff ? 2 : 1) > UNCUT_LIMIT + 8) {
        throw new PieceTooLongError(UNCUT_LIMIT, { kind: 'file', path, byte: at + i });
      }
      i += width;
      same = cp === previous ? same + 1 : 1;
      digits = isAsciiDigit(cp) ? digits + 1 : 0;
      if (same === 1 && digits <= 1) offerAt = 3; // a new run
      previous = cp;
      const inRun = same >= 3 ? same : digits;
      if (inRun >= offerAt && width === 1) {
        // Before `target - 16` no cut is wanted; after it, only the first.
        const wanted = at + i < target - 16 ? 'none' : 'first';
        const stop = wanted === 'none' ? Math.min(end, target - 16 - at) : end;
        let j = i;
        if (same >= 3) while (j < stop && buffer[j] === cp) j++;
        else while (j < stop && isAsciiDigit(buffer[j]!)) j++;
        let ahead = j - i;
        // Inside the run already read backwards, as far as the target: no need to read it again.
        if (wanted === 'none' && at + i > run.start && at + i <= run.through) ahead = Math.max(ahead, Math.min(run.through + 1, target - 16) - (at + i));
        const skip = scanner.runSkip(inRun, ahead, wanted);
        if (skip > 0) {
          i += skip;
          if (settledUnits >= 0) settledUnits += skip;
        }
        // A run refused once may still be skipped up to the target, where no cut is wanted.
        offerAt = skip < 0 && wanted === 'first' ? NEVER : inRun + SKIP_STEP;
      }
    }
    if (i > end) {
      // Skipped past what was read: read on from there.
      at += i;
      kept = 0;
      continue;
    }
    buffer.copy(buffer, 0, i, end);
    kept = end - i;
    at += i;
    if (settledUnits < 0 && at >= target && scanner.settled) settledUnits = 0;
    if (buffer.length < MAX_WINDOW + 3) buffer = grow(buffer, kept);
  }
  return size;
}

function isAsciiDigit(byte: number): boolean {
  return byte - 48 < 10 && byte >= 48;
}

function grow(buffer: Buffer, kept: number): Buffer {
  const larger = Buffer.allocUnsafe(Math.min((buffer.length - 3) * 2, MAX_WINDOW) + 3);
  buffer.copy(larger, 0, 0, kept);
  return larger;
}

/**
 * The length of the UTF-8 sequence at `buffer[i]` (a byte of 0x80 or more): 2–4 when it is a
 * whole, valid sequence (no overlong form, no surrogate, nothing above U+10FFFF), -1 when it is
 * invalid, 0 when it is a valid start cut off by `end`.
 */
function sequenceLength(buffer: Buffer, i: number, end: number): number {
  const lead = buffer[i]!;
  let width: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) width = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    width = 3;
    if (lead === 0xe0) low = 0xa0;
    else if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    width = 4;
    if (lead === 0xf0) low = 0x90;
    else if (lead === 0xf4) high = 0x8f;
  } else return -1;
  for (let k = 1; k < width; k++) {
    if (i + k >= end) return 0;
    const byte = buffer[i + k]!;
    if (byte < (k === 1 ? low : 0x80) || byte > (k === 1 ? high : 0xbf)) return -1;
  }
  return width;
}

/** The code point of the valid `width`-byte sequence at `buffer[i]`. */
function decodeSequence(buffer: Buffer, i: number, width: number): number {
  let cp = buffer[i]! & (0xff >> (width + 1));
  for (let k = 1; k < width; k++) cp = (cp << 6) | (buffer[i + k]! & 0x3f);
  return cp;
}
