import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { countTokens, estimateCost } from '../../src/index.js';
import { ensureBuilt, json, root, tokmeter } from './cli.js';

// count --tree, --top, --sort and --fit over test/cli/fixtures/sizing, a small project committed
// with the tests (the README shows the same runs).

const FIXTURE = 'test/cli/fixtures/sizing';
const FILES = ['.gitignore', 'README.md', 'docs/api.md', 'docs/guide.md', 'package.json', 'src/lexer.ts', 'src/parser.ts', 'src/util/strings.ts', 'test/parser_test.ts'];

const text = (path: string) => readFileSync(join(root, FIXTURE, path), 'utf8');
const tokens = (path: string, encoding: 'o200k_base' | 'cl100k_base' = 'o200k_base') => countTokens(text(path), { encoding });
const total = (encoding: 'o200k_base' | 'cl100k_base' = 'o200k_base') => FILES.reduce((sum, path) => sum + tokens(path, encoding), 0);

interface TreeJson {
  path: string;
  tokens: number;
  bytes: number;
  children?: TreeJson[];
}

beforeAll(ensureBuilt, 180_000);

const count = (...args: string[]) => tokmeter(['count', ...args]);

describe('count --tree', () => {
  it('prints every folder and file with its totals, largest first, under the folder they share', () => {
    const result = count('--tree', FIXTURE);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        'tokens  bytes  path',
        ' 1,232  4,583  test/cli/fixtures/sizing/',
        '   814  3,103  ├── src/',
        '   466  1,858  │   ├── parser.ts',
        '   291  1,028  │   ├── lexer.ts',
        '    57    217  │   └── util/',
        '    57    217  │       └── strings.ts',
        '   184    624  ├── test/',
        '   184    624  │   └── parser_test.ts',
        '   108    450  ├── docs/',
        '    78    332  │   ├── guide.md',
        '    30    118  │   └── api.md',
        '    67    233  ├── README.md',
        '    42    109  ├── package.json',
        '    17     64  └── .gitignore',
        '------  -----  ---------------------------',
        ' 1,232  4,583  total, 9 files (o200k_base)',
        '',
      ].join('\n'),
    );
    // The pinned figures are the library's counts of the fixture's files.
    expect([total(), tokens('src/parser.ts'), tokens('src/lexer.ts'), tokens('.gitignore')]).toEqual([1232, 466, 291, 17]);
  });

  it('sums up the entries under MIN tokens in one line per folder', () => {
    const lines = count('--tree', '150', FIXTURE).stdout.split('\n');
    expect(lines.slice(1, 9)).toEqual([
      ' 1,232  4,583  test/cli/fixtures/sizing/',
      '   814  3,103  ├── src/',
      '   466  1,858  │   ├── parser.ts',
      '   291  1,028  │   ├── lexer.ts',
      '    57    217  │   └── 1 smaller file',
      '   184    624  ├── test/',
      '   184    624  │   └── parser_test.ts',
      '   234    856  └── 5 smaller files',
    ]);
  });

  it('sorts by name with --sort path, and reads a word after --tree that is not a number as a path', () => {
    const lines = count('--tree', FIXTURE, '--sort', 'path').stdout.split('\n');
    expect(lines.slice(2, 6).map((line) => line.slice(15))).toEqual(['├── .gitignore', '├── README.md', '├── docs/', '│   ├── api.md']);
  });

  it('carries the whole tree in --json as { path, tokens, bytes, children? }', () => {
    const result = json<{ tree: TreeJson; total: { tokens: number } }>(count('--tree', '1000', FIXTURE, '--json'));
    const walk = (node: TreeJson): string[] => (node.children === undefined ? [node.path] : node.children.flatMap(walk));
    expect(walk(result.tree).sort()).toEqual(FILES.map((path) => `${FIXTURE}/${path}`).sort());
    expect(result.tree).toMatchObject({ path: '.', tokens: total(), bytes: 4583 });
    const src = result.tree.children![0]!.children![0]!.children![0]!.children![0]!.children![0]!;
    expect(src).toEqual({
      path: `${FIXTURE}/src`,
      tokens: 814,
      bytes: 3103,
      children: [
        { path: `${FIXTURE}/src/parser.ts`, tokens: 466, bytes: 1858 },
        { path: `${FIXTURE}/src/lexer.ts`, tokens: 291, bytes: 1028 },
        { path: `${FIXTURE}/src/util`, tokens: 57, bytes: 217, children: [{ path: `${FIXTURE}/src/util/strings.ts`, tokens: 57, bytes: 217 }] },
      ],
    });
  });
});

describe('count --top and --sort', () => {
  it('lists the N largest files with their share, and what they hold together', () => {
    expect(count('--top', '2', FIXTURE).stdout).toBe(
      [
        'tokens  bytes  share  file',
        '   466  1,858  37.8%  test/cli/fixtures/sizing/src/parser.ts',
        '   291  1,028  23.6%  test/cli/fixtures/sizing/src/lexer.ts',
        '------  -----  -----  --------------------------------------',
        ' 1,232  4,583   100%  total, 9 files (o200k_base)',
        '',
        'The largest 2 files hold 61.4% of the tokens.',
        '',
      ].join('\n'),
    );
  });

  it('orders the file list by tokens or by path, in text and in --json', () => {
    const byTokens = json<{ files: { path: string; tokens: number }[]; top: { path: string }[] }>(count(FIXTURE, '--sort', 'tokens', '--top', '1', '--json'));
    expect(byTokens.files.map((f) => f.tokens)).toEqual(FILES.map((path) => tokens(path)).sort((a, b) => b - a));
    expect(byTokens.top.map((f) => f.path)).toEqual([`${FIXTURE}/src/parser.ts`]);
    const lines = count(FIXTURE, '--sort', 'path').stdout.split('\n');
    expect(lines.slice(1, 4).map((line) => line.replace(/^\s*[\d,]+\s+[\d,]+\s+/, ''))).toEqual(FILES.slice(0, 3).map((path) => `${FIXTURE}/${path}`));
  });

  it('refuses --top 0, an unknown --sort, and --output or --at without --fit (exit 1)', () => {
    for (const [args, message] of [
      [['--top', '0'], /--top must be at least 1/],
      [['--sort', 'size'], /--sort must be one of tokens, path; got "size"/],
      [['--output', '100'], /--output and --at apply to --fit/],
      [['--exclude', '!*.md'], /--exclude takes a glob of files to leave out/],
    ] as const) {
      const result = count(FIXTURE, ...args);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(message);
    }
  });
});

describe('count --fit', () => {
  interface FitJson {
    fit: {
      at: string;
      outputTokens: number;
      models: { model: string; encoding: string; approximate: boolean; tokens: number; fits: boolean; overBy?: number; remaining?: number; limit?: string; cost: number; standInTokens?: number; pricedTokens?: number }[];
    };
  }

  it("answers for each day's flagships: the library's flagshipModels, the newest active model of each family", () => {
    const models = (at: string) => json<FitJson>(count(FIXTURE, '--fit', '--at', at, '--json')).fit.models.map((m) => m.model);
    expect(models('2026-12-07')).toEqual([
      'gpt-6.2-sol', 'gpt-6.2-astra', 'gpt-5.5', 'gpt-5.4-mini', 'claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5', 'gemini-4-carbon', 'gemini-3.8-flash',
    ]);
    expect(models('2026-10-01')).toEqual(['gpt-6.1-sol', 'gpt-6-astra', 'gpt-5.5', 'gpt-5.4-mini', 'claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-4-5', 'gemini-3.8-flash']);
  });

  it("counts each model's tokens with its own encoding, checks the window with --output reserved, and prices it as estimateCost does", () => {
    const result = count(FIXTURE, '--models', 'gpt-4,gpt-4o,claude-sonnet-5-5', '--output', '7000', '--at', '2026-12-07', '--json');
    const { fit } = json<FitJson>(result);
    expect(fit.at).toBe('2026-12-07');
    expect(fit.models.map((m) => [m.model, m.encoding, m.approximate, m.tokens])).toEqual([
      ['gpt-4', 'cl100k_base', false, total('cl100k_base')],
      ['gpt-4o', 'o200k_base', false, total()],
      // Claude's context check takes o200k_base's count × 1.9 (the measured upper ratio), its cost × 1.43.
      ['claude-sonnet-5-5', 'o200k_base', true, Math.ceil(total() * 1.9)],
    ]);
    expect(fit.models[2]).toMatchObject({ standInTokens: total(), pricedTokens: Math.ceil(total() * 1.43) });
    expect(total('cl100k_base')).not.toBe(total());
    expect(fit.models[0]).toMatchObject({ fits: false, limit: 'contextWindow', overBy: total('cl100k_base') + 7000 - 8192 });
    expect(fit.models[1]).toMatchObject({ fits: true, remaining: 128_000 - 7000 - total() });
    for (const m of fit.models) {
      expect(m.cost, m.model).toBe(estimateCost({ model: m.model, inputTokens: m.pricedTokens ?? m.tokens, outputTokens: 7000, at: '2026-12-07' }).total);
    }
    expect(result.stderr).toContain('gpt-4 was shut down on 2026-10-23');
  });

  it('prints a table with the encoding, the fit and the cost, and marks approximate counts', () => {
    const result = count(FIXTURE, '--models', 'gpt-4,claude-sonnet-5-5', '--output', '7000', '--at', '2026-12-07');
    expect(result.stdout).toBe(
      [
        '1,232 tokens in 9 files, 4,583 bytes (o200k_base)',
        '',
        'model                tokens  counted with    context  fits                                     cost',
        // 1,230 × $30 + 7,000 × $60 per 1M; Claude: 1,232 × 1.9 = 2,341 checked, ⌈1,232 × 1.43⌉ = 1,762 × $2 + 7,000 × $10 per 1M.
        'gpt-4                 1,230  cl100k_base       8,192  no: 38 over context window (8,192)  $0.4569',
        'claude-sonnet-5-5 ~   2,341  o200k_base    1,000,000  yes, 990,659 to spare               $0.073524',
        '',
        'As one prompt, at standard prices on 2026-12-07; 7,000 output tokens reserved and priced.',
        "~ approximate: the model's tokenizer is not public, so o200k_base stands in for it.",
        "  For Claude, which counts more: tokens are the stand-in's count × the measured upper ratio, cost × the median ratio (docs/claude-counts.md).",
        '',
      ].join('\n'),
    );
    expect(result.stderr).toMatch(/^tokmeter: gpt-4 was shut down on 2026-10-23/);
  });

  it('refuses an unknown model in --models (exit 2)', () => {
    const result = count(FIXTURE, '--models', 'gtp-4o');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/unknown model "gtp-4o"/);
  });
});
