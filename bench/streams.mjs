// Streams benchmark: letterless inputs of 1 GB through createTokenCounter, countFile and countFiles,
// against the built package, each in a child process of its own for its time and peak memory: does
// each finish in time linear in its size, under 256 MB, and countFiles no slower than countFile?
// The last results are in bench/STREAMS.md. It is not part of npm test.
//
//   npm run build && node bench/streams.mjs                 1 GB of each shape (about 15 min on 2 cores)
//   options: --size=MB (default 1024)  --shapes=numeric-csv,nul,emoji,whitespace,one-run
//            --functions=createTokenCounter,countFile,countFiles  --timeout=SECONDS (per child, default 1800)
//            --compare=MB (the countFiles-vs-countFile numeric CSV, default 35; 0 to skip)
//            --out=FILE (default bench/STREAMS.md; --out= prints only)
//
// Each shape is generated into the temporary folder, deterministically, and deleted after its runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchRoot = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(benchRoot, '..');
const MB = 1024 * 1024;

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const found = args.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
};

// ------------------------------------------------------------------------------------------- shapes

/** A deterministic stream of numbers in [0, 1). */
function random(seed) {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/**
 * The inputs, each a function returning the next block of about 1 MB of text (or bytes). All have
 * no letters: where the streaming counters once found no place to cut.
 */
const SHAPES = {
  'numeric-csv': {
    what: 'rows of six random integers of 1–9 digits, comma-separated',
    blocks(seed) {
      const next = random(seed);
      return () => {
        const rows = [];
        for (let length = 0; length < MB; ) {
          const row = Array.from({ length: 6 }, () => String(Math.floor(next() * 10 ** (1 + Math.floor(next() * 9))))).join(',');
          rows.push(row);
          length += row.length + 1;
        }
        return `${rows.join('\n')}\n`;
      };
    },
  },
  nul: {
    what: 'NUL bytes only (one pre-tokenizer piece; cut by the vocabulary: every byte, or in pairs under o200k)',
    blocks() {
      const block = Buffer.alloc(MB);
      return () => block;
    },
  },
  emoji: {
    what: 'random emoji (with skin tones, ZWJ families, flags, VS16) separated by spaces, a line break now and then',
    blocks(seed) {
      const next = random(seed);
      const emoji = ['😀', '😂', '🙂', '👋🏽', '❤️', '🇺🇸', '👨‍👩‍👧', '🚀', '✨', '🔥', '👍', '🎉', '🤖', '🌍'];
      return () => {
        const parts = [];
        for (let length = 0; length < MB; ) {
          const part = emoji[Math.floor(next() * emoji.length)] + (next() < 0.95 ? ' ' : '\n');
          parts.push(part);
          length += Buffer.byteLength(part);
        }
        return parts.join('');
      };
    },
  },
  whitespace: {
    what: 'runs of 1–80 spaces, tabs and line breaks, each followed by one punctuation mark or digit',
    blocks(seed) {
      const next = random(seed);
      const marks = ['.', '}', ';', '1', '-', '#', ')', '0'];
      const blanks = [' ', ' ', ' ', '\t', '\n'];
      return () => {
        const parts = [];
        for (let length = 0; length < MB; ) {
          let run = '';
          for (let n = 1 + Math.floor(next() * 80); n > 0; n--) run += blanks[Math.floor(next() * blanks.length)];
          const part = run + marks[Math.floor(next() * marks.length)];
          parts.push(part);
          length += part.length;
        }
        return parts.join('');
      };
    },
  },
  'one-run': {
    what: 'one run of spaces and line breaks with nothing between: a single pre-tokenizer piece, refused at UNCUT_LIMIT',
    expectError: 'PIECE_TOO_LONG',
    blocks() {
      const block = ' \n'.repeat(MB / 2);
      return () => block;
    },
  },
};

async function writeShape(path, shape, megabytes) {
  const next = SHAPES[shape].blocks(7);
  const out = createWriteStream(path);
  let written = 0;
  while (written < megabytes * MB) {
    let block = next();
    if (typeof block === 'string') block = Buffer.from(block);
    if (written + block.length > megabytes * MB) block = block.subarray(0, megabytes * MB - written);
    written += block.length;
    if (!out.write(block)) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  return written;
}

// ------------------------------------------------------------------------------------------ parent

async function runParent() {
  const megabytes = Number(option('size', '1024'));
  const shapes = option('shapes', Object.keys(SHAPES).join(',')).split(',');
  const functions = option('functions', 'createTokenCounter,countFile,countFiles').split(',');
  const timeout = Number(option('timeout', '1800')) * 1000;
  const compare = Number(option('compare', '35'));
  const out = option('out', join(benchRoot, 'STREAMS.md'));
  for (const shape of shapes) if (!(shape in SHAPES)) throw new Error(`tokmeter streams bench: unknown shape ${shape}`);

  const folder = mkdtempSync(join(tmpdir(), 'tokmeter-streams-'));
  const results = [];
  try {
    const entry = snapshotPackage(folder);
    for (const shape of shapes) {
      const path = join(folder, `${shape}.txt`);
      process.stdout.write(`${shape}: writing ${megabytes} MB… `);
      const bytes = await writeShape(path, shape, megabytes);
      process.stdout.write('done\n');
      for (const fn of functions) {
        const result = runChildProcess(fn, path, entry, timeout);
        results.push({ shape, fn, bytes, ...result });
        console.log(`  ${fn.padEnd(18)} ${describe(result, bytes)}`);
      }
      rmSync(path, { force: true });
    }
    let comparison;
    if (compare > 0) {
      const path = join(folder, 'compare.csv');
      const bytes = await writeShape(path, 'numeric-csv', compare);
      comparison = { bytes, runs: [] };
      for (let round = 0; round < 3; round++) {
        for (const fn of ['countFile', 'countFiles']) comparison.runs.push({ fn, ...runChildProcess(fn, path, entry, timeout) });
      }
      for (const fn of ['countFile', 'countFiles']) {
        const runs = comparison.runs.filter((run) => run.fn === fn);
        console.log(`compare ${compare} MB numeric CSV: ${fn} ${runs.map((run) => describe(run, bytes)).join(' / ')}`);
      }
    }
    if (out !== '') {
      writeFileSync(out, report({ megabytes, results, comparison }));
      console.log(`wrote ${out}`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * The built package as `npm pack` makes it, unpacked into the run's own folder (so that a rebuild or
 * another benchmark cannot change it mid-run), its dependencies resolved from the repository's.
 */
function snapshotPackage(root) {
  if (!existsSync(join(repoRoot, 'dist', 'index.js'))) throw new Error('tokmeter streams bench: run `npm run build` first');
  mkdirSync(join(root, 'package'), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  const [pack] = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', root], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  execFileSync('tar', ['-xzf', join(root, pack.filename), '-C', join(root, 'package'), '--strip-components=1']);
  return join(root, 'package', 'dist', 'index.js');
}

function runChildProcess(fn, path, entry, timeout) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), `--child=${fn}`, `--file=${path}`, `--entry=${entry}`], {
    encoding: 'utf8',
    timeout,
    maxBuffer: 1 << 20,
  });
  if (child.error?.code === 'ETIMEDOUT' || child.signal === 'SIGTERM') return { outcome: 'timeout', seconds: timeout / 1000 };
  const line = child.stdout.trim().split('\n').at(-1);
  try {
    return JSON.parse(line);
  } catch {
    return { outcome: 'crash', detail: (child.stderr || child.stdout).trim().split('\n').slice(-3).join(' ') };
  }
}

function describe(result, bytes) {
  if (result.outcome === 'timeout') return `did not finish in ${result.seconds} s`;
  if (result.outcome === 'crash') return `crashed: ${result.detail}`;
  const rate = result.outcome === 'ok' ? `${(bytes / MB / result.seconds).toFixed(1)} MB/s` : `${result.code} after ${(result.bytesBefore / MB).toFixed(1)} MB`;
  return `${result.seconds.toFixed(2)} s (CPU ${result.cpuSeconds.toFixed(2)} s)  ${rate}  peak RSS ${result.peakRssMB.toFixed(0)} MB`;
}

function report({ megabytes, results, comparison }) {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: repoRoot, encoding: 'utf8' }).trim() !== '';
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    '# Streams benchmark',
    '',
    `Letterless inputs of ${megabytes} MiB through \`createTokenCounter\` (fed 64 KiB reads of the file, decoded), \`countFile\` and`,
    `\`countFiles\` (default options: ${availableParallelism()} threads, the calling one and ${availableParallelism() - 1} worker(s); files above 8 MiB cut into ranges), o200k_base, against the package as \`npm pack\``,
    'makes it; each run in a process of its own, whose peak resident memory (`maxRSS`, workers included) is given.',
    'Time is wall-clock, from the call to its result (the encoding loaded first, in `countFiles` by every worker);',
    'CPU time is that of every thread of the process. MB/s is MiB of input per second of wall-clock time.',
    'Produced by `npm run build && node bench/streams.mjs`; the shapes are generated by the script, deterministically.',
    '',
    `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; Node ${process.version}; tokmeter at ${commit}${dirty ? ' (with uncommitted changes in src/)' : ''}; ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '| shape | function | time | CPU time | MB/s | peak RSS | tokens |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    const time = r.outcome === 'timeout' ? `> ${r.seconds} s` : r.seconds === undefined ? '—' : `${r.seconds.toFixed(1)} s`;
    const cpuTime = r.cpuSeconds === undefined ? '—' : `${r.cpuSeconds.toFixed(1)} s`;
    const rate = r.outcome === 'ok' ? (r.bytes / MB / r.seconds).toFixed(1) : r.outcome === 'error' ? `${r.code} after ${(r.bytesBefore / MB).toFixed(1)} MiB` : r.outcome;
    const rss = r.peakRssMB === undefined ? '—' : `${r.peakRssMB.toFixed(0)} MB`;
    lines.push(`| ${r.shape} | ${r.fn} | ${time} | ${cpuTime} | ${rate} | ${rss} | ${r.tokens?.toLocaleString('en-US') ?? '—'} |`);
  }
  lines.push('', 'The shapes:', '');
  for (const shape of new Set(results.map((r) => r.shape))) lines.push(`- **${shape}**: ${SHAPES[shape].what}.`);
  if (comparison !== undefined) {
    const times = (fn) => comparison.runs.filter((run) => run.fn === fn && run.outcome === 'ok').map((run) => run.seconds);
    const best = (fn) => Math.min(...times(fn));
    lines.push(
      '',
      `## countFiles against countFile: a ${(comparison.bytes / MB).toFixed(0)} MiB numeric CSV`,
      '',
      'Three rounds each, alternating, in processes of their own (seconds, including start-up and loading the encoding):',
      '',
      '| function | rounds | best |',
      '| --- | --- | ---: |',
      `| countFile | ${times('countFile').map((t) => t.toFixed(2)).join(', ')} | ${best('countFile').toFixed(2)} s |`,
      `| countFiles | ${times('countFiles').map((t) => t.toFixed(2)).join(', ')} | ${best('countFiles').toFixed(2)} s |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

// ------------------------------------------------------------------------------------------- child

async function runChild(fn, path, entry) {
  const tokmeter = await import(entry);
  const started = performance.now();
  let result;
  let bytesRead = 0;
  try {
    if (fn === 'createTokenCounter') {
      const counter = tokmeter.createTokenCounter();
      const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) {
        bytesRead += chunk.length;
        counter.write(decoder.decode(chunk, { stream: true }));
      }
      counter.write(decoder.decode());
      result = { outcome: 'ok', tokens: counter.end() };
    } else if (fn === 'countFile') {
      result = { outcome: 'ok', tokens: (await tokmeter.countFile(path)).tokens };
    } else if (fn === 'countFiles') {
      const [count] = await tokmeter.countFiles([path]);
      result = { outcome: 'ok', tokens: count.tokens };
    } else {
      throw new Error(`unknown function ${fn}`);
    }
  } catch (error) {
    if (!(error instanceof tokmeter.TokmeterError)) throw error;
    result = { outcome: 'error', code: error.code, bytesBefore: bytesRead || (error.place?.byte ?? 0), message: error.message.slice(0, 160) };
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(); // every thread of the process, workers included
  console.log(JSON.stringify({ ...result, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
}

if (option('child') !== undefined) await runChild(option('child'), option('file'), option('entry'));
else await runParent();
