import type * as Crypto from 'node:crypto';
import type * as Fs from 'node:fs';
import { packageRequire } from '../module-path.js';

/**
 * Node's built-in modules that tokmeter reaches only when it needs them — node:crypto when gemma3's
 * data is checked by SHA-256, node:fs when a file is read — rather than importing them with the
 * package: an ES import builds the module's whole namespace, which for node:fs also loads
 * fs/promises and the streams (~1 ms of every import, measured at 3107d6e) and for node:crypto Web
 * Crypto and some 35 internal modules. `process.getBuiltinModule` where the runtime has it (Node
 * 20.16+, 22.3+) needs no path, so it works in a bundled app too; else a `require` from the
 * package. Node's build only: the web build has its own platform files (platform/*.web.ts).
 */
function builtin(name: 'node:crypto' | 'node:fs'): unknown {
  if (typeof process.getBuiltinModule === 'function') return process.getBuiltinModule(name);
  return packageRequire()(name);
}

export function nodeCrypto(): typeof Crypto {
  return builtin('node:crypto') as typeof Crypto;
}

export function nodeFs(): typeof Fs {
  return builtin('node:fs') as typeof Fs;
}
