/**
 * A rank file's data for Node's build: the base64 string in encodings/<name>.js, read from the
 * package and decoded the first time the encoding is used.
 *
 * Why read an ES module as text: it must happen synchronously and only for the encodings a
 * process uses (o200k_base alone is 2 MB of base64), and an ES module can be imported neither
 * synchronously nor, in the CJS build, at all. Reading the file the bundlers import keeps one copy
 * of each encoding in the package (the size budget is 6 MB) — a CJS copy or a raw .bin beside it
 * would double the data. The file is generated (scripts/generate-encodings.mjs) and its bytes are
 * checked by SHA-256 before use, so a misread cannot go unnoticed.
 */
import { dirname, join } from 'node:path';
import { nodeFs } from './node-builtin.js';
import { TokmeterError } from '../errors.js';
import type { RankFileName } from '../encodings/specs.js';
import { moduleDirectory } from '../module-path.js';

/** What precedes the base64 string in the generated module, and what ends it. */
const BASE64_START = Buffer.from("export const base64 =\n  '", 'latin1');
const QUOTE = 0x27;
/** The marker is in the module's first lines (its header comment is two lines). */
const HEAD_BYTES = 1024;
/**
 * Read and decoded 64 KiB at a time, into one buffer of the decoded size: reading the whole file
 * first would leave 2 MB of garbage (the file and its text) in a heap that is measured right after
 * the first count, for about a millisecond less.
 */
const CHUNK_BYTES = 1 << 16;

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
    if (!nodeFs().existsSync(join(override, 'o200k_base.js'))) {
      throw new TokmeterError('ENCODING_DATA_MISSING', `TOKMETER_ENCODINGS_DIR is ${JSON.stringify(override)}, which has no o200k_base.js. Point it at tokmeter's encodings/ folder, or unset it.`);
    }
    return (directory = override);
  }
  const here = moduleDirectory();
  let at = here;
  for (let up = 0; up < 5; up++) {
    if (nodeFs().existsSync(join(at, 'encodings', 'o200k_base.js'))) return (directory = join(at, 'encodings'));
    at = dirname(at);
  }
  throw new TokmeterError(
    'ENCODING_DATA_MISSING',
    `cannot find the encodings/ folder near ${here}. Reinstall tokmeter; if you bundle it for Node, copy node_modules/tokmeter/encodings next to the bundle and set TOKMETER_ENCODINGS_DIR to it.`,
  );
}

/** The bytes of `name`'s rank form, decoded from its module's base64, and the file they came from. */
export function rankData(name: RankFileName): { readonly bytes: Uint8Array | null; readonly source: string } {
  const source = join(encodingsDirectory(), `${name}.js`);
  const fs = nodeFs();
  const fd = fs.openSync(source, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    fs.readSync(fd, head, 0, head.length, 0);
    const marker = head.indexOf(BASE64_START);
    if (marker < 0) throw noBase64(source);
    let position = marker + BASE64_START.length;
    const decoded = Buffer.allocUnsafeSlow(Math.ceil(((size - position) * 3) / 4));
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let written = 0;
    for (;;) {
      // CHUNK_BYTES is a multiple of 4, so every chunk but the last holds whole groups of base64.
      const read = fs.readSync(fd, chunk, 0, CHUNK_BYTES, position);
      if (read === 0) throw noBase64(source);
      const quote = chunk.subarray(0, read).indexOf(QUOTE);
      const end = quote >= 0 ? quote : read;
      written += decoded.write(chunk.toString('latin1', 0, end), written, 'base64');
      if (end < read) break;
      position += read;
    }
    return { bytes: new Uint8Array(decoded.buffer, decoded.byteOffset, written), source };
  } finally {
    fs.closeSync(fd);
  }
}

function noBase64(source: string): TokmeterError {
  return new TokmeterError('ENCODING_DATA_CORRUPT', `${source} is damaged: it has no base64 string. Reinstall tokmeter (or run npm run generate:encodings in its repository).`);
}
