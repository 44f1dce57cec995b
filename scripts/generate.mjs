#!/usr/bin/env node
// Runs every generator of the repository's generated files: `npm run generate`.
//
//   npm run generate                  regenerate every generated file
//   npm run generate -- --check       write nothing; exit 1, naming each stale generated file and how
//                                     to regenerate it, unless every one is what its script would
//                                     write (test/generated-files.test.ts runs this in npm test)
//   npm run generate -- kernel        only the generators whose name contains "kernel" (with or without --check)
//
// Each generator is a script that takes `--check` (write nothing; exit 1 if a file it makes differs
// from what it would write) and works offline, from files in the repository and the exact
// devDependencies. To add one, add its line to GENERATORS. (scripts/claude-counts.mjs is not
// listed: it reads a clone of another repository, --from <dir>, so it is run by hand.)
import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every generator: its script, and what it makes. */
export const GENERATORS = [
  { script: 'scripts/generate-encodings.mjs', makes: 'encodings/*.js, *.d.ts, manifest.json, src/encodings/rank-files.generated.ts' },
  { script: 'scripts/generate-kernel.mjs', makes: 'src/bpe/byte-kernel.generated.ts (the WASM byte loop)' },
  { script: 'scripts/generate-unicode-classes.mjs', makes: 'src/bpe/unicode-classes.generated.ts' },
  { script: 'scripts/generate-punctuation-symbols.mjs', makes: 'src/bpe/punctuation-symbols.generated.ts (DeepSeek V3\'s \\p{P}\\p{S})' },
  { script: 'scripts/convert-open-encodings.mjs', makes: 'packages/tokmeter-open/ (llama3, qwen2, deepseek_v3), src/encodings/open-rank-files.generated.ts' },
  { script: 'scripts/convert-gemma3.mjs', makes: 'packages/tokmeter-open/gemma3.*, src/sentencepiece/gemma3-data.generated.ts' },
];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs `node <script> [--check]`; resolves with its exit code and output, never rejects. */
function run(script, check) {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...(check ? ['--check'] : [])], { cwd: root, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, output: `${stderr}${stdout}`.trim(), seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** Runs `task` on each item, at most `limit` at a time, keeping the order of the results. */
async function inParallel(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function main(argv) {
  const check = argv.includes('--check');
  const filters = argv.filter((arg) => !arg.startsWith('--'));
  const chosen = GENERATORS.filter((g) => filters.length === 0 || filters.some((f) => g.script.includes(f)));
  if (chosen.length === 0) {
    console.error(`tokmeter: no generator matches ${filters.join(', ')}; the generators are ${GENERATORS.map((g) => g.script).join(', ')}.`);
    return 2;
  }
  // They write different files, so they may run side by side; each is one process.
  const results = await inParallel(chosen, Math.max(1, availableParallelism()), (g) => run(g.script, check));
  const failed = [];
  chosen.forEach((g, i) => {
    const { code, output, seconds } = results[i];
    const status = code === 0 ? (check ? 'up to date' : 'written') : check ? 'STALE' : 'FAILED';
    console.log(`${status.padEnd(10)} ${g.script} (${seconds.toFixed(1)} s)`);
    if (code !== 0) {
      failed.push(g);
      console.log(output.replace(/^/gm, '           '));
    }
  });
  if (failed.length === 0) return 0;
  if (check) {
    console.error(
      `\ntokmeter: ${failed.length} generator(s) found stale files, or could not run:\n` +
        failed.map((g) => `  ${g.script}: ${g.makes}\n    regenerate with: node ${g.script}`).join('\n') +
        '\nRegenerate them all with npm run generate, then commit the generated files with what changed them.',
    );
  } else {
    console.error(`\ntokmeter: ${failed.map((g) => g.script).join(', ')} failed; see the output above.`);
  }
  return 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
