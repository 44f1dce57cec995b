import { selectEncoding } from '../count.js';
import type { Encoding } from '../encoding.js';
import type { EncodingName } from '../encodings/specs.js';
import { InvalidArgumentError } from '../errors.js';
import { describeValue } from '../describe.js';
import { readOptions } from '../options.js';
import { cutRulesFor, type CutRules } from './cut-rules.js';
import { CutScanner } from './cut-scanner.js';
import { PieceTooLongError, UNCUT_LIMIT } from './errors.js';
import { PendingText } from './pending-text.js';

export interface TokenCounterOptions {
  /** The model whose encoding to use. @default 'gpt-4o' */
  readonly model?: string;
  /** The encoding to use instead of a model's. */
  readonly encoding?: EncodingName | 'gpt2';
}

/** The options `createTokenCounter` and `countFile` take. */
export const TOKEN_COUNTER_OPTIONS = ['model', 'encoding'] as const;

/** Counts the tokens of text that arrives in chunks. */
export interface TokenCounter {
  /** Adds the next chunk of text. Chunks may be cut anywhere, even inside a surrogate pair. */
  write(chunk: string): void;
  /** Tokens counted so far, not including the text still held back (see `end`). */
  readonly counted: number;
  /** Counts what is held back and returns the exact total. The counter cannot be written to after. */
  end(): number;
}

/** Text is counted once this much more is held, up to the last place where it can be cut safely. */
const FLUSH_AT = 1 << 16;

/** How much of the end of the held text is searched first for a cut (most text has one every few characters). */
const PROBE = 1024;

/**
 * A counter for text that arrives in chunks — a file read in pieces, a stream, a generator. The
 * total is exactly `countTokens(wholeText)` wherever the chunks were cut: text is counted only up
 * to a safe cut (see `CutScanner`: a place no pre-tokenizer piece and no token crosses), and the
 * rest is held until more arrives. It holds about 64K characters of ordinary text, of numbers,
 * whitespace, emoji or NUL alike; it throws `PieceTooLongError` rather than hold more than
 * `UNCUT_LIMIT` characters (4 MiB) with no safe cut, which takes one pre-tokenizer piece that long.
 * Special-token text counts as ordinary text.
 *
 * @example
 * const counter = createTokenCounter({ model: 'gpt-4o' });
 * for await (const chunk of stream) counter.write(chunk);
 * counter.end(); // the exact total
 */
export function createTokenCounter(options?: TokenCounterOptions): TokenCounter {
  return new StreamCounter(selectEncoding(readOptions(options, TOKEN_COUNTER_OPTIONS, 'createTokenCounter') as TokenCounterOptions));
}

/**
 * The counter behind `createTokenCounter`, with what the tests measure. Each flush first reads
 * the last `PROBE` characters for a cut, starting cold; only when that finds none does the
 * scanner that has followed the text from the last cut read on (every character once).
 * @internal
 */
export class StreamCounter implements TokenCounter {
  readonly #encoding: Encoding;
  readonly #rules: CutRules;
  /** Follows the held text from the last cut on. */
  readonly #scanner: CutScanner;
  #probe: CutScanner | undefined;
  readonly #pending = new PendingText();
  /** A high surrogate that ended the last chunk, waiting for its other half. */
  #carry = '';
  #counted = 0;
  #nextFlush = FLUSH_AT;
  #ended = false;
  #mostHeld = 0;

  constructor(encoding: Encoding) {
    this.#encoding = encoding;
    this.#rules = cutRulesFor(encoding);
    this.#scanner = new CutScanner(this.#rules, 'start', 0);
  }

  write(chunk: string): void {
    if (this.#ended) throw new InvalidArgumentError('write', 'was called after end(); create a new counter for more text.');
    if (typeof chunk !== 'string') throw new InvalidArgumentError('chunk', `must be a string, got ${describeValue(chunk)}.`);
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
    if (this.#pending.length >= this.#nextFlush) this.#flush();
  }

  get counted(): number {
    return this.#counted;
  }

  end(): number {
    if (!this.#ended) {
      this.#ended = true;
      this.#pending.push(this.#carry);
      if (this.#pending.length > UNCUT_LIMIT) this.#flush();
      this.#counted += this.#encoding.count(this.#pending.take(this.#pending.end));
    }
    return this.#counted;
  }

  /** Characters held now, not yet counted. */
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

  /** Counts the held text up to its last safe cut. */
  #flush(): void {
    const pending = this.#pending;
    let cut = pending.length <= UNCUT_LIMIT ? this.#probeEnd() : -1;
    if (cut < 0) cut = this.#scanAll();
    if (cut > pending.start) {
      this.#counted += this.#encoding.count(pending.take(cut));
      // A cut found by the probe starts the text afresh: what follows it counts as a text of its own.
      if (this.#scanner.lastCut !== cut) this.#scanner.restart('start', cut);
    }
    this.#nextFlush = pending.length + FLUSH_AT;
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
