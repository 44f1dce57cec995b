/**
 * What tokmeter takes from the runtime it runs in — the web build's version of host.ts, for
 * browsers, workers (workerd, edge runtimes) and Deno: nothing but the language itself. See
 * host.ts for how the build picks one.
 */
import { decodeBase64 } from './base64.js';
import { sha256Hex as pureSha256Hex } from './sha256.js';

/** The bytes of base64 `text`, or null when it is not base64. */
export function base64ToBytes(text: string): Uint8Array | null {
  return decodeBase64(text);
}

/**
 * SHA-256 of `bytes` as 64 lowercase hex digits, in plain JavaScript: Web Crypto's digest is
 * asynchronous, and loading an encoding is synchronous.
 */
export function sha256Hex(bytes: Uint8Array): string {
  return pureSha256Hex(bytes);
}

/** There is no environment to turn the WebAssembly byte loop off with here; `useByteKernel(false)` does it. */
export function wasmTurnedOff(): boolean {
  return false;
}

/** A reusable buffer of UTF-16 units that a string is copied into, unit by unit. */
export class UnitsBuffer {
  /** The units, `length` of them; `write` fills them from the start. */
  readonly units: Uint16Array;

  constructor(length: number) {
    this.units = new Uint16Array(length);
  }

  /** Copies `text`'s units to the start of `units`; `text` is at most `units.length` long. */
  write(text: string): void {
    const units = this.units;
    for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  }
}
