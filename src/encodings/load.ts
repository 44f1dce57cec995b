import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RankTable } from '../bpe/rank-table.js';
import { TokmeterError } from '../errors.js';
import { moduleDirectory } from '../module-path.js';
import type { RankFileName } from './specs.js';

interface RankFileEntry {
  readonly sha256: string;
  readonly tokens: number;
  readonly rankCount: number;
  readonly runtime: string;
  readonly runtimeSha256: string;
}

const HEADER_BYTES = 16;

let directory: string | undefined;
let manifest: Record<string, RankFileEntry> | undefined;

/**
 * The encodings/ folder that ships with the package: TOKMETER_ENCODINGS_DIR if set (for bundled
 * apps that copy the folder elsewhere), else the first encodings/manifest.json found walking up
 * from this module (dist/ in the package, src/encodings/ in the repository).
 */
function encodingsDirectory(): string {
  if (directory !== undefined) return directory;
  const override = process.env['TOKMETER_ENCODINGS_DIR'];
  if (override !== undefined && override !== '') {
    if (!existsSync(join(override, 'manifest.json'))) {
      throw new TokmeterError('ENCODING_DATA_MISSING', `TOKMETER_ENCODINGS_DIR is ${JSON.stringify(override)}, which has no manifest.json. Point it at tokmeter's encodings/ folder, or unset it.`);
    }
    return (directory = override);
  }
  const here = moduleDirectory();
  let at = here;
  for (let up = 0; up < 5; up++) {
    if (existsSync(join(at, 'encodings', 'manifest.json'))) return (directory = join(at, 'encodings'));
    at = dirname(at);
  }
  throw new TokmeterError(
    'ENCODING_DATA_MISSING',
    `cannot find the encodings/ folder near ${here}. Reinstall tokmeter; if you bundle it, copy node_modules/tokmeter/encodings next to the bundle and set TOKMETER_ENCODINGS_DIR to it.`,
  );
}

function corrupt(file: string, problem: string): TokmeterError {
  return new TokmeterError('ENCODING_DATA_CORRUPT', `${file} is damaged: ${problem}. Reinstall tokmeter (or run npm run generate:encodings in its repository).`);
}

/**
 * Reads a rank file's runtime form and checks it against the manifest before use: SHA-256, header,
 * token count and lengths. Takes a few milliseconds for o200k_base.
 */
export function loadRankTable(name: RankFileName): RankTable {
  const dir = encodingsDirectory();
  manifest ??= (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { rankFiles: Record<string, RankFileEntry> }).rankFiles;
  const entry = manifest[name];
  if (entry === undefined) throw corrupt('encodings/manifest.json', `it has no entry for ${name}`);
  const file = join(dir, entry.runtime);
  const data = readFileSync(file);
  const digest = createHash('sha256').update(data).digest('hex');
  if (digest !== entry.runtimeSha256) throw corrupt(file, `its SHA-256 is ${digest}, the manifest says ${entry.runtimeSha256}`);
  if (data.toString('latin1', 0, 4) !== 'TKMR' || data.readUInt32LE(4) !== 1) throw corrupt(file, 'it is not a version 1 rank file');
  const rankCount = data.readUInt32LE(8);
  const totalBytes = data.readUInt32LE(12);
  if (rankCount !== entry.rankCount || HEADER_BYTES + rankCount + totalBytes !== data.length) {
    throw corrupt(file, `its header says ${rankCount} ranks and ${totalBytes} bytes in a ${data.length}-byte file`);
  }
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.length);
  const lengths = bytes.subarray(HEADER_BYTES, HEADER_BYTES + rankCount);
  const table = new RankTable(lengths, bytes.subarray(HEADER_BYTES + rankCount));
  const tokens = rankCount - table.gaps.length;
  if (tokens !== entry.tokens) throw corrupt(file, `it holds ${tokens} tokens, the manifest says ${entry.tokens}`);
  return table;
}
