import { RankTable } from '../bpe/rank-table.js';
import { TokmeterError } from '../errors.js';
import { base64ToBytes, sha256Hex } from '../platform/host.js';
import { RANK_FILES } from './rank-files.generated.js';
import type { RankFileName } from './specs.js';

/** "TKMR", version, rank count, total token bytes: four little-endian u32s. */
const HEADER_BYTES = 16;

const REINSTALL = 'Reinstall tokmeter (or run npm run generate:encodings in its repository).';

function corrupt(source: string, problem: string, fix: string): TokmeterError {
  return new TokmeterError('ENCODING_DATA_CORRUPT', `${source} is damaged: ${problem}. ${fix}`);
}

/** What a rank file's bytes must be: their SHA-256, and the ranks and tokens the header and table give. */
export interface ExpectedRankFile {
  readonly sha256: string;
  readonly rankCount: number;
  readonly tokens: number;
}

/** The rank table in `base64`, a rank file's rank form: `rankTableFromBytes` after decoding it. */
export function rankTableFromBase64(name: RankFileName, base64: string, source = `encodings/${name}.js`): RankTable {
  return rankTableFromBytes(name, base64ToBytes(base64), source);
}

/**
 * The rank table in `bytes`, a rank file's rank form (TKMR version 1, described in
 * scripts/generate-encodings.mjs; null when its base64 did not decode), checked against what this
 * version of tokmeter expects for `name` before use: SHA-256, header, length and token count. On
 * Node the hash is native (about 1 ms for o200k_base's 1.6 MB); elsewhere plain JavaScript (some
 * 15 ms; platform/sha256.ts).
 */
export function rankTableFromBytes(name: RankFileName, bytes: Uint8Array | null, source: string): RankTable {
  return checkedRankTable(RANK_FILES[name], bytes, source, REINSTALL);
}

/** `rankTableFromBytes` against any expected form; `fix` ends each error's message. */
export function checkedRankTable(expected: ExpectedRankFile, bytes: Uint8Array | null, source: string, fix: string): RankTable {
  if (bytes === null) throw corrupt(source, 'its data is not base64', fix);
  const digest = sha256Hex(bytes);
  if (digest !== expected.sha256) throw corrupt(source, `its data has SHA-256 ${digest}, tokmeter expects ${expected.sha256}`, fix);
  const header = new DataView(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HEADER_BYTES));
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (bytes.length < HEADER_BYTES || magic !== 'TKMR' || header.getUint32(4, true) !== 1) throw corrupt(source, 'it is not a version 1 rank file', fix);
  const rankCount = header.getUint32(8, true);
  const totalBytes = header.getUint32(12, true);
  if (rankCount !== expected.rankCount || HEADER_BYTES + rankCount + totalBytes !== bytes.length) {
    throw corrupt(source, `its header says ${rankCount} ranks and ${totalBytes} bytes in ${bytes.length} bytes of data`, fix);
  }
  const lengths = bytes.subarray(HEADER_BYTES, HEADER_BYTES + rankCount);
  const table = new RankTable(lengths, bytes.subarray(HEADER_BYTES + rankCount));
  const tokens = rankCount - table.gaps.length;
  if (tokens !== expected.tokens) throw corrupt(source, `it holds ${tokens} tokens, tokmeter expects ${expected.tokens}`, fix);
  return table;
}
