// The digests tokmeter checks its generated data against on load, for the scripts that generate the
// data to record: a rank form's (RankTable#digest, src/bpe/rank-table.ts) and the WebAssembly byte
// loop's (its index hash over the bytes, hashBytes). They are computed by the library's own code,
// bundled from its source when this module loads, so each rule exists once.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundled = await build({ entryPoints: [join(root, 'src', 'bpe', 'rank-table.ts')], bundle: true, write: false, format: 'esm', platform: 'neutral', logLevel: 'error' });
const { RankTable, hashBytes, digestText } = await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`);

/** RankTable#digest of `form`, a rank form (TKMR version 1: 16-byte header, lengths, bytes). */
export function rankDigest(form) {
  const rankCount = form.readUInt32LE(8);
  const bytes = new Uint8Array(form.buffer, form.byteOffset, form.length);
  return new RankTable(bytes.subarray(16, 16 + rankCount), bytes.subarray(16 + rankCount)).digest;
}

/** The index hash of all of `bytes` (hashBytes), as an unsigned 32-bit number. */
export function bytesDigest(bytes) {
  return hashBytes(bytes, 0, bytes.length) >>> 0;
}

/** A digest as the generated TypeScript writes it (digestText in rank-table.ts). */
export const digestLiteral = digestText;
