// AssemblyScript, compiled to WebAssembly by `npm run generate:kernel` (see byte-kernel.ts, which
// loads it, and byte-kernel.generated.ts, the module it embeds). Not part of the TypeScript build.
//
// The encode loop's byte mode (encodeInKernel in encode-kernel.ts) for a window of mostly ASCII or
// European text, as UTF-8 in this module's memory: it cuts each piece that starts with an ASCII
// byte where the bytes decide its end — the inline word, then the pattern's byte scanner (below),
// whose words also take letters of two bytes — and answers short
// pieces from ShortPieces, whose table lives in this memory, and when counting, pieces it has
// counted before from PieceCounts. Every other piece goes back to JavaScript: `asciiPiece` for an
// ASCII piece (the memo, or tokenizing it), `widePiece` for a word of two-byte letters, and
// `otherPiece` for one the bytes cannot cut (it starts outside ASCII, or the window's end or a
// character of three or four bytes might cut it short). test/byte-kernel.test.ts holds the loop to
// the unit scanners at every position.
//
// When encoding, the ranks the loop finds wait at OUT; each callback is told how many (`pending`)
// and passes them on before the piece's own tokens.

/** An ASCII piece ShortPieces did not answer: its tokens. `short` is NOT_SHORT, NEW_SHORT or KNOWN_SHORT. */
@external("tokmeter", "asciiPiece")
declare function asciiPiece(byteStart: i32, length: i32, unitStart: i32, low: i32, high: i32, short: i32, pending: i32): i32;

/** A word with letters outside ASCII, cut here (`byteLength` bytes, `unitLength` units), that PieceCounts did not answer: its tokens. */
@external("tokmeter", "widePiece")
declare function widePiece(byteStart: i32, byteLength: i32, unitStart: i32, unitLength: i32, pending: i32): i32;

/** The piece at byte `byteStart`, unit `unitStart`: its tokens; writes where it ends (units, bytes) to MAIL. */
@external("tokmeter", "otherPiece")
declare function otherPiece(byteStart: i32, unitStart: i32, pending: i32): i32;

/** When encoding: OUT is full; pass its ranks on. */
@external("tokmeter", "flush")
declare function flush(pending: i32): void;

// The memory's layout, read by byte-kernel.ts from these exports. The memory has a fixed size and
// never grows: growing would detach its ArrayBuffer, and after any detach V8 checks every typed
// array access in the process for one (12–15% of byte mode's speed).
/**
 * Four Int32: where the last piece ended, in units then bytes (see otherPiece, countWindow), the
 * ranks left at OUT, and how many pieces PieceCounts answered.
 */
export const MAIL: u32 = 0x10000;
/** 256 bytes: ASCII's classes as the patterns see them (char-class.ts), NOT_ASCII from 0x80. */
export const CLASSES: u32 = 0x10040;
/**
 * 2,048 bytes: the class of each code point below U+0800 (those UTF-8 writes in two bytes: Latin
 * with diacritics, Greek, Cyrillic, Armenian, Hebrew, Arabic…), for words with such letters.
 */
export const CODE_POINT_CLASSES: u32 = 0xf000;
/** ShortPieces' table: its slot bits (an Int32), then 16-byte slots: low, high, length (0: empty), rank. */
export const SHORT_PIECES: u32 = 0x10400;
export const SHORT_SLOTS: u32 = SHORT_PIECES + 16;
export const SHORT_MAX_SLOT_BITS: u32 = 15;
/**
 * The window's UTF-8 (up to 65,536 units, a quarter more in bytes), the sentinel 0x80 after it, and
 * room for a read of sixteen bytes at its last byte.
 */
export const WINDOW: u32 = 0xa0000;
export const WINDOW_CAPACITY: u32 = 0x14400;
/** When encoding, the ranks found and not yet passed on (see `pending`). */
export const OUT: u32 = 0xb4800;
export const OUT_CAPACITY: i32 = 8192;
/**
 * PieceCounts: the token counts of ASCII pieces of up to 16 bytes that ShortPieces does not answer
 * (longer words, runs of indentation, pieces of several tokens), remembered here from what
 * `asciiPiece` answered so that the next sighting needs no call out. 32-byte slots: the piece's
 * bytes as two little-endian Int64 (zero past its end), its length (0: empty), its count.
 * Emptied when half full.
 */
const PIECE_COUNTS: u32 = 0xc0000;
const PIECE_COUNT_BITS: u32 = 14;

// Every constant this module shares with TypeScript is exported, and byte-kernel.ts checks each
// against its own when it makes an instance (as it checks `shortSlot`, ShortPieces' hash): a
// mismatch is a build error, never a wrong count.

// Classes (char-class.ts).
export const OTHER: u32 = 0;
export const UPPER: u32 = 1;
export const LOWER: u32 = 2;
export const OTHER_LETTER: u32 = 3;
export const MARK: u32 = 4;
export const NUMBER: u32 = 5;
export const SPACE: u32 = 6;
export const NEWLINE: u32 = 7;
export const NOT_ASCII: u32 = 8;

// The split patterns (KERNEL_PATTERN in byte-kernel.ts).
export const GPT2: i32 = 0;
export const CL100K: i32 = 1;
export const O200K: i32 = 2;

// What asciiPiece's `short` says (short-pieces.ts).
export const NOT_SHORT: i32 = 0;
export const NEW_SHORT: i32 = 1;
export const KNOWN_SHORT: i32 = 2;

let bytesEnd: i32 = 0;
let final: bool = true;
/** How many two-byte characters the piece `bytePiece` last cut has: its units are its bytes less these. */
let twoByteChars: i32 = 0;

@inline function byteAt(k: i32): u32 {
  return load<u8>(WINDOW + <u32>k);
}

@inline function classAt(k: i32): u32 {
  return load<u8>(CLASSES + byteAt(k));
}

@inline function isLetter(cls: u32): bool {
  return cls == UPPER || cls == LOWER;
}

/** \p{L} */
@inline function isAnyLetter(cls: u32): bool {
  return cls - UPPER <= OTHER_LETTER - UPPER;
}

/**
 * The class of the two-byte character at `k` (a lead byte 0xC2–0xDF), or NOT_ASCII for any other
 * byte, or a lead byte whose character the window does not hold whole.
 */
@inline function twoByteClassAt(k: i32): u32 {
  const lead = byteAt(k);
  if (lead - 0xc2 > 0xdf - 0xc2 || k + 1 >= bytesEnd) return NOT_ASCII;
  return load<u8>(CODE_POINT_CLASSES + (((lead & 0x1f) << 6) | (byteAt(k + 1) & 0x3f)));
}

/**
 * Counts the tokens of the window's pieces that start in its first `units` units (the window's
 * UTF-8 is `end` bytes at WINDOW; `isFinal` when the text ends with it), stopping once the count
 * passes `limit`; with `encoding`, leaves the ranks for JavaScript (see OUT). Writes where it
 * stopped to MAIL (units, then bytes), and how many ranks are left at OUT.
 */
export function countWindow(pattern: i32, end: i32, isFinal: i32, units: i32, limit: i32, encoding: i32): i32 {
  bytesEnd = end;
  final = isFinal != 0;
  twoByteChars = 0;
  store<u8>(WINDOW + <u32>end, 0x80);
  // Letters after the first: any case (0x20 folds upper to lower), or lower case only (o200k).
  const fold: u32 = pattern == O200K ? 0 : 0x20;
  let b: i32 = 0;
  let p: i32 = 0;
  let count: i32 = 0;
  let pending: i32 = 0;
  let counted: i32 = 0;
  while (p < units) {
    let pieceEnd: i32 = -1;
    const first = byteAt(b);
    if (first < 0x80) {
      const word = first == 32 ? b + 1 : b;
      let k = word;
      if (fold == 0) while (byteAt(k) - 65 < 26) k++;
      while ((byteAt(k) | fold) - 97 < 26) k++;
      const after = byteAt(k);
      pieceEnd = k > word && after < 0x80 && (fold != 0 || after != 39) ? k : bytePiece(pattern, b);
    }
    if (pieceEnd < 0) {
      twoByteChars = 0;
      count += otherPiece(b, p, pending);
      pending = 0;
      p = load<i32>(MAIL);
      b = load<i32>(MAIL + 4);
    } else if (twoByteChars != 0) {
      // A word with letters outside ASCII: from PieceCounts, or from JavaScript by its units.
      const length = pieceEnd - b;
      const unitLength = length - twoByteChars;
      twoByteChars = 0;
      let tokens: i32 = 0;
      if (length <= 16) {
        const head = headOf(b, length);
        const tail = tailOf(b, length);
        if (encoding == 0) tokens = pieceCount(head, tail, length);
        if (tokens != 0) counted++;
        else {
          tokens = widePiece(b, length, p, unitLength, pending);
          pending = 0;
          // (Encoding does not look PieceCounts up, so it must not add to it: the piece may be there.)
          if (encoding == 0) rememberCount(head, tail, length, tokens);
        }
      } else {
        tokens = widePiece(b, length, p, unitLength, pending);
        pending = 0;
      }
      count += tokens;
      p += unitLength;
      b = pieceEnd;
    } else {
      const length = pieceEnd - b;
      let short = NOT_SHORT;
      let low: i32 = 0;
      let high: i32 = 0;
      if (length <= 8) {
        // The key as ShortPieces packs it: the bytes big-endian, the first highest, the piece's
        // last four in `low`; bytes past the piece shifted out (ASCII's top bit is 0).
        if (length <= 4) {
          low = <i32>bswap<u32>(load<u32>(WINDOW + <u32>b)) >> ((4 - length) << 3);
        } else {
          low = <i32>bswap<u32>(load<u32>(WINDOW + <u32>(pieceEnd - 4)));
          high = <i32>bswap<u32>(load<u32>(WINDOW + <u32>b)) >> ((8 - length) << 3);
        }
        const rank = shortRank(low, high, length);
        if (rank >= 0) {
          if (encoding != 0) {
            if (pending == OUT_CAPACITY) {
              flush(pending);
              pending = 0;
            }
            store<i32>(OUT + (<u32>pending << 2), rank);
            pending++;
          }
          count++;
          p += length;
          b = pieceEnd;
          if (count > limit) break;
          continue;
        }
        short = rank == -1 ? KNOWN_SHORT : NEW_SHORT;
      }
      let tokens: i32 = 0;
      if (length <= 16) {
        const head = headOf(b, length);
        const tail = tailOf(b, length);
        if (encoding == 0) tokens = pieceCount(head, tail, length);
        if (tokens != 0) counted++;
        else {
          tokens = asciiPiece(b, length, p, low, high, short, pending);
          pending = 0;
          // A new short piece of one token is ShortPieces' to remember.
          if (encoding == 0 && (tokens > 1 || short == NOT_SHORT)) rememberCount(head, tail, length, tokens);
        }
      } else {
        tokens = asciiPiece(b, length, p, low, high, short, pending);
        pending = 0;
      }
      count += tokens;
      p += length;
      b = pieceEnd;
    }
    if (count > limit) break;
  }
  store<i32>(MAIL, p);
  store<i32>(MAIL + 4, b);
  store<i32>(MAIL + 8, pending);
  store<i32>(MAIL + 12, counted);
  return count;
}

/** ShortPieces' hash: the first slot of the key (low, high, length) in a table of 1 << slotBits. */
@inline function slotOf(low: i32, high: i32, length: i32, slotBits: u32): u32 {
  return <u32>((low ^ ((high ^ length) * <i32>0x9e3779b1)) * <i32>0x85ebca6b) >> (32 - slotBits);
}

/** `slotOf`, for byte-kernel.ts to check against ShortPieces' own. */
export function shortSlot(low: i32, high: i32, length: i32, slotBits: u32): u32 {
  return slotOf(low, high, length, slotBits);
}

/** ShortPieces.get over the table in this memory: the rank, -1 (known not one token), or -2. */
@inline function shortRank(low: i32, high: i32, length: i32): i32 {
  const slotBits = load<u32>(SHORT_PIECES);
  const mask: u32 = (1 << slotBits) - 1;
  let at = slotOf(low, high, length, slotBits);
  let slot = SHORT_SLOTS + (at << 4);
  let slotLength = load<i32>(slot, 8);
  while (slotLength != 0) {
    if (load<i32>(slot) == low && load<i32>(slot, 4) == high && slotLength == length) return load<i32>(slot, 12);
    at = (at + 1) & mask;
    slot = SHORT_SLOTS + (at << 4);
    slotLength = load<i32>(slot, 8);
  }
  return -2;
}

let pieceCountsSize: i32 = 0;

/** The piece's first eight bytes, zero past its end. */
@inline function headOf(b: i32, length: i32): u64 {
  const word = load<u64>(WINDOW + <u32>b);
  return length >= 8 ? word : word & ((<u64>1 << (<u64>length << 3)) - 1);
}

/** The piece's bytes from its ninth, zero past its end (and zero for a piece of at most 8). */
@inline function tailOf(b: i32, length: i32): u64 {
  if (length <= 8) return 0;
  const word = load<u64>(WINDOW + <u32>b, 8);
  return length >= 16 ? word : word & ((<u64>1 << (<u64>(length - 8) << 3)) - 1);
}

@inline function pieceCountSlot(head: u64, tail: u64, length: i32): u32 {
  const mixed = (head * 0x9e3779b97f4a7c15) ^ (tail * 0xc2b2ae3d27d4eb4f) ^ <u64>length;
  return <u32>((mixed * 0x165667b19e3779f9) >> (64 - PIECE_COUNT_BITS));
}

/** The piece's count from PieceCounts, or 0. */
function pieceCount(head: u64, tail: u64, length: i32): i32 {
  const mask: u32 = (1 << PIECE_COUNT_BITS) - 1;
  let at = pieceCountSlot(head, tail, length);
  for (;;) {
    const slot = PIECE_COUNTS + (at << 5);
    const slotLength = load<i32>(slot, 16);
    if (slotLength == 0) return 0;
    if (slotLength == length && load<u64>(slot) == head && load<u64>(slot, 8) == tail) return load<i32>(slot, 20);
    at = (at + 1) & mask;
  }
  return 0;
}

function rememberCount(head: u64, tail: u64, length: i32, tokens: i32): void {
  if (pieceCountsSize >= 1 << (PIECE_COUNT_BITS - 1)) {
    memory.fill(PIECE_COUNTS, 0, 32 << PIECE_COUNT_BITS);
    pieceCountsSize = 0;
  }
  const mask: u32 = (1 << PIECE_COUNT_BITS) - 1;
  let at = pieceCountSlot(head, tail, length);
  while (load<i32>(PIECE_COUNTS + (at << 5), 16) != 0) at = (at + 1) & mask;
  const slot = PIECE_COUNTS + (at << 5);
  store<u64>(slot, head);
  store<u64>(slot, tail, 8);
  store<i32>(slot, length, 16);
  store<i32>(slot, tokens, 20);
  pieceCountsSize++;
}

/**
 * For tests: where the loop cuts the piece at byte `s` (the inline word or bytePiece), or -1;
 * writes how many two-byte characters the piece has to MAIL + 4.
 */
export function cutAt(pattern: i32, s: i32, end: i32, isFinal: i32): i32 {
  bytesEnd = end;
  final = isFinal != 0;
  twoByteChars = 0;
  store<u8>(WINDOW + <u32>end, 0x80);
  const fold: u32 = pattern == O200K ? 0 : 0x20;
  const first = byteAt(s);
  let cut: i32 = -1;
  if (first < 0x80) {
    const word = first == 32 ? s + 1 : s;
    let k = word;
    if (fold == 0) while (byteAt(k) - 65 < 26) k++;
    while ((byteAt(k) | fold) - 97 < 26) k++;
    const after = byteAt(k);
    cut = k > word && after < 0x80 && (fold != 0 || after != 39) ? k : bytePiece(pattern, s);
  }
  store<i32>(MAIL + 4, twoByteChars);
  twoByteChars = 0;
  return cut;
}

function bytePiece(pattern: i32, s: i32): i32 {
  twoByteChars = 0;
  if (pattern == O200K) return bytePieceO200k(s);
  if (pattern == CL100K) return bytePieceCl100k(s);
  return bytePieceGpt2(s);
}

// The patterns' byte scanners: each cuts the piece that starts at ASCII byte `s` as its pattern's
// scanner (split-*.ts, which give the patterns) cuts it from UTF-16 units, deciding from ASCII
// bytes and two-byte letters alone. A word also takes letters of two bytes, and may start with one
// after an ASCII lead (" été", "(München"). Each returns -1 instead (the piece is handed over to
// `otherPiece`) where a character of three or four bytes, or o200k's other letters and marks, could
// go on with the piece, or where the window's end (`bytesEnd`) is and the window is not the end of
// the text (`final` false). The byte at `bytesEnd` is a sentinel (0x80), so runs stop there
// without a bounds test.

@inline function bytePieceO200k(s: i32): i32 {
  const cls = classAt(s);
  if (isLetter(cls)) return casedWord(s);
  if (cls == NUMBER) return digits(s);
  if (cls == NEWLINE) return whitespace(s);
  const next = classAt(s + 1);
  if (isLetter(next)) return casedWord(s + 1);
  if (next == NOT_ASCII) return isLetter(twoByteClassAt(s + 1)) ? casedWord(s + 1) : pieceEnd(s + 1);
  if (cls == OTHER) return punctuation(s, true);
  if (byteAt(s) == 32 && next == OTHER) return punctuation(s + 1, true);
  return whitespace(s);
}

function bytePieceCl100k(s: i32): i32 {
  const first = byteAt(s);
  if (first == 39) {
    const contraction = contractionEnd(s, true);
    if (contraction != 0) return contraction;
  }
  const cls = classAt(s);
  if (isLetter(cls)) return letters(s);
  if (cls == NUMBER) return digits(s);
  if (cls == NEWLINE) return whitespace(s);
  const next = classAt(s + 1);
  if (isLetter(next)) return letters(s + 1);
  if (next == NOT_ASCII) return isAnyLetter(twoByteClassAt(s + 1)) ? letters(s + 1) : pieceEnd(s + 1);
  if (cls == OTHER) return punctuation(s, false);
  if (first == 32 && next == OTHER) return punctuation(s + 1, false);
  return whitespace(s);
}

function bytePieceGpt2(s: i32): i32 {
  const first = byteAt(s);
  if (first == 39) {
    const contraction = contractionEnd(s, false);
    if (contraction != 0) return contraction;
  }
  let runStart = s;
  let cls = classAt(s);
  if (first == 32) {
    const next = classAt(s + 1);
    if (next == NOT_ASCII) return isAnyLetter(twoByteClassAt(s + 1)) ? letters(s + 1) : pieceEnd(s + 1);
    if (next != SPACE && next != NEWLINE) {
      runStart = s + 1;
      cls = next;
    }
  }
  if (isLetter(cls)) return letters(runStart);
  if (cls == NUMBER || cls == OTHER) return run(runStart, cls);
  let k = s + 1;
  for (let c = classAt(k); c == SPACE || c == NEWLINE; c = classAt(k)) k++;
  if (k < bytesEnd || !final) {
    if (byteAt(k) >= 0x80) return -1;
    if (k - s >= 2) return k - 1;
  }
  return k;
}

@inline function pieceEnd(k: i32): i32 {
  return k == bytesEnd && final ? k : -1;
}

@inline function runEnd(k: i32): i32 {
  return byteAt(k) < 0x80 ? k : pieceEnd(k);
}

function run(s: i32, cls: u32): i32 {
  let k = s + 1;
  while (classAt(k) == cls) k++;
  return runEnd(k);
}

/** `\p{L}+` from the letter at `s` (ASCII or two bytes). */
function letters(s: i32): i32 {
  let k = s;
  for (;;) {
    const c = byteAt(k);
    if ((c | 0x20) - 97 < 26) {
      k++;
    } else if (c >= 0x80 && isAnyLetter(twoByteClassAt(k))) {
      k += 2;
      twoByteChars++;
    } else {
      break;
    }
  }
  // Any character of two bytes here is no letter, and ends the run.
  return byteAt(k) < 0x80 || twoByteClassAt(k) != NOT_ASCII ? k : pieceEnd(k);
}

/** The end of the run from `k` of letters of class `cls`: ASCII from `first` (A or a), or two bytes. */
@inline function caseRunEnd(k: i32, first: u32, cls: u32): i32 {
  let c = byteAt(k);
  while (c - first < 26 || (c >= 0x80 && twoByteClassAt(k) == cls)) {
    if (c < 0x80) {
      k++;
    } else {
      k += 2;
      twoByteChars++;
    }
    c = byteAt(k);
  }
  return k;
}

/**
 * o200k's words from the letter at `s`: the run of upper-case letters, then the run of lower-case
 * ones (ASCII or two bytes), then perhaps a contraction.
 */
function casedWord(s: i32): i32 {
  const k = caseRunEnd(caseRunEnd(s, 65, UPPER), 97, LOWER);
  if (byteAt(k) == 39) {
    const contraction = contractionEnd(k, true);
    return contraction == 0 ? k : contraction;
  }
  if (byteAt(k) < 0x80) return k;
  // A two-byte character ends the word unless the word's classes take it (other letters and marks
  // are in both runs'; the scanner decides those); an upper-case letter here follows the lower run.
  const cls = twoByteClassAt(k);
  if (cls == NOT_ASCII) return pieceEnd(k);
  return cls == OTHER_LETTER || cls == MARK ? -1 : k;
}

function digits(s: i32): i32 {
  let k = s + 1;
  while (k < s + 3 && classAt(k) == NUMBER) k++;
  return k < s + 3 ? runEnd(k) : k;
}

function punctuation(s: i32, slash: bool): i32 {
  let k = s + 1;
  while (classAt(k) == OTHER) k++;
  if (byteAt(k) >= 0x80) return pieceEnd(k);
  for (let c = byteAt(k); c == 10 || c == 13 || (c == 47 && slash); c = byteAt(k)) k++;
  return k == bytesEnd && !final ? -1 : k;
}

function whitespace(s: i32): i32 {
  let k = s;
  let afterNewline = -1;
  for (;;) {
    const cls = classAt(k);
    if (cls == NEWLINE) afterNewline = k + 1;
    else if (cls != SPACE) break;
    k++;
  }
  if (byteAt(k) >= 0x80 && (k < bytesEnd || !final)) return -1;
  if (afterNewline >= 0) return afterNewline;
  if (k == bytesEnd) return k;
  return k - s >= 2 ? k - 1 : k;
}

function contractionEnd(k: i32, ignoreCase: bool): i32 {
  const fold: u32 = ignoreCase ? 0x20 : 0;
  const a = byteAt(k + 1);
  if (a >= 0x80) return k + 1 == bytesEnd && final ? 0 : -1;
  const first = a | fold;
  if (first == 115 || first == 116 || first == 109 || first == 100) return k + 2;
  if (first != 108 && first != 118 && first != 114) return 0;
  const c = byteAt(k + 2);
  if (c >= 0x80) return k + 2 == bytesEnd && final ? 0 : -1;
  const second = c | fold;
  return (first == 108 && second == 108) || (first != 108 && second == 101) ? k + 3 : 0;
}
