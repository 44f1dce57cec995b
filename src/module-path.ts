import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the running bundle. In the CJS build `__dirname` is real; tsup's stand-in for
 * `import.meta.url` there is built by string concatenation and breaks on paths with `#` or `%`.
 * In the ESM build (and under vitest) `import.meta.url` is the real URL.
 */
export function moduleDirectory(): string {
  return typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
}

/** A `require` for this package's dependencies, in the ESM and CJS builds alike. */
export function packageRequire(): NodeJS.Require {
  return createRequire(join(moduleDirectory(), 'index.js'));
}
