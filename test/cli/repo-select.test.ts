import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTokens } from '../../src/index.js';
import { bin, ensureBuilt, json, root, tokmeter } from './cli.js';

// Which files a walk of `tokmeter count` selects (ignore files, --include/--exclude, !globs,
// --no-ignore, .tokmeterignore), and the inputs it reports instead of counting.

interface CountJson {
  files: { path: string; tokens: number; bytes: number }[];
  skipped: { path: string; reason: string }[];
  failed: { path: string; reason: string }[];
  total: { files: number; tokens: number };
}

let repo = '';
let plain = '';

function write(base: string, files: Record<string, string | Buffer>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(base, path)), { recursive: true });
    writeFileSync(join(base, path), text);
  }
}

beforeAll(() => {
  ensureBuilt();
  repo = mkdtempSync(join(tmpdir(), 'tokmeter-select-repo-'));
  execFileSync('git', ['init', '-q'], { cwd: repo });
  write(repo, {
    '.gitignore': 'dist/\n*.log\nbad[\n',
    '.github/ci.yml': 'on: push\n',
    'README.md': '# readme\n',
    'src/a.ts': 'export const a = 1;\n',
    'src/a.test.ts': 'test("a", () => {});\n',
    'src/.hidden.ts': 'hidden but tracked\n',
    'docs/guide.md': 'A guide.\n',
    'dist/bundle.js': 'built output\n',
    'debug.log': 'a log\n',
  });
  plain = mkdtempSync(join(tmpdir(), 'tokmeter-select-plain-'));
  write(plain, { '.gitignore': '*.tmp\n', 'keep.txt': 'kept\n', 'drop.tmp': 'dropped\n', '.env': 'SECRET=1\n', 'node_modules/x/index.js': 'x\n' });
}, 180_000);
afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
  rmSync(plain, { recursive: true, force: true });
});

const paths = (cwd: string, ...args: string[]) => json<CountJson>(tokmeter(['count', ...args, '--json'], { cwd })).files.map((f) => f.path);

describe('ignore files', () => {
  it('in a git work tree: what git lists, hidden files included, .git and ignored files left out', () => {
    expect(paths(repo, '.')).toEqual(['.github/ci.yml', '.gitignore', 'README.md', 'docs/guide.md', 'src/.hidden.ts', 'src/a.test.ts', 'src/a.ts']);
  });

  it('names an ignore line that can never match once, on stderr, and still counts (exit 0)', () => {
    const result = tokmeter(['count', '.', 'src', '--json'], { cwd: repo });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('tokmeter: .gitignore:3: the pattern "bad[" never matches (a [ is never closed by a ]); git skips it too. Fix or remove the line.\n');
  });

  it('--no-ignore counts every file but those in .git', () => {
    expect(paths(repo, '.', '--no-ignore')).toEqual([
      '.github/ci.yml', '.gitignore', 'README.md', 'debug.log', 'dist/bundle.js', 'docs/guide.md', 'src/.hidden.ts', 'src/a.test.ts', 'src/a.ts',
    ]);
  });

  it('a .tokmeterignore adds rules that win over the .gitignore beside it', () => {
    writeFileSync(join(repo, '.tokmeterignore'), '!dist/\n*.md\n');
    try {
      expect(paths(repo, '.')).toEqual(['.github/ci.yml', '.gitignore', '.tokmeterignore', 'dist/bundle.js', 'src/.hidden.ts', 'src/a.test.ts', 'src/a.ts']);
    } finally {
      rmSync(join(repo, '.tokmeterignore'));
    }
  });

  it('a folder named on the command line is walked even when ignored; the rules apply inside it', () => {
    expect(paths(repo, 'dist')).toEqual(['dist/bundle.js']);
  });

  it('outside a work tree: the .gitignore files inside apply, and hidden entries and node_modules stay out', () => {
    expect(paths(plain, '.')).toEqual(['keep.txt']);
    expect(paths(plain, '.', '--no-ignore')).toEqual(['.env', '.gitignore', 'drop.tmp', 'keep.txt', 'node_modules/x/index.js']);
  });
});

describe('globs, --include and --exclude', () => {
  it('selects with --include and --exclude, both repeatable, on the path shown', () => {
    expect(paths(repo, '.', '--include', '**/*.ts', '--exclude', '**/*.test.ts')).toEqual(['src/a.ts']);
    expect(paths(repo, '.', '--include', 'src/**', '--include', '*.md')).toEqual(['README.md', 'src/a.test.ts', 'src/a.ts']);
    expect(paths(repo, 'src', '--exclude', 'src/a.*')).toEqual(['src/.hidden.ts']);
  });

  it('a !glob leaves files out; alone, it leaves them out of the current folder', () => {
    expect(paths(repo, 'src/**', '!**/*.test.ts')).toEqual(['src/a.ts']);
    // `**/*.ts` does not name hidden files, so it leaves src/.hidden.ts in; `.*/**` takes .github/ out.
    expect(paths(repo, '!**/*.ts', '!.*/**')).toEqual(['.gitignore', 'README.md', 'docs/guide.md', 'src/.hidden.ts']);
    expect(paths(repo, '.', '--include', '!**/*.md', '--include', 'src/*')).toEqual(['src/a.test.ts', 'src/a.ts']);
  });

  it('matches hidden entries only when the pattern names them', () => {
    expect(paths(repo, '**/*.ts')).toEqual(['src/a.test.ts', 'src/a.ts']);
    expect(paths(repo, 'src/.*')).toEqual(['src/.hidden.ts']);
    expect(paths(repo, '.github/*', '.*')).toEqual(['.github/ci.yml', '.gitignore']);
  });

  it('[...] classes and {a,b} work in positional patterns; ignore files still apply to what a glob walks', () => {
    expect(paths(repo, 'src/[a-b].ts', '{docs,dist}/*')).toEqual(['src/a.ts', 'docs/guide.md']);
    const ignored = tokmeter(['count', '*.log'], { cwd: repo });
    expect(ignored.code).toBe(2);
    expect(ignored.stderr).toContain('tokmeter: cannot count *.log: no files match this glob (ignored files are left out; --no-ignore counts them)\n');
  });
});

describe('inputs that are reported instead of counted', () => {
  const bash = (script: string, cwd = repo) => {
    const result = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8', env: { ...process.env, T: `${process.execPath} ${bin}` } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it.skipIf(process.platform !== 'linux')('a device named on the command line is refused with what to do instead; the rest counts (exit 5)', () => {
    const result = tokmeter(['count', '/dev/zero', 'README.md'], { cwd: repo });
    expect(result.code).toBe(5);
    expect(result.stderr).toBe('tokmeter: cannot count /dev/zero: a character device, which may never end; to count part of it, pipe it in: head -c 1000000 /dev/zero | tokmeter count\n');
    expect(tokmeter(['count', '/dev/urandom'], { cwd: repo }).code).toBe(2);
  });

  it('a FIFO that no program writes to is given up after 5 s, not waited on forever (the run took 30 s+ before: never ended)', () => {
    const started = Date.now();
    const result = bash('rm -f lonely && mkfifo lonely && $T count lonely README.md; echo "exit $?"; rm -f lonely');
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(result.stdout).toMatch(/README\.md\nexit 5\n$/);
    expect(result.stderr).toBe('tokmeter: cannot count lonely: no program opened this FIFO for writing within 5 s; start the writer first, or pipe into tokmeter\n');
  }, 40_000);

  it('FIFOs met in a walk are skipped with a note, once, and the rest counts (exit 0)', () => {
    const result = bash('mkdir -p pipes && rm -f pipes/p && mkfifo pipes/p && echo text > pipes/t.txt && $T count pipes --json; echo "exit $?"; rm -rf pipes', plain);
    expect(result.stdout).toMatch(/exit 0\n$/);
    expect(result.stderr).toBe('tokmeter: skipped pipes/p: a FIFO (named pipe), not a regular file; name it to read it\n');
  });

  it('names the first 20 skipped files and sums up the rest; --json lists them all', () => {
    const folder = join(plain, 'blobs');
    for (let i = 0; i < 25; i++) write(folder, { [`b${String(i).padStart(2, '0')}.bin`]: Buffer.from([0, 1, 2, i]) });
    try {
      const result = tokmeter(['count', 'blobs', 'keep.txt'], { cwd: plain });
      const notes = result.stderr.trimEnd().split('\n');
      expect(notes).toHaveLength(21);
      expect(notes[0]).toBe('tokmeter: skipped blobs/b00.bin: binary (a NUL byte in the first 8 KiB)');
      expect(notes[20]).toBe('tokmeter: skipped 5 more (the "skipped" list of --json names them all).');
      expect(json<CountJson>(tokmeter(['count', 'blobs', 'keep.txt', '--json'], { cwd: plain })).skipped).toHaveLength(25);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('many small files', () => {
  it('counts them on batch workers exactly as on one thread, in the same order', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tokmeter-select-many-'));
    try {
      const files: Record<string, string> = {};
      // Past POOL_MIN_FILES (10,000), so that the batch workers start.
      for (let i = 0; i < 10_100; i++) files[`d${i % 7}/f${i}.txt`] = `file ${i}: ${'word '.repeat(i % 50)}${i % 3 === 0 ? '東京 🎉' : ''}\n`;
      write(folder, files);
      write(folder, { 'd0/zz.bin': Buffer.from([0, 0, 0]) });
      const pooled = json<CountJson & { skipped: unknown[] }>(tokmeter(['count', '.', '--json', '--jobs', '2'], { cwd: folder }));
      const single = json<CountJson>(tokmeter(['count', '.', '--json', '--jobs', '1'], { cwd: folder }));
      expect(pooled).toEqual(single);
      expect(pooled.total.files).toBe(10_100);
      expect(pooled.total.tokens).toBe(Object.values(files).reduce((sum, text) => sum + countTokens(text), 0));
      expect(pooled.skipped).toEqual([{ path: 'd0/zz.bin', reason: 'binary (a NUL byte in the first 8 KiB)' }]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});

/** A built module and every file it imports by a relative path (the chunks the build shares), as one text. */
function withImports(file: string, seen = new Set<string>()): string {
  if (seen.has(file)) return '';
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  const imported = [...text.matchAll(/\bfrom\s*['"](\.\/[^'"]+)['"]/g)].map((m) => join(dirname(file), m[1]!));
  return text + imported.map((path) => withImports(path, seen)).join('');
}

describe('the library bundle', () => {
  it('holds none of the CLI: dist/index.js and the chunks it imports, and dist/index.cjs, have no walk, ignore-file or batch-worker code', () => {
    const markers = ['tokmeter-count-batch', 'never matches', 'a nested git repository', 'DIRC'];
    // index.cjs while the package still ships a CommonJS build.
    for (const entry of ['index.js', 'index.cjs'].filter((name) => name === 'index.js' || existsSync(join(root, 'dist', name)))) {
      const library = withImports(join(root, 'dist', entry));
      expect(library.length, entry).toBeGreaterThan(100_000);
      for (const marker of markers) expect(library, `${entry}: ${marker}`).not.toContain(marker);
    }
    const cli = withImports(join(root, 'dist', 'cli.js'));
    for (const marker of markers) expect(cli).toContain(marker);
  });
});
