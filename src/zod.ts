/**
 * zod, loaded on first use. Loading zod costs more than the whole cold start of counting text, so
 * no module imports it at the top level: schemas are built by `lazy` builders the first time they
 * are needed. Where zod comes from is the platform's business (platform/zod-module.ts): Node's
 * build requires it then, synchronously, in the ESM and CJS builds and under vitest; the web build
 * imports it statically, and leaves it out of bundles that build no schema.
 */
import { loadZod } from './platform/zod-module.js';
import type * as Zod from 'zod';

type Z = (typeof Zod)['z'];

let loaded: typeof Zod | undefined;

/** zod's `z`, required the first time this is called. */
export function zod(): Z {
  return (loaded ??= loadZod()).z;
}

/**
 * Memoizes a schema builder: the first call runs `build` with zod's `z` (loading zod then), later
 * calls return the same value. Use as `const schema = lazy((z) => z.object({ ... }))`, `schema().parse(x)`.
 */
export function lazy<T>(build: (z: Z) => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build(zod());
      built = true;
    }
    return value;
  };
}
