import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { walkFolder, type WalkedFile, type WalkProblem } from '../../src/cli/walk.js';

// The walk of a folder in a git work tree must list what `git ls-files --cached --others
// --exclude-standard` lists: checked here against the real git, in temporary repositories.

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** git with no user or system configuration, so no global excludes file changes its answer. */
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, HOME: cwd, XDG_CONFIG_HOME: join(cwd, '.no-config'), GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  });
}

function repository(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tokmeter-ignore-git-'));
  roots.push(root);
  git(root, 'init', '-q');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** What git lists, files only: a nested repository shows as `dir/`, which is not a file. */
function gitFiles(root: string): string[] {
  return git(root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard')
    .split('\0')
    .filter((path) => path !== '' && !path.endsWith('/'))
    .sort();
}

function walked(root: string, folder = root): { files: string[]; problems: WalkProblem[]; notes: string[] } {
  const problems: WalkProblem[] = [];
  const notes: string[] = [];
  const found: WalkedFile[] = [];
  walkFolder(folder, { ignore: true, depth: Infinity }, { fail: (p) => problems.push(p), skip: (p) => problems.push(p), note: (n) => notes.push(n) }, (f) => found.push(f));
  const prefix = folder === root ? '' : `${folder.slice(root.length + 1)}/`;
  return { files: found.map((file) => prefix + file.relative).sort(), problems, notes };
}

const TREE: Record<string, string> = {
  '.gitignore': [
    '# a comment, then the rules',
    '*.log',
    '!keep.log',
    '!important-?.log',
    '/build/',
    'docs/*.tmp',
    'temp?/',
    '[Bb]ackup*',
    '**/generated/**',
    'node_modules',
    'trailing\\ ',
    'spaces   ',
    '\\#hash',
    '\\!bang',
    'a/**/z.txt',
    'foo**/bar.txt',
    '*.[oa]',
    '[[:digit:]]*.num',
    'caf??.txt',
    'unclosed[',
    '',
  ].join('\n'),
  'a.log': 'a', 'keep.log': 'k', 'important-1.log': 'i', 'build/x.js': 'x', 'sub/build/y.js': 'y', 'docs/a.tmp': 't', 'docs/deep/b.tmp': 'b',
  'temp1/x.txt': 'x', 'tempfile': 'f', 'Backup1.txt': 'b', 'backup.txt': 'b', 'other-backup.txt': 'o',
  'src/generated/g.ts': 'g', 'x/generated/y/z.ts': 'z', 'generated.ts': 'g', 'node_modules/p/index.js': 'p', 'deep/node_modules/q.js': 'q',
  'trailing ': 't', 'spaces': 's', '#hash': 'h', '!bang': 'b', 'a/z.txt': 'z', 'a/b/c/z.txt': 'z', 'b/z.txt': 'z',
  'foox/bar.txt': 'f', 'foo/bar.txt': 'f', 'foo/x/bar.txt': 'f', 'main.o': 'o', 'lib.a': 'a', 'main.c': 'c',
  '1.num': '1', 'x.num': 'x', 'café.txt': 'c', 'cafe.txt': 'c', 'unclosed[': 'u',
  'sub/.gitignore': '!*.log\n/local.txt\ndeep/\n',
  'sub/a.log': 'a', 'sub/local.txt': 'l', 'sub/x/local.txt': 'l', 'sub/deep/f.txt': 'f', 'sub/deepish/f.txt': 'f',
  'sub/inner/.gitignore': '*.md\n!README.md\n',
  'sub/inner/a.md': 'a', 'sub/inner/README.md': 'r', 'sub/inner/b.txt': 'b',
  'sub/crlf/.gitignore': '*.bak\r\n',
  'sub/crlf/x.bak': 'x', 'sub/crlf/x.txt': 'x',
  'secret.txt': 's', 'sub/secret.txt': 's',
  '.github/workflows/ci.yml': 'ci', '.env.example': 'e',
};

describe('the walk in a git work tree lists what git ls-files lists', () => {
  it('nested .gitignore files, negations, anchoring, folder-only rules, ** forms, classes, escapes, trailing spaces, CRLF, .git/info/exclude', () => {
    const root = repository(TREE);
    writeFileSync(join(root, '.git', 'info', 'exclude'), 'secret.txt\n');
    const expected = gitFiles(root);
    const { files, notes } = walked(root);
    expect(files).toEqual(expected);
    // Spot checks that the case exercises what it says.
    expect(expected).toContain('keep.log');
    expect(expected).toContain('important-1.log');
    expect(expected).toContain('sub/a.log');
    expect(expected).not.toContain('a.log');
    expect(expected).toContain('sub/build/y.js');
    expect(expected).not.toContain('foox/bar.txt');
    expect(expected).toContain('cafe.txt');
    expect(expected).not.toContain('café.txt');
    expect(expected).toContain('.github/workflows/ci.yml');
    expect(notes).toEqual([`${join(root, '.gitignore')}:20: the pattern "unclosed[" never matches (a [ is never closed by a ]); git skips it too. Fix or remove the line.`]);
  });

  it('counts tracked files that an ignore rule matches, in index versions 2, 3 and 4, and leaves nested repositories out', () => {
    const root = repository({ ...TREE, 'vendor/lib/inner.txt': 'nested' });
    git(join(root, 'vendor', 'lib'), 'init', '-q');
    git(root, 'add', '-f', 'build/x.js', 'a.log', 'sub/deep/f.txt');
    git(root, 'add', '-N', 'main.c'); // intent-to-add: an extended flag, so index version 3
    expect(git(root, 'ls-files', '--debug', 'main.c')).toContain('flags: 20004000');
    for (const version of ['3', '4', '2']) {
      git(root, 'update-index', '--index-version', version);
      const { files, problems } = walked(root);
      expect(files, `index version ${version}`).toEqual(gitFiles(root));
      expect(files).toContain('build/x.js');
      expect(files).toContain('sub/deep/f.txt');
      expect(problems.map((p) => p.path)).toEqual([join(root, 'vendor', 'lib')]);
    }
  });

  it('walking a subfolder applies the .gitignore files above it', () => {
    const root = repository(TREE);
    const sub = join(root, 'sub');
    expect(walked(root, sub).files).toEqual(gitFiles(root).filter((path) => path.startsWith('sub/')));
  });

  it('agrees with git on generated trees and rules (fast-check; a failure prints its seed)', () => {
    const name = fc.constantFrom('a', 'b', 'ab', '.h', 'x.md', 'y.log', 'a b', 'é', 'Q');
    const path = fc.array(name, { minLength: 1, maxLength: 4 }).map((segments) => segments.join('/'));
    const piece = fc.constantFrom('a', 'b', '*', '?', '**', '[ab]', '[!a]', '*.md', 'x*', '.h', 'é', '\\*', '[[:alpha:]]*');
    const rule = fc
      .tuple(fc.boolean(), fc.boolean(), fc.array(piece, { minLength: 1, maxLength: 3 }), fc.boolean())
      .map(([negative, anchored, pieces, folderOnly]) => `${negative ? '!' : ''}${anchored ? '/' : ''}${pieces.join('/')}${folderOnly ? '/' : ''}`);
    fc.assert(
      fc.property(fc.uniqueArray(path, { minLength: 1, maxLength: 12 }), fc.array(rule, { maxLength: 6 }), fc.array(rule, { maxLength: 3 }), (paths, top, nested) => {
        // A path may not be both a file and a folder: keep the ones that are no other's prefix.
        const files = paths.filter((p) => !paths.some((q) => q.startsWith(`${p}/`)));
        const tree: Record<string, string> = { '.gitignore': `${top.join('\n')}\n` };
        for (const file of files) if (!file.endsWith('.gitignore')) tree[file] = 'x';
        const folder = files.find((f) => f.includes('/'))?.split('/')[0];
        if (folder !== undefined) tree[`${folder}/.gitignore`] = `${nested.join('\n')}\n`;
        const root = repository(tree);
        try {
          expect(walked(root).files).toEqual(gitFiles(root));
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
