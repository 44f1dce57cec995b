// Builds test/fixtures/claude-counts.json: (text, Claude count_tokens) pairs that tokmeter's Claude
// band (src/encodings/claude-band.ts, docs/claude-counts.md) is measured on.
//
// The pairs come from sanderland/ctok (MIT), whose test fixtures record Anthropic's
// POST /v1/messages/count_tokens for each document sent as one user message, on three models:
// claude-opus-4-5 (the tokenizer of Claude 3 … Opus 4.6 / Sonnet 4.6 / Haiku 4.5), claude-opus-4-7
// (the newer tokenizer) and claude-opus-5 (the newer tokenizer, a smaller message frame).
//
//   git clone https://github.com/sanderland/ctok /tmp/ctok && git -C /tmp/ctok checkout 70872fd
//   node scripts/claude-counts.mjs --from /tmp/ctok/tests/fixtures           writes the fixture
//   node scripts/claude-counts.mjs --from /tmp/ctok/tests/fixtures --check   writes nothing; exits 1
//                                                                            if the fixture differs
//   node scripts/claude-counts.mjs --from /tmp/ctok/tests/fixtures --compare [--legacy <dir>]
//       prints how each candidate stand-in (o200k_base, cl100k_base, and with --legacy the old
//       @anthropic-ai/tokenizer installed under <dir>: npm i --prefix <dir> @anthropic-ai/tokenizer@0.0.4)
//       compares with every recorded count of the four corpora (2,514 documents), not only the
//       fixture's. Takes about three minutes with --legacy.
//
// The selection is fixed by rule, not by hand: Rosetta Code's 250 held-out documents (code in
// many languages), MultiPL-E's Python, JavaScript and TypeScript files, and the Universal
// Declaration of Human Rights in the 16 Latin-script and 12 other-script languages with the most
// speakers (one document per language).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const FIXTURE = new URL('../test/fixtures/claude-counts.json', import.meta.url);
const CTOK_COMMIT = '70872fd4981dc5990267923235b4114535bb4473';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const from = value('--from');
if (from === undefined) {
  console.error('usage: node scripts/claude-counts.mjs --from <ctok>/tests/fixtures [--check | --compare [--legacy <dir>]]');
  process.exit(2);
}

/** ctok's model key per recorded family, and the count_tokens frame of one user message on it. */
const MODELS = { v3: 'claude-opus-4-5', 'v4.7': 'claude-opus-4-7', v5: 'claude-opus-5' };
const FRAMES = { 'claude-opus-4-5': 7, 'claude-opus-4-7': 11, 'claude-opus-5': 6 };

function corpus(name, key) {
  const docs = gunzipSync(readFileSync(join(from, `${name}.jsonl.gz`))).toString('utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  const recorded = JSON.parse(readFileSync(join(from, `${name}_counts.json`), 'utf8'));
  for (const [family, model] of Object.entries(MODELS)) {
    if (recorded[family]?.model !== model) throw new Error(`${name}: expected ${family} counts measured on ${model}, found ${recorded[family]?.model}`);
  }
  return docs.map((doc) => ({
    doc,
    id: String(doc[key]),
    counts: Object.fromEntries(Object.entries(MODELS).map(([family, model]) => {
      const count = recorded[family].counts[doc[key]];
      if (!Number.isInteger(count)) throw new Error(`${name}/${doc[key]}: no ${model} count`);
      return [model, count];
    })),
  }));
}

const udhr = corpus('udhr', 'f');
const rosetta = corpus('rosetta', 'id');
const holdout = corpus('rosetta_holdout', 'id');
const multiplE = corpus('multipl_e', 'lang');

/** The `n` languages of a script group with the most speakers, one document per language (ties by file name). */
function topLanguages(rows, latin, n) {
  const seen = new Set();
  return rows
    .filter((r) => (r.doc.script === 'Latn') === latin)
    .sort((a, b) => b.doc.speakers - a.doc.speakers || a.id.localeCompare(b.id))
    .filter((r) => !seen.has(r.doc.iso639_3) && seen.add(r.doc.iso639_3))
    .slice(0, n);
}

const pair = (corpusName, kind, r, label) => ({ corpus: corpusName, id: r.id, kind, label, text: r.doc.text, counts: r.counts });

function selection() {
  return [
    ...topLanguages(udhr, true, 16).map((r) => pair('udhr', 'latin-prose', r, r.doc.name)),
    ...topLanguages(udhr, false, 12).map((r) => pair('udhr', 'other-script-prose', r, `${r.doc.name} (${r.doc.script})`)),
    ...['py', 'js', 'ts'].map((lang) => multiplE.find((r) => r.id === lang)).map((r) => pair('multipl_e', 'code', r, r.doc.name)),
    ...holdout.map((r) => pair('rosetta_holdout', 'code', r, 'Rosetta Code')),
  ];
}

function fixture() {
  return {
    about:
      'Claude token counts recorded from POST /v1/messages/count_tokens, each text sent as the one user message of a request. ' +
      'tokmeter measures its Claude band on these pairs (docs/claude-counts.md); test/claude-band.test.ts recomputes it. ' +
      'Generated by scripts/claude-counts.mjs (--check compares); do not edit by hand.',
    source: {
      repository: 'https://github.com/sanderland/ctok',
      commit: CTOK_COMMIT,
      files: 'tests/fixtures/{udhr,multipl_e,rosetta_holdout}.jsonl.gz and *_counts.json',
      licence: 'MIT (Copyright (c) 2026 Sander Land) for the recorded counts and the collection',
      texts: {
        udhr: 'translations of the Universal Declaration of Human Rights as ctok collected them (ctok does not name the collection at this commit); the United Nations lets the declaration be reproduced freely',
        multipl_e: 'MultiPL-E (nuprl/MultiPL-E): HumanEval problems (MIT) translated to other languages',
        rosetta_holdout: 'Rosetta Code (rosettacode.org) task solutions, GNU FDL 1.3; used here as test data, not shipped in the package',
      },
    },
    models: {
      'claude-opus-4-5': 'the tokenizer of Claude 3 up to Opus 4.6, Sonnet 4.6 and Haiku 4.5',
      'claude-opus-4-7': 'the newer tokenizer of Opus 4.7 and later',
      'claude-opus-5': 'the newer tokenizer, with a smaller message frame',
    },
    /** Tokens count_tokens adds around one user message's text (ctok measures them; a leading space or trailing newlines can move them by one). */
    frames: FRAMES,
    pairs: selection(),
  };
}

if (flag('--compare')) {
  await compare(args.includes('--legacy') ? value('--legacy') : undefined);
} else {
  const text = `${JSON.stringify(fixture(), null, 1)}\n`;
  if (flag('--check')) {
    const current = readFileSync(FIXTURE, 'utf8');
    if (current !== text) {
      console.error('test/fixtures/claude-counts.json differs from what scripts/claude-counts.mjs generates; run it without --check.');
      process.exit(1);
    }
    console.log('test/fixtures/claude-counts.json is up to date.');
  } else {
    writeFileSync(FIXTURE, text);
    console.log(`wrote test/fixtures/claude-counts.json: ${fixture().pairs.length} pairs, ${text.length} characters`);
  }
}

/** Every corpus document against each candidate stand-in: the ratio of Claude's content tokens to the candidate's. */
async function compare(legacyDir) {
  const require = createRequire(import.meta.url);
  const { get_encoding } = require('tiktoken');
  const candidates = { o200k_base: get_encoding('o200k_base'), cl100k_base: get_encoding('cl100k_base') };
  const count = Object.fromEntries(Object.entries(candidates).map(([name, enc]) => [name, (text) => enc.encode_ordinary(text).length]));
  if (legacyDir !== undefined) {
    const legacy = createRequire(join(legacyDir, 'package.json'))('@anthropic-ai/tokenizer');
    count['@anthropic-ai/tokenizer'] = (text) => legacy.countTokens(text);
  }
  const kindOf = (name, r) => (name !== 'udhr' ? 'code' : r.doc.script === 'Latn' ? 'latin-prose' : 'other-script-prose');
  const rows = [];
  for (const [name, list] of Object.entries({ udhr, rosetta, rosetta_holdout: holdout, multipl_e: multiplE })) {
    for (const r of list) rows.push({ kind: kindOf(name, r), counts: r.counts, stand: Object.fromEntries(Object.entries(count).map(([c, f]) => [c, f(r.doc.text)])) });
  }
  const quantile = (values, p) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.round(p * (sorted.length - 1))];
  };
  const f2 = (x) => x.toFixed(2);
  for (const model of Object.values(MODELS)) {
    console.log(`\n${model} (frame ${FRAMES[model]})`);
    for (const c of Object.keys(count)) {
      const cells = [];
      for (const kinds of [['latin-prose', 'code'], ['latin-prose'], ['code'], ['other-script-prose']]) {
        const sel = rows.filter((r) => kinds.includes(r.kind));
        const ratios = sel.map((r) => (r.counts[model] - FRAMES[model]) / r.stand[c]);
        const factor = quantile(ratios, 0.5);
        const err95 = quantile(ratios.map((x) => Math.abs(factor / x - 1)), 0.95);
        cells.push(`${kinds.join('+')} n=${sel.length} ×${f2(factor)} [${f2(quantile(ratios, 0.025))}, ${f2(quantile(ratios, 0.975))}] p95 err scaled ${(err95 * 100).toFixed(1)}%`);
      }
      console.log(`  ${c.padEnd(24)} ${cells.join(' | ')}`);
    }
  }
}
