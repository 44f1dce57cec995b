import { type CutRules } from './cut-rules.js';
import { CutScanner } from './cut-scanner.js';
import { PieceTooLongError, UNCUT_LIMIT } from './errors.js';
import { PendingText } from './pending-text.js';

/** Text is handed on once this much more is held, up to the last place where it can be cut safely. */
const FLUSH_AT = 1 << 16;

/** How much of the end of the held text is searched first for a cut (most text has one every few characters). */
const PROBE = 1024;

/**
 * Text that arrives in chunks, handed on in *segments* that end at safe cuts (see `CutScanner`: a
 * place no pre-tokenizer piece and no token crosses). The tokens of each segment, encoded on its
 * own, are the whole text's tokens there, so a segment's count adds up to the total
 * (`createTokenCounter`) and its token boundaries are the whole text's (`createTextSplitter`).
 * It holds about 64K characters of ordinary text, of numbers, whitespace, emoji or NUL alike, and
 * throws `PieceTooLongError` rather than hold more than `UNCUT_LIMIT` characters with no safe cut.
 *
 * Each flush first reads the last `PROBE` characters for a cut, starting cold; only when that
 * finds none does the scanner that has followed the text from the last cut read on (every
 * character once).
 */
export class SafeCutText {
  readonly #rules: CutRules;
  /** Follows the held text from the last cut on. */
  readonly #scanner: CutScanner;
  #probe: CutScanner | undefined;
  readonly #pending = new PendingText();
  /** A high surrogate that ended the last chunk, waiting for its other half. */
  #carry = '';
  readonly #flushAt: number;
  #nextFlush: number;
  #mostHeld = 0;

  /** `flushAt`: how much more text is held before the next segment is looked for (smaller in tests, to cut more often). */
  constructor(rules: CutRules, flushAt = FLUSH_AT) {
    this.#rules = rules;
    this.#flushAt = flushAt;
    this.#nextFlush = flushAt;
    this.#scanner = new CutScanner(rules, 'start', 0);
  }

  /** Adds the next chunk (cut anywhere, even inside a surrogate pair); hands `take` a segment when enough is held. */
  write(chunk: string, take: (segment: string) => void): void {
    if (this.#carry !== '') {
      chunk = this.#carry + chunk;
      this.#carry = '';
    }
    if ((chunk.charCodeAt(chunk.length - 1) & 0xfc00) === 0xd800) {
      this.#carry = chunk.slice(-1);
      chunk = chunk.slice(0, -1);
    }
    this.#pending.push(chunk);
    this.#mostHeld = Math.max(this.#mostHeld, this.#pending.length);
    if (this.#pending.length >= this.#nextFlush) this.#flush(take);
  }

  /** Hands `take` all that is held (one segment, or two when more than `UNCUT_LIMIT` is held). */
  end(take: (segment: string) => void): void {
    this.#pending.push(this.#carry);
    this.#carry = '';
    if (this.#pending.length > UNCUT_LIMIT) this.#flush(take);
    take(this.#pending.take(this.#pending.end));
  }

  /** Characters held now, not yet handed on. */
  get held(): number {
    return this.#pending.length;
  }

  /** The most characters held at once. */
  get mostHeld(): number {
    return this.#mostHeld;
  }

  /** Characters the cut search has read, counting a character read twice twice. */
  get examined(): number {
    return this.#scanner.examined + (this.#probe?.examined ?? 0);
  }

  /** Hands on the held text up to its last safe cut. */
  #flush(take: (segment: string) => void): void {
    const pending = this.#pending;
    let cut = pending.length <= UNCUT_LIMIT ? this.#probeEnd() : -1;
    if (cut < 0) cut = this.#scanAll();
    if (cut > pending.start) {
      take(pending.take(cut));
      // A cut found by the probe starts the text afresh: what follows it is a text of its own.
      if (this.#scanner.lastCut !== cut) this.#scanner.restart('start', cut);
    }
    this.#nextFlush = pending.length + this.#flushAt;
  }

  /** The last safe cut in the last PROBE characters held, or -1. */
  #probeEnd(): number {
    const pending = this.#pending;
    let from = Math.max(pending.start, pending.end - PROBE);
    const text = pending.from(from);
    const skip = from > pending.start && (text.charCodeAt(0) & 0xfc00) === 0xdc00 ? 1 : 0; // not half a pair
    from += skip;
    const probe = (this.#probe ??= new CutScanner(this.#rules, 'cold', from));
    probe.restart(from === pending.start ? 'start' : 'cold', from);
    const cut = probe.scanText(text, skip, text.length, from - skip, false);
    return cut > pending.start ? cut : -1;
  }

  /**
   * Reads the held text the scanner has not read yet; returns the last safe cut, or -1. Throws
   * when there is a stretch longer than UNCUT_LIMIT with no cut.
   */
  #scanAll(): number {
    const scanner = this.#scanner;
    const pending = this.#pending;
    pending.forEach(scanner.scannedTo, pending.end, (chunk, start, end, base) => scanner.scanText(chunk, start, end, base, false));
    const gap = scanner.longestGap;
    if (gap.length > UNCUT_LIMIT) throw new PieceTooLongError(UNCUT_LIMIT, { kind: 'text', character: gap.at });
    if (scanner.scannedTo - scanner.lastCut > UNCUT_LIMIT) throw new PieceTooLongError(UNCUT_LIMIT, { kind: 'text', character: scanner.lastCut });
    return scanner.lastCut > pending.start ? scanner.lastCut : -1;
  }
}
