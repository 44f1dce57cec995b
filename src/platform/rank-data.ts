/**
 * A rank file's data for Node's build: the base64 string of encodings/<name>.js, read from the
 * package as text the first time the encoding is used.
 *
 * Why read an ES module as text: it must happen synchronously and only for the encodings a
 * process uses (o200k_base alone is 2 MB of base64), and an ES module can be imported neither
 * synchronously nor, in the CJS build, at all. Reading the file the bundlers import keeps one copy
 * of each encoding in the package (the size budget is 6 MB) — a CJS copy or a raw .bin beside it
 * would double the data. The file is generated (scripts/generate-encodings.mjs) and its bytes are
 * checked by SHA-256 before use, so a misread cannot go unnoticed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TokmeterError } from '../errors.js';
import type { RankFileName } from '../encodings/specs.js';
import { moduleDirectory } from '../module-path.js';

/** What precedes the base64 string in the generated module, and what ends it. */
const BASE64_START = Buffer.from("export const base64 =\n  '", 'latin1');
const QUOTE = 0x27;

let directory: string | undefined;

/**
 * The encodings/ folder that ships with the package: TOKMETER_ENCODINGS_DIR if set (for bundled
 * apps that copy the folder elsewhere), else the first encodings/o200k_base.js found walking up
 * from this module (dist/ in the package, src/platform/ in the repository).
 */
function encodingsDirectory(): string {
  if (directory !== undefined) return directory;
  const override = process.env['TOKMETER_ENCODINGS_DIR'];
  if (override !== undefined && override !== '') {
    if (!existsSync(join(override, 'o200k_base.js'))) {
      throw new TokmeterError('ENCODING_DATA_MISSING', `TOKMETER_ENCODINGS_DIR is ${JSON.stringify(override)}, which has no o200k_base.js. Point it at tokmeter's encodings/ folder, or unset it.`);
    }
    return (directory = override);
  }
  const here = moduleDirectory();
  let at = here;
  for (let up = 0; up < 5; up++) {
    if (existsSync(join(at, 'encodings', 'o200k_base.js'))) return (directory = join(at, 'encodings'));
    at = dirname(at);
  }
  throw new TokmeterError(
    'ENCODING_DATA_MISSING',
    `cannot find the encodings/ folder near ${here}. Reinstall tokmeter; if you bundle it for Node, copy node_modules/tokmeter/encodings next to the bundle and set TOKMETER_ENCODINGS_DIR to it.`,
  );
}

/** The base64 of `name`'s rank form, and the file it came from (for error messages). */
export function rankData(name: RankFileName): { readonly base64: string; readonly source: string } {
  const source = join(encodingsDirectory(), `${name}.js`);
  // Searched as bytes, and only the base64 made a string: about 2 ms less for o200k_base than
  // reading the whole file as a string.
  const file = readFileSync(source);
  const marker = file.indexOf(BASE64_START);
  const start = marker + BASE64_START.length;
  const end = marker < 0 ? -1 : file.indexOf(QUOTE, start);
  if (end < 0) {
    throw new TokmeterError('ENCODING_DATA_CORRUPT', `${source} is damaged: it has no base64 string. Reinstall tokmeter (or run npm run generate:encodings in its repository).`);
  }
  return { base64: file.toString('latin1', start, end), source };
}
