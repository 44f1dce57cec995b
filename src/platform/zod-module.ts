/**
 * zod for src/zod.ts — Node's build: required on first use, through `createRequire` (zod's CJS
 * build, the same API as its ESM one), so importing tokmeter and counting text never loads it
 * (it costs more than the whole cold start) and validation stays synchronous in the ESM and CJS
 * builds alike. An ES `import` of zod anywhere in the bundle would load it at startup: a bundle is
 * one module, and ES imports are not lazy.
 */
import type * as Zod from 'zod';
import { packageRequire } from '../module-path.js';

/** zod's module, loaded now. */
export function loadZod(): typeof Zod {
  return packageRequire()('zod') as typeof Zod;
}
