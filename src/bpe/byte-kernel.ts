import { internalError, TokmeterError } from '../errors.js';
import { base64ToBytes, wasmTurnedOff } from '../platform/host.js';
import { BYTE_LOOP_DIGEST, BYTE_LOOP_WASM } from './byte-kernel.generated.js';
import { asciiClasses, bmpClasses, LOWER, MARK, NEWLINE, NOT_ASCII, NUMBER, OTHER, OTHER_LETTER, SPACE, UPPER } from './char-class.js';
import { digestText, hashBytes, type RankTable } from './rank-table.js';
import { KNOWN_SHORT, NEW_SHORT, NOT_SHORT, shortSlot, type ShortPieces } from './short-pieces.js';
import type { Workspace } from './workspace.js';

/** The split patterns the byte loop knows, by the ids it takes (kernel/byte-loop.ts). */
export const KERNEL_PATTERN = { gpt2: 0, cl100k: 1, o200k: 2 } as const;
export type KernelPattern = (typeof KERNEL_PATTERN)[keyof typeof KERNEL_PATTERN];

/**
 * What the byte loop calls back for the pieces it leaves to JavaScript (see kernel/byte-loop.ts),
 * each with the context the instance was made with (encode-kernel.ts: the workspace whose loop it is)
 * before the loop's own arguments. The functions keep no state of their own.
 */
export interface KernelCallbacks<C> {
  asciiPiece(context: C, byteStart: number, length: number, unitStart: number, low: number, high: number, short: number, pending: number): number;
  widePiece(context: C, byteStart: number, byteLength: number, unitStart: number, unitLength: number, pending: number): number;
  otherPiece(context: C, byteStart: number, unitStart: number, pending: number): number;
  flush(context: C, pending: number): void;
}

/**
 * Every constant the byte loop shares with TypeScript, by the name the module exports it under:
 * checked against the module's own values when an instance is made (`checkShared`).
 */
const SHARED_CONSTANTS = {
  OTHER,
  UPPER,
  LOWER,
  OTHER_LETTER,
  MARK,
  NUMBER,
  SPACE,
  NEWLINE,
  NOT_ASCII,
  GPT2: KERNEL_PATTERN.gpt2,
  CL100K: KERNEL_PATTERN.cl100k,
  O200K: KERNEL_PATTERN.o200k,
  NOT_SHORT,
  NEW_SHORT,
  KNOWN_SHORT,
} as const;

/** The byte loop's exports; the layout's addresses and the shared constants are immutable globals. */
export type LoopExports = { readonly [name in keyof typeof SHARED_CONSTANTS]: { value: number } } & {
  memory: { buffer: ArrayBuffer };
  countWindow(pattern: number, bytesEnd: number, final: number, units: number, limit: number, encoding: number): number;
  cutAt(pattern: number, start: number, bytesEnd: number, final: number): number;
  shortSlot(low: number, high: number, length: number, slotBits: number): number;
  MAIL: { value: number };
  CLASSES: { value: number };
  CODE_POINT_CLASSES: { value: number };
  SHORT_PIECES: { value: number };
  SHORT_SLOTS: { value: number };
  SHORT_MAX_SLOT_BITS: { value: number };
  WINDOW: { value: number };
  WINDOW_CAPACITY: { value: number };
  OUT: { value: number };
  OUT_CAPACITY: { value: number };
};

/** What this file uses of the WebAssembly JavaScript API (not in the project's type libraries). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}

const encoder = new TextEncoder();

/**
 * One instance of the WebAssembly byte loop, for one rank table: byte mode's encode loop, run
 * over a window of UTF-8 in the instance's memory, with the table's ShortPieces moved into that
 * memory so the loop answers short pieces without calling out. Its memory has a fixed size and
 * never grows (a grow would detach its buffer; see PERFORMANCE.md).
 */
export class ByteKernel {
  /** The whole memory, and the window's bytes within it from `windowStart`. */
  readonly memory: Uint8Array;
  readonly windowStart: number;
  /** When encoding, the ranks the loop found and has not passed on (see kernel/byte-loop.ts). */
  readonly ranks: Int32Array;
  readonly #window: Uint8Array;
  readonly #mail: Int32Array;
  readonly #loop: LoopExports;

  constructor(loop: LoopExports, shortPieces: ShortPieces) {
    this.#loop = loop;
    const buffer = loop.memory.buffer;
    this.memory = new Uint8Array(buffer);
    this.windowStart = loop.WINDOW.value;
    // Room for the sentinel and a sixteen-byte read at the window's last byte.
    this.#window = new Uint8Array(buffer, this.windowStart, loop.WINDOW_CAPACITY.value - 16);
    this.#mail = new Int32Array(buffer, loop.MAIL.value, 4);
    this.ranks = new Int32Array(buffer, loop.OUT.value, loop.OUT_CAPACITY.value);
    this.memory.set(asciiClasses(), loop.CLASSES.value);
    this.memory.set(bmpClasses().subarray(0, 0x800), loop.CODE_POINT_CLASSES.value);
    const slotsStart = loop.SHORT_SLOTS.value;
    const maxSlotBits = loop.SHORT_MAX_SLOT_BITS.value;
    shortPieces.moveInto(new Int32Array(buffer, slotsStart, 4 << maxSlotBits), new Int32Array(buffer, loop.SHORT_PIECES.value, 1));
  }

  /**
   * Writes text[start..stop) to the window as UTF-8 and returns its length in bytes, or -1 when
   * it is more than a quarter longer than its units (see COUNTING_MOST_WIDE in encode.ts) or does
   * not fit.
   */
  encode(text: string, start: number, stop: number): number {
    const units = stop - start;
    const { read, written } = encoder.encodeInto(start === 0 && stop === text.length ? text : text.slice(start, stop), this.#window);
    if (read < units || written - units > units >>> 2) return -1;
    return written;
  }

  /** See countWindow in kernel/byte-loop.ts. */
  countWindow(pattern: KernelPattern, bytesEnd: number, final: boolean, units: number, limit: number, encoding: boolean): number {
    return this.#loop.countWindow(pattern, bytesEnd, final ? 1 : 0, units, limit, encoding ? 1 : 0);
  }

  /** Where the last `countWindow` stopped, in units from the window's start. */
  get stoppedUnits(): number {
    return this.#mail[0]!;
  }

  /** How many ranks the last `countWindow` left at the start of `ranks` (when encoding). */
  get pendingRanks(): number {
    return this.#mail[2]!;
  }

  /** How many pieces the last `countWindow` answered from PieceCounts. */
  get countedPieces(): number {
    return this.#mail[3]!;
  }

  /** For `otherPiece`: where the piece it answered ends, in units and in bytes from the window's start. */
  setPieceEnd(units: number, bytes: number): void {
    this.#mail[0] = units;
    this.#mail[1] = bytes;
  }

  /**
   * For tests: where the loop cuts the piece at byte `start` of the window (-1: it hands the piece
   * over), and how many units that piece is.
   */
  cutAt(pattern: KernelPattern, start: number, bytesEnd: number, final: boolean): { end: number; units: number } {
    const end = this.#loop.cutAt(pattern, start, bytesEnd, final ? 1 : 0);
    return { end, units: end < 0 ? -1 : end - start - this.#mail[1]! };
  }
}

/**
 * The compiled module, or null where the runtime cannot compile it: a constant of the process,
 * made on first use and never changed after (as the class tables of char-class.ts are), so a
 * runtime that forbids compiling WebAssembly from bytes is asked once, not once per rank table.
 */
let compiled: object | null | undefined;

/**
 * Whether the byte loop may run: `TOKMETER_WASM=0` turns it off for the process, and tests switch
 * it with `useByteKernel` to compare the two loops. A setting read once per call, not state a
 * count writes.
 */
let enabled = !wasmTurnedOff();

/**
 * The byte loop's instance for the workspace of `ranks` (workspace.ts), made on first use with
 * `callbacks`; null when the kernel is turned off (`TOKMETER_WASM=0`, or `useByteKernel(false)`)
 * or the runtime cannot compile WebAssembly from bytes (some edge runtimes and content security
 * policies forbid it), where the TypeScript loops read every window in wide mode instead.
 */
export function byteKernelFor(ranks: RankTable, callbacks: KernelCallbacks<Workspace>): ByteKernel | null {
  if (!enabled) return null;
  const work = ranks.workspace;
  if (work.kernel === undefined) work.kernel = createByteKernel(work.shortPieces, callbacks, work);
  return work.kernel;
}

/**
 * A new instance of the byte loop, with `shortPieces` moved into its memory and `callbacks` called
 * with `context`; null where WebAssembly cannot be compiled or instantiated.
 */
export function createByteKernel<C>(shortPieces: ShortPieces, callbacks: KernelCallbacks<C>, context?: C): ByteKernel | null {
  if (compiled === undefined) compiled = compile();
  const module = compiled;
  if (module === null) return null;
  const bound = context as C;
  const imports = {
    asciiPiece: (byteStart: number, length: number, unitStart: number, low: number, high: number, short: number, pending: number): number =>
      callbacks.asciiPiece(bound, byteStart, length, unitStart, low, high, short, pending),
    widePiece: (byteStart: number, byteLength: number, unitStart: number, unitLength: number, pending: number): number =>
      callbacks.widePiece(bound, byteStart, byteLength, unitStart, unitLength, pending),
    otherPiece: (byteStart: number, unitStart: number, pending: number): number => callbacks.otherPiece(bound, byteStart, unitStart, pending),
    flush: (pending: number): void => callbacks.flush(bound, pending),
  };
  let exports: object;
  try {
    exports = new (webAssembly()!.Instance)(module, { tokmeter: imports }).exports;
  } catch {
    // A runtime that compiles the module but will not instantiate it (out of memory for its 1.25 MB).
    return null;
  }
  checkShared(exports as LoopExports);
  return new ByteKernel(exports as LoopExports, shortPieces);
}

/**
 * Keys of ShortPieces (low, high, length) on which the module's slot hash must give ShortPieces'
 * own slots: both halves used, the top bits set, every length's shift.
 */
const SLOT_SAMPLES = [
  [0x20746865, 0, 4],
  [0x6f726c64, 0x20776f, 7],
  [0x7f7f7f7f, 0x7f7f7f7f, 8],
  [0x61, 0, 1],
] as const;

/**
 * Refuses an instance whose shared constants or slot hash differ from TypeScript's: the module and
 * the sources that generated it have gone out of step, and its counts could be wrong.
 */
export function checkShared(loop: LoopExports): void {
  for (const [name, value] of Object.entries(SHARED_CONSTANTS)) {
    const exported = loop[name as keyof typeof SHARED_CONSTANTS]?.value;
    if (exported !== value) throw internalError(`the WebAssembly byte loop has ${name} = ${String(exported)}, TypeScript ${value}; regenerate it with npm run generate:kernel`);
  }
  for (const [low, high, length] of SLOT_SAMPLES) {
    for (const slotBits of [10, 15]) {
      if (loop.shortSlot(low, high, length, slotBits) !== shortSlot(low, high, length, slotBits)) {
        throw internalError('the WebAssembly byte loop hashes ShortPieces keys to other slots than ShortPieces does; regenerate it with npm run generate:kernel');
      }
    }
  }
}

/** Turns the WebAssembly byte loop on or off for the counts that follow (tests compare the two). */
export function useByteKernel(on: boolean): void {
  enabled = on;
}

function compile(): object | null {
  const bytes = base64ToBytes(BYTE_LOOP_WASM);
  const digest = bytes === null ? null : hashBytes(bytes, 0, bytes.length) >>> 0;
  if (bytes === null || digest !== BYTE_LOOP_DIGEST) {
    throw new TokmeterError(
      'CORRUPT_PACKAGE',
      `the embedded WebAssembly byte loop has digest ${digest === null ? 'none (it is not base64)' : digestText(digest)}, not ${digestText(BYTE_LOOP_DIGEST)}: the package is damaged. Reinstall tokmeter, or set TOKMETER_WASM=0 to count without it.`,
    );
  }
  const api = webAssembly();
  if (api === undefined) return null;
  try {
    return new api.Module(bytes);
  } catch {
    return null;
  }
}

function webAssembly(): WebAssemblyApi | undefined {
  return (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
}
