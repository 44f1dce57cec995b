/**
 * zod for src/zod.ts — the web build: a static import, since `require` does not exist in browsers,
 * workers or Deno's ES modules. Modules reach it only through a schema builder (`lazy` in
 * src/zod.ts), so a bundle that never validates (a per-encoding entry) leaves zod out.
 */
import * as Zod from 'zod';

/** zod's module. */
export function loadZod(): typeof Zod {
  return Zod;
}
