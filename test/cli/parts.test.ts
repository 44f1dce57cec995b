import { describe, expect, it } from 'vitest';
import { binaryReason } from '../../src/cli/binary.js';
import { formatPrice, formatUsd, groupDigits } from '../../src/cli/format.js';
import { expandBraces, globMatcher, MAX_ALTERNATIVES, planGlob } from '../../src/cli/glob.js';
import { UsageError } from '../../src/cli/errors.js';
import { LARGE_INPUT_BYTES, renderProgress, startProgress } from '../../src/cli/progress.js';
import { formatTable } from '../../src/cli/table.js';

// The pieces under the commands, in process: what the subprocess tests cannot reach cheaply.

describe('glob matching', () => {
  const matches = (pattern: string, path: string) => globMatcher(pattern).test(path);

  it('keeps * and ? within one segment, and lets ** cross any number', () => {
    expect(matches('*.md', 'README.md')).toBe(true);
    expect(matches('*.md', 'docs/README.md')).toBe(false);
    expect(matches('doc?/*.md', 'docs/a.md')).toBe(true);
    expect(matches('**/*.md', 'a.md')).toBe(true);
    expect(matches('**/*.md', 'a/b/c.md')).toBe(true);
    expect(matches('a/**/c.md', 'a/c.md')).toBe(true);
    expect(matches('a/**/c.md', 'a/x/y/c.md')).toBe(true);
    expect(matches('a/**', 'a/x/y')).toBe(true);
    expect(matches('a/**/c.md', 'b/c.md')).toBe(false);
  });

  it('treats regular-expression characters literally', () => {
    expect(matches('v1.0+(x)/*.txt', 'v1.0+(x)/a.txt')).toBe(true);
    expect(matches('a.b', 'axb')).toBe(false);
  });

  it('matches [...] classes, ranges and negations within one segment, and \\ escapes', () => {
    expect(matches('src/cli/[a-c]*.ts', 'src/cli/args.ts')).toBe(true);
    expect(matches('src/cli/[a-c]*.ts', 'src/cli/files.ts')).toBe(false);
    expect(matches('[!a]*.md', 'b.md')).toBe(true);
    expect(matches('[!a]*.md', 'a.md')).toBe(false);
    expect(matches('[^a]*.md', 'a.md')).toBe(false);
    expect(matches('x[/]y', 'x/y')).toBe(false); // a class never matches the separator
    expect(matches('[]]x', ']x')).toBe(true);
    expect(matches('[abc', '[abc')).toBe(true); // an unclosed class is literal
    expect(matches('\\*.md', '*.md')).toBe(true);
    expect(matches('\\*.md', 'a.md')).toBe(false);
  });

  it('matches in time linear in pattern × name, whatever the stars (17 s before for one 201-character name)', () => {
    const started = performance.now();
    const name = 'a'.repeat(20_000);
    expect(matches('dir/*****c', `dir/${'a'.repeat(201)}`)).toBe(false);
    expect(matches(`${'*a'.repeat(40)}b`, name)).toBe(false);
    expect(matches('**/'.repeat(30) + '*b', `${'a/'.repeat(5_000)}a`)).toBe(false);
    expect(matches(`${'*a'.repeat(40)}`, name)).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('bounds brace expansion: too many alternatives or too deep a nesting is a usage error', () => {
    expect(() => expandBraces('{a,b}'.repeat(22))).toThrow(UsageError);
    expect(() => expandBraces('{a,b}'.repeat(22))).toThrow(new RegExp(`more than ${MAX_ALTERNATIVES} alternatives`));
    expect(() => expandBraces(`${'{a,'.repeat(100)}b${'}'.repeat(100)}`)).toThrow(/nests \{…\} groups more than/);
    expect(() => expandBraces('x'.repeat(5_000))).toThrow(/longer than/);
    expect(expandBraces('{a,b}'.repeat(10))).toHaveLength(1024);
  });

  it('expands {a,b}, nested too', () => {
    expect(expandBraces('*.{md,txt}')).toEqual(['*.md', '*.txt']);
    expect(expandBraces('{src,test/{a,b}}/*.ts').sort()).toEqual(['src/*.ts', 'test/a/*.ts', 'test/b/*.ts']);
    expect(expandBraces('plain')).toEqual(['plain']);
  });

  it('walks from the longest literal prefix, only as deep as the pattern reaches', () => {
    expect(planGlob('src/cli/*.ts')).toMatchObject({ base: 'src/cli', depth: 1 });
    expect(planGlob('src/**/*.ts')).toMatchObject({ base: 'src', depth: Infinity });
    expect(planGlob('*.md')).toMatchObject({ base: '.', depth: 1 });
    expect(planGlob('{src,test}/*.ts')).toMatchObject({ base: '.', depth: 2 });
    expect(planGlob('/tmp/x/*.txt')).toMatchObject({ base: '/tmp/x', depth: 1 });
    expect(planGlob('/*.txt')).toMatchObject({ base: '/', depth: 1 });
  });
});

describe('binary detection', () => {
  it('calls text with multi-byte characters text, even when the sample cuts one', () => {
    const text = Buffer.from('€'.repeat(4000));
    expect(binaryReason(text, true)).toBeUndefined();
    expect(binaryReason(text.subarray(0, 8191), false)).toBeUndefined();
    expect(binaryReason(text.subarray(0, 8191), true)).toMatch(/not UTF-8/);
  });

  it('calls NUL bytes and invalid UTF-8 binary', () => {
    expect(binaryReason(Buffer.from('abc\0def'), true)).toMatch(/NUL byte/);
    expect(binaryReason(Buffer.from([0x63, 0xe9, 0x20]), true)).toMatch(/not UTF-8/);
    expect(binaryReason(Buffer.from([0xc0, 0xaf]), false)).toMatch(/not UTF-8/);
    expect(binaryReason(new Uint8Array(0), true)).toBeUndefined();
  });
});

describe('number formats', () => {
  it('groups digits', () => {
    expect([0, 999, 1000, 1234567, 152187.5, -2500].map(groupDigits)).toEqual(['0', '999', '1,000', '1,234,567', '152,187.5', '-2,500']);
  });

  it('prints dollars in cents from $1 and to six significant digits below, never in exponent form', () => {
    expect([0, 0.02, 0.005, 0.0000003, 0.000405, 0.0020064, 0.2695, 1, 123.271875, 26950].map(formatUsd)).toEqual([
      '$0.00', '$0.02', '$0.005', '$0.0000003', '$0.000405', '$0.0020064', '$0.2695', '$1.00', '$123.27', '$26,950.00',
    ]);
  });

  it('prints prices per 1M with two decimals at least', () => {
    expect([2.5, 0.075, 0.0375, 10, undefined].map(formatPrice)).toEqual(['2.50', '0.075', '0.0375', '10.00', '-']);
  });
});

describe('tables', () => {
  it('pads columns, aligns numbers right and decimals on the point, and trims line ends', () => {
    const table = formatTable(
      [{ header: 'name' }, { header: 'n', align: 'right' }, { header: 'cost', align: 'decimal' }],
      [['a', '1', '$0.005'], ['bb', '1,000', '$12'], 'rule', ['total', '1,001', '$12.005']],
    );
    expect(table.split('\n')).toEqual([
      'name       n     cost',
      'a          1   $0.005',
      'bb     1,000  $12',
      '-----  -----  -------',
      'total  1,001  $12.005',
    ]);
  });
});

describe('progress bar', () => {
  const terminal = () => {
    const writes: string[] = [];
    return { writes, stream: { isTTY: true, columns: 80, write: (text: string) => writes.push(text) } };
  };

  it('draws on a terminal for large inputs, at most every 100 ms, and erases itself', () => {
    const { writes, stream } = terminal();
    let now = 0;
    const progress = startProgress(stream, { bytes: LARGE_INPUT_BYTES * 2, files: 2 }, () => now);
    expect(writes).toHaveLength(1);
    progress.advance(LARGE_INPUT_BYTES);
    expect(writes).toHaveLength(1); // same instant: no redraw
    now = 150;
    progress.advance(1);
    expect(writes).toHaveLength(2);
    expect(writes[1]).toContain(' 50%  32.0 MiB of 64.0 MiB in 2 files');
    progress.finish();
    expect(writes.at(-1)).toBe('\r\x1b[2K');
    expect(writes.every((text) => text.startsWith('\r\x1b[2K'))).toBe(true);
  });

  it('stays silent when stderr is not a terminal or the input is small', () => {
    const { writes, stream } = terminal();
    startProgress({ ...stream, isTTY: false }, { bytes: LARGE_INPUT_BYTES * 4, files: 1 }).finish();
    startProgress(stream, { bytes: LARGE_INPUT_BYTES - 1, files: 1 }).finish();
    expect(writes).toEqual([]);
  });

  it('fits the bar to the terminal width', () => {
    const line = renderProgress(5, { bytes: 10, files: 1 }, 60);
    expect(line.length).toBeLessThan(60);
    expect(line).toMatch(/^counting \[#+\.+\]  50%  5 B of 10 B in 1 file$/);
  });
});
