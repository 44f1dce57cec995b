/**
 * What tokmeter takes from the runtime it runs in — here, Node's build (also Bun's): `Buffer` for
 * base64 and for copying UTF-16 units, node:crypto for SHA-256, `process.env` for switches.
 *
 * The web build (browsers, workers, Deno; see tsup.config.ts) replaces every `platform/<name>.ts`
 * that has a `platform/<name>.web.ts` beside it with that file, at build time: Node keeps its
 * native speed and the other runtimes never see a Node API. Each pair exports the same names with
 * the same types (test/platform/seams.test.ts checks it).
 */
import { nodeCrypto } from './node-builtin.js';

/** The bytes of base64 `text` (Node decodes leniently; the SHA-256 check that follows catches damage). */
export function base64ToBytes(text: string): Uint8Array | null {
  const buffer = Buffer.from(text, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

/**
 * SHA-256 of `bytes` as 64 lowercase hex digits: node:crypto. Rank files and the WebAssembly loop
 * are checked by digests instead (encodings/rank-form.ts); this checks gemma3's SentencePiece data
 * (sentencepiece/data-form.ts). node:crypto is loaded here, on that first check, not imported with
 * the module: its ES import (which builds the module's namespace, Web Crypto included, some 35
 * internal modules) took ~3 ms of every import of tokmeter.
 */
export function sha256Hex(bytes: Uint8Array): string {
  return nodeCrypto().createHash('sha256').update(bytes).digest('hex');
}

/** Whether the environment turns the WebAssembly byte loop off (`TOKMETER_WASM=0`). */
export function wasmTurnedOff(): boolean {
  return process.env['TOKMETER_WASM'] === '0';
}

/**
 * A reusable buffer of UTF-16 units that a string is copied into by one native `Buffer#write`
 * (a copy of the string's memory, ~20 G units/s here; see WindowUnits in bpe/window-units.ts).
 */
export class UnitsBuffer {
  /** The units, `length` of them; `write` fills them from the start. */
  readonly units: Uint16Array;
  readonly #bytes: Buffer;

  constructor(length: number) {
    this.#bytes = Buffer.alloc(2 * length);
    this.units = new Uint16Array(this.#bytes.buffer, this.#bytes.byteOffset, length);
  }

  /** Copies `text`'s units to the start of `units`; `text` is at most `units.length` long. */
  write(text: string): void {
    this.#bytes.write(text, 0, 'utf16le');
  }
}
