import { describe, expect, it } from 'vitest';
import { globMatcher } from '../../src/cli/glob.js';
import { byteString, isIgnored, parseIgnoreFile, type IgnoreFile } from '../../src/cli/ignore-rules.js';
import { UsageError } from '../../src/cli/errors.js';

// Ignore-file rules and shell globs, in process: the details the git comparison
// (ignore-git.test.ts) reaches only by chance, and the time bound.

const file = (text: string, base = '', casefold = false) => parseIgnoreFile(byteString(text), base, casefold);
const ignored = (files: IgnoreFile[], path: string, isDirectory = false, casefold = false) => isIgnored(files, byteString(path), isDirectory, casefold);

describe('ignore-file lines', () => {
  it('drops trailing spaces unless escaped, a CR before the LF, comments and blank lines', () => {
    const { file: rules } = file('# note\n\nspaced   \nkept\\ \nwindows\r\n\\#literal\n');
    expect(rules.rules).toHaveLength(4);
    expect(ignored([rules], 'spaced')).toBe(true);
    expect(ignored([rules], 'spaced ')).toBe(false);
    expect(ignored([rules], 'kept ')).toBe(true);
    expect(ignored([rules], 'windows')).toBe(true);
    expect(ignored([rules], '#literal')).toBe(true);
  });

  it('reports lines that can never match with their line number, and keeps the rest', () => {
    const { file: rules, invalid } = file('good\n[oops\n[[:letter:]]\ntrailing\\\n');
    expect(rules.rules).toHaveLength(1);
    expect(invalid).toEqual([
      { line: 2, pattern: '[oops', reason: 'a [ is never closed by a ]' },
      { line: 3, pattern: '[[:letter:]]', reason: '[:letter:] is not a character class (alnum, alpha, blank, cntrl, digit, graph, lower, print, punct, space, upper, xdigit)' },
      { line: 4, pattern: 'trailing\\', reason: 'it ends in a lone \\' },
    ]);
  });

  it('lets the last matching line win, a deeper file over a shallower one', () => {
    const top = file('*.log\n!keep.log\n').file;
    const deeper = file('keep.log\n', 'sub/').file;
    expect(ignored([top], 'a.log')).toBe(true);
    expect(ignored([top], 'keep.log')).toBe(false);
    expect(ignored([top, deeper], 'sub/keep.log')).toBe(true);
    expect(ignored([deeper, top], 'sub/keep.log')).toBe(false);
  });

  it('anchors patterns with a slash to their file, matches others at any depth, and / at the end to folders only', () => {
    const rules = [file('/root.txt\ndoc/*.md\nbuild/\nname\n', 'pkg/').file];
    expect(ignored(rules, 'pkg/root.txt')).toBe(true);
    expect(ignored(rules, 'pkg/x/root.txt')).toBe(false);
    expect(ignored(rules, 'pkg/doc/a.md')).toBe(true);
    expect(ignored(rules, 'pkg/x/doc/a.md')).toBe(false);
    expect(ignored(rules, 'pkg/build', true)).toBe(true);
    expect(ignored(rules, 'pkg/build', false)).toBe(false);
    expect(ignored(rules, 'pkg/a/b/name')).toBe(true);
  });

  it("compares bytes, as git does: ? is one byte of a two-byte character", () => {
    const rules = [file('caf?.txt\nn??.md\n').file];
    expect(ignored(rules, 'cafe.txt')).toBe(true);
    expect(ignored(rules, 'café.txt')).toBe(false);
    expect(ignored(rules, 'né.md')).toBe(true);
  });

  it('compares ASCII letters without case under core.ignorecase', () => {
    const rules = [file('*.LOG\nBuild/\n', '', true).file];
    expect(ignored(rules, 'a.log', false, true)).toBe(true);
    expect(ignored(rules, 'BUILD', true, true)).toBe(true);
    expect(ignored([file('*.LOG\n').file], 'a.log')).toBe(false);
  });

  it('matches in time linear in pattern × path where regular expressions backtrack (the ignore package does not finish these)', () => {
    const started = performance.now();
    const deep = [file(`x/${'**/'.repeat(30)}b\n${'**/a/'.repeat(20)}b\n${'*a'.repeat(40)}b\n`).file];
    expect(ignored(deep, `x/${'a/'.repeat(5_000)}a`)).toBe(false);
    expect(ignored(deep, `${'a/'.repeat(5_000)}a`)).toBe(false);
    expect(ignored(deep, 'a'.repeat(20_000))).toBe(false);
    expect(ignored(deep, `x/${'a/'.repeat(40)}b`)).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('shell globs', () => {
  const matches = (pattern: string, path: string) => globMatcher(pattern).test(path);

  it('matches hidden entries only when the pattern names them', () => {
    expect(matches('*', '.env')).toBe(false);
    expect(matches('.*', '.env')).toBe(true);
    expect(matches('?env', '.env')).toBe(false);
    expect(matches('[.]env', '.env')).toBe(false);
    expect(matches('**/*.yml', '.github/ci.yml')).toBe(false);
    expect(matches('.github/*.yml', '.github/ci.yml')).toBe(true);
    expect(matches('**/.github/*', 'a/.github/ci.yml')).toBe(true);
    expect(matches('src/**', 'src/.cache/x')).toBe(false);
    expect(matches('src/**', 'src/a/b.c')).toBe(true);
    expect(matches('*.ts', 'a.test.ts')).toBe(true);
  });

  it('reads POSIX classes, runs of three or more stars as **, and ** inside a segment as *', () => {
    expect(matches('[[:digit:]]*.txt', '1a.txt')).toBe(true);
    expect(matches('[[:digit:]]*.txt', 'a1.txt')).toBe(false);
    expect(matches('[![:upper:]]*', 'lower')).toBe(true);
    expect(matches('***/z', 'a/b/z')).toBe(true);
    expect(matches('a**z', 'a/z')).toBe(false);
    expect(matches('a**z', 'abcz')).toBe(true);
  });

  it('refuses an unknown [:class:] with a usage error that names it', () => {
    expect(() => globMatcher('[[:letters:]]')).toThrow(UsageError);
    expect(() => globMatcher('[[:letters:]]')).toThrow(/\[:letters:\] is not a character class/);
  });

  it('keeps the time bound with the hidden-entry rule on', () => {
    const started = performance.now();
    expect(matches(`${'*a'.repeat(40)}b`, `.${'a'.repeat(20_000)}`)).toBe(false);
    expect(matches(`${'**/'.repeat(30)}*b`, `${'a/.'.repeat(3_000)}b`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
