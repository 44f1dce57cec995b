#!/usr/bin/env node
// Builds tokmeter's encoding data in encodings/.
//
//   node scripts/generate-encodings.mjs            runtime form (<ranks>.bin) from the committed
//                                                  canonical files (<ranks>.tiktoken.gz)
//   node scripts/generate-encodings.mjs --canonical  first rebuilds the canonical .tiktoken files from
//                                                  the npm `tiktoken` package's data (offline), then
//                                                  the runtime form
//
// Both steps check every file's SHA-256 against the hash tiktoken pins for it and stop on a mismatch.
// The runtime form (little-endian):
//   "TKMR" | u32 version = 1 | u32 rank count R | u32 total token bytes B
//   | R × u8 token length, indexed by rank (0 = no token has this rank)
//   | B bytes: the tokens' bytes, concatenated in rank order
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'encodings');

// SHA-256 of each canonical .tiktoken file, as pinned in tiktoken's tiktoken_ext/openai_public.py.
const RANK_FILES = [
  { name: 'r50k_base', npm: 'r50k_base', sha256: '306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930' },
  { name: 'p50k_base', npm: 'p50k_base', sha256: '94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069' },
  { name: 'cl100k_base', npm: 'cl100k_base', sha256: '223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7' },
  { name: 'o200k_base', npm: 'o200k_base', sha256: '446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d' },
];

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

function fail(message) {
  console.error(`generate-encodings: ${message}`);
  process.exit(1);
}

/** npm tiktoken stores ranks as lines `! <first rank> <base64> <base64> ...` with consecutive ranks. */
function canonicalFromNpm(npmName) {
  const require = createRequire(import.meta.url);
  const { bpe_ranks: packed } = require(`tiktoken/encoders/${npmName}.json`);
  const lines = [];
  for (const line of packed.split('\n')) {
    if (line === '') continue;
    const [bang, first, ...tokens] = line.split(' ');
    if (bang !== '!') fail(`unexpected line in tiktoken/encoders/${npmName}.json: ${line.slice(0, 40)}`);
    let rank = Number(first);
    for (const token of tokens) lines.push(`${token} ${rank++}\n`);
  }
  return Buffer.from(lines.join(''), 'latin1');
}

/** Parses `<base64> <rank>` lines; returns tokens indexed by rank. */
function parseTiktoken(text, name) {
  const byRank = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const space = line.indexOf(' ');
    const rank = Number(line.slice(space + 1));
    if (space < 0 || !Number.isInteger(rank) || rank < 0) fail(`${name}: malformed line ${JSON.stringify(line)}`);
    if (byRank[rank] !== undefined) fail(`${name}: rank ${rank} appears twice`);
    byRank[rank] = Buffer.from(line.slice(0, space), 'base64');
  }
  return byRank;
}

function runtimeForm(byRank, name) {
  const rankCount = byRank.length;
  let totalBytes = 0;
  for (let rank = 0; rank < rankCount; rank++) {
    const token = byRank[rank];
    if (token === undefined) continue;
    if (token.length === 0 || token.length > 255) fail(`${name}: token ${rank} has length ${token.length}`);
    totalBytes += token.length;
  }
  const buffer = Buffer.alloc(16 + rankCount + totalBytes);
  buffer.write('TKMR', 0, 'latin1');
  buffer.writeUInt32LE(1, 4);
  buffer.writeUInt32LE(rankCount, 8);
  buffer.writeUInt32LE(totalBytes, 12);
  let at = 16 + rankCount;
  for (let rank = 0; rank < rankCount; rank++) {
    const token = byRank[rank];
    if (token === undefined) continue;
    buffer[16 + rank] = token.length;
    token.copy(buffer, at);
    at += token.length;
  }
  return buffer;
}

const rebuildCanonical = process.argv.includes('--canonical');
const manifest = {
  generatedBy: 'scripts/generate-encodings.mjs',
  regenerate: 'npm run generate:encodings (add -- --canonical to rebuild the .tiktoken.gz files from the npm tiktoken package)',
  rankFiles: {},
};

for (const file of RANK_FILES) {
  const gzPath = join(out, `${file.name}.tiktoken.gz`);
  let canonical;
  if (rebuildCanonical) {
    canonical = canonicalFromNpm(file.npm);
    if (sha256(canonical) !== file.sha256) fail(`${file.name}: rebuilt file hashes to ${sha256(canonical)}, tiktoken pins ${file.sha256}`);
    writeFileSync(gzPath, gzipSync(canonical, { level: 9 }));
  } else {
    if (!existsSync(gzPath)) fail(`${gzPath} is missing; run with --canonical to rebuild it from the npm tiktoken package`);
    canonical = gunzipSync(readFileSync(gzPath));
    if (sha256(canonical) !== file.sha256) fail(`${gzPath} hashes to ${sha256(canonical)}, tiktoken pins ${file.sha256}`);
  }
  const byRank = parseTiktoken(canonical.toString('latin1'), file.name);
  const runtime = runtimeForm(byRank, file.name);
  writeFileSync(join(out, `${file.name}.bin`), runtime);
  const present = byRank.filter((t) => t !== undefined).length;
  manifest.rankFiles[file.name] = {
    canonical: `${file.name}.tiktoken.gz`,
    sha256: file.sha256,
    tokens: present,
    rankCount: byRank.length,
    missingRanks: byRank.length - present,
    maxTokenLength: byRank.reduce((max, t) => Math.max(max, t === undefined ? 0 : t.length), 0),
    runtime: `${file.name}.bin`,
    runtimeSha256: sha256(runtime),
    runtimeBytes: runtime.length,
  };
  console.log(`${file.name}: ${present} tokens, sha256 ok, runtime ${runtime.length} bytes`);
}

writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
