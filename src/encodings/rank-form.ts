import { digestText, RankTable } from '../bpe/rank-table.js';
import { internalError, TokmeterError } from '../errors.js';
import { base64ToBytes } from '../platform/host.js';
import { RANK_FILES } from './rank-files.generated.js';
import type { RankFileName } from './specs.js';

/** "TKMR", version, rank count, total token bytes: four little-endian u32s. */
const HEADER_BYTES = 16;

const REINSTALL = 'Reinstall tokmeter (or run npm run generate:encodings in its repository).';

function corrupt(source: string, problem: string, fix: string): TokmeterError {
  return new TokmeterError('ENCODING_DATA_CORRUPT', `${source} is damaged: ${problem}. ${fix}`);
}

/**
 * What a rank file's bytes must be: their digest (RankTable#digest, recorded by the script that
 * generated the file beside its SHA-256), and the ranks and tokens the header and table give.
 */
export interface ExpectedRankFile {
  readonly digest: number;
  readonly rankCount: number;
  readonly tokens: number;
}

/**
 * The rank table in `base64`, a rank file's module data: `rankTableFromBytes` after decoding it and,
 * for a file that extends another (RANK_FILES' `extends`), joining it to `baseBase64`, the base
 * file's module data.
 */
export function rankTableFromBase64(name: RankFileName, base64: string, source = `encodings/${name}.js`, baseBase64: string | null = null): RankTable {
  const own = base64ToBytes(base64);
  const base = RANK_FILES[name].extends;
  if (base === null) return rankTableFromBytes(name, own, source);
  if (baseBase64 === null) throw internalError(`${name}'s data extends ${base}'s, which was not given`);
  return rankTableFromBytes(name, joinExtension(base64ToBytes(baseBase64), own, source), source);
}

/** "TKMX", version, base rank count, added ranks, added token bytes: five little-endian u32s. */
const EXTENSION_HEADER_BYTES = 20;

/**
 * The rank form of a file that extends another (scripts/rank-form.mjs: p50k_base holds only the
 * ranks it adds to r50k_base's): `base`, the base's rank form, with `extension`'s ranks and bytes
 * added after its own. Null when either is null; the SHA-256 check of the result (rankTableFromBytes)
 * then reports the damage, as it does for any mismatch of the two.
 */
export function joinExtension(base: Uint8Array | null, extension: Uint8Array | null, source: string): Uint8Array | null {
  if (base === null || extension === null) return null;
  const magic = String.fromCharCode(extension[0]!, extension[1]!, extension[2]!, extension[3]!);
  const header = new DataView(extension.buffer, extension.byteOffset, Math.min(extension.length, EXTENSION_HEADER_BYTES));
  if (extension.length < EXTENSION_HEADER_BYTES || magic !== 'TKMX' || header.getUint32(4, true) !== 1) throw corrupt(source, 'it is not a version 1 extension of another rank file', REINSTALL);
  const first = header.getUint32(8, true);
  const added = header.getUint32(12, true);
  const addedBytes = header.getUint32(16, true);
  const baseView = new DataView(base.buffer, base.byteOffset, Math.min(base.length, HEADER_BYTES));
  if (base.length < HEADER_BYTES || EXTENSION_HEADER_BYTES + added + addedBytes !== extension.length || baseView.getUint32(8, true) !== first) {
    throw corrupt(source, `it extends ${first} ranks with ${added} in ${extension.length} bytes, which does not fit the file it extends`, REINSTALL);
  }
  const baseBytes = base.length - HEADER_BYTES - first;
  const joined = new Uint8Array(base.length + added + addedBytes);
  joined.set(base.subarray(0, HEADER_BYTES));
  const joinedView = new DataView(joined.buffer);
  joinedView.setUint32(8, first + added, true);
  joinedView.setUint32(12, baseBytes + addedBytes, true);
  joined.set(base.subarray(HEADER_BYTES, HEADER_BYTES + first), HEADER_BYTES);
  joined.set(extension.subarray(EXTENSION_HEADER_BYTES, EXTENSION_HEADER_BYTES + added), HEADER_BYTES + first);
  joined.set(base.subarray(HEADER_BYTES + first), HEADER_BYTES + first + added);
  joined.set(extension.subarray(EXTENSION_HEADER_BYTES + added), HEADER_BYTES + first + added + baseBytes);
  return joined;
}

/**
 * The rank table in `bytes`, a rank file's rank form (TKMR version 1, described in
 * scripts/generate-encodings.mjs; null when its base64 did not decode), checked against what this
 * version of tokmeter expects for `name` before use: header, length, token count and digest.
 *
 * The digest is RankTable#digest, which the index build takes as it hashes every token anyway: a
 * damaged, truncated or mismatched file (a partial install, a stale TOKMETER_ENCODINGS_DIR, data
 * of another version) is refused before any answer, at no cost. The file's SHA-256 identifies it
 * (the module's `sha256`, manifest.json) and is checked by `npm run generate -- --check` and the
 * tests; hashing it on every load cost ~4 ms in Node (loading node:crypto, then the hash) and ~15 ms
 * in plain JavaScript elsewhere, with nothing to add to the digest's check.
 */
export function rankTableFromBytes(name: RankFileName, bytes: Uint8Array | null, source: string): RankTable {
  return checkedRankTable(RANK_FILES[name], bytes, source, REINSTALL);
}

/** `rankTableFromBytes` against any expected form; `fix` ends each error's message. */
export function checkedRankTable(expected: ExpectedRankFile, bytes: Uint8Array | null, source: string, fix: string): RankTable {
  if (bytes === null) throw corrupt(source, 'its data is not base64', fix);
  const header = new DataView(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HEADER_BYTES));
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (bytes.length < HEADER_BYTES || magic !== 'TKMR' || header.getUint32(4, true) !== 1) throw corrupt(source, 'it is not a version 1 rank file', fix);
  const rankCount = header.getUint32(8, true);
  const totalBytes = header.getUint32(12, true);
  if (rankCount !== expected.rankCount || HEADER_BYTES + rankCount + totalBytes !== bytes.length) {
    throw corrupt(source, `its header says ${rankCount} ranks and ${totalBytes} bytes in ${bytes.length} bytes of data`, fix);
  }
  const lengths = bytes.subarray(HEADER_BYTES, HEADER_BYTES + rankCount);
  const table = rankTable(lengths, bytes.subarray(HEADER_BYTES + rankCount), source, fix);
  if (table.digest !== expected.digest) throw corrupt(source, `its ranks have digest ${digestText(table.digest)}, tokmeter expects ${digestText(expected.digest)}`, fix);
  const tokens = rankCount - table.gaps.length;
  if (tokens !== expected.tokens) throw corrupt(source, `it holds ${tokens} tokens, tokmeter expects ${expected.tokens}`, fix);
  return table;
}

/** The table of `lengths` and `bytes`; lengths that do not add up to the bytes are the file's damage. */
function rankTable(lengths: Uint8Array, bytes: Uint8Array, source: string, fix: string): RankTable {
  try {
    return new RankTable(lengths, bytes);
  } catch (error) {
    if (error instanceof TokmeterError && error.code === 'ENCODING_DATA_CORRUPT') throw corrupt(source, error.message.replace(/^tokmeter: /, ''), fix);
    throw error;
  }
}
