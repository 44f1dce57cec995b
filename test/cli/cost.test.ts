import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTokens, estimateCost } from '../../src/index.js';
import { ensureBuilt, json, tokmeter } from './cli.js';

let dir = '';
const prompt = 'Summarise the following meeting notes in three bullet points.\n'.repeat(40);

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tokmeter-cli-cost-'));
  writeFileSync(join(dir, 'prompt.txt'), prompt);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cost = (args: string[], input?: string) => tokmeter(['cost', ...args], { cwd: dir, ...(input !== undefined && { input }) });

describe('tokmeter cost', () => {
  it("prints the library's estimate, line by line, with the rates and the as-of date", () => {
    const result = cost(['--model', 'gpt-4o', '--input', '10000', '--cached-input', '8000', '--output', '500', '--at', '2026-12-07']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'gpt-4o, standard tier, on 2026-12-07: list price, checked 2026-07-24',
        '',
        'tokens of      count  USD per 1M    cost',
        'input          2,000        2.50  $0.005',
        'cached input   8,000        1.25  $0.01',
        'output           500       10.00  $0.005',
        '------------  ------  ----------  ------',
        'total         10,500              $0.02',
        '',
      ].join('\n'),
    );
  });

  it('gives the same numbers as estimateCost in --json, for every tier and kind of token', () => {
    const cases = [
      { args: ['--model', 'claude-sonnet-4-5', '--input', '250_000', '--output', '2,000', '--tier', 'batch'], options: { model: 'claude-sonnet-4-5', inputTokens: 250_000, outputTokens: 2_000, tier: 'batch' as const } },
      { args: ['--model', 'o3', '--input', '1000', '--output', '5000', '--reasoning', '4000', '--tier', 'flex'], options: { model: 'o3', inputTokens: 1_000, outputTokens: 5_000, reasoningTokens: 4_000, tier: 'flex' as const } },
      { args: ['--model', 'claude-haiku-4-5', '--input', '9000', '--cache-write', '3000', '--cached-input', '5000', '--output', '10'], options: { model: 'claude-haiku-4-5', inputTokens: 9_000, cacheWriteTokens: 3_000, cachedInputTokens: 5_000, outputTokens: 10 } },
    ];
    for (const { args, options } of cases) {
      expect(json(cost([...args, '--json']))).toEqual(JSON.parse(JSON.stringify(estimateCost(options))));
    }
  });

  it("prices a file's tokens as the prompt, counted with the model's tokenizer", () => {
    const tokens = countTokens(prompt);
    const result = json<{ total: number; file: unknown }>(cost(['--model', 'gpt-4.1-mini', '--output', '800', 'prompt.txt', '--json']));
    expect(result.total).toBe(estimateCost({ model: 'gpt-4.1-mini', inputTokens: tokens, outputTokens: 800 }).total);
    expect(result.file).toEqual({ path: 'prompt.txt', tokens, encoding: 'o200k_base', approximate: false });
    const human = cost(['--model', 'gpt-4.1-mini', 'prompt.txt']);
    expect(human.stdout).toContain(`prompt: prompt.txt, ${tokens.toLocaleString('en-US')} tokens (o200k_base)`);
    expect(cost(['--model', 'gpt-4.1-mini', '-', '--json'], prompt).stdout).toContain(`"tokens": ${tokens}`);
  });

  it('says when long-context prices re-price the request, and when counts are approximate', () => {
    expect(cost(['--model', 'gemini-2.5-pro', '--input', '200001', '--output', '1']).stdout).toContain(
      'The prompt is over 200,000 tokens, so long-context prices apply to the whole request.',
    );
    const approximate = cost(['--model', 'claude-sonnet-4-5', 'prompt.txt']);
    // Claude is priced on o200k_base's count × 1.19, the median ratio measured for its tokenizer.
    const standIn = countTokens(prompt, { encoding: 'o200k_base' });
    expect(approximate.stdout).toContain(
      `prompt: prompt.txt, ${Math.ceil(standIn * 1.19).toLocaleString('en-US')} tokens (o200k_base counts ${standIn.toLocaleString('en-US')} × 1.19, the measured median ratio; approximate)`,
    );
    expect(approximate.stderr).toContain('approximate');
    expect(approximate.stderr).toContain('× 1.19 is the central estimate');
    const gemini = cost(['--model', 'gemini-2.5-pro', 'prompt.txt']);
    expect(gemini.stdout).toContain(`tokens (o200k_base, approximate)`);
  });

  it('exits 1 for missing or malformed counts, and for both --input and a FILE', () => {
    for (const [args, message] of [
      [['--model', 'gpt-4o', '--input', '10'], /needs --input and --output/],
      [['--input', '10', '--output', '1'], /cost needs --model/],
      [['--model', 'gpt-4o', '--input', '1.5', '--output', '1'], /--input must be a whole number/],
      [['--model', 'gpt-4o', '--input', '-5', '--output', '1'], /--input must be a number, 0 or more, got -5/],
      [['--model', 'gpt-4o', '--input', '1e3', '--output', '1'], /--input must be a whole number/],
      [['--model', 'gpt-4o', '--input', '1', '--output', '1', '--tier', 'cheap'], /--tier must be one of standard, batch, flex, priority/],
      [['--model', 'gpt-4o', '--input', '1', 'prompt.txt'], /--input or a FILE, not both/],
    ] as const) {
      const result = cost([...args]);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
    }
  });

  it("exits 2 for the library's refusals and a missing file", () => {
    for (const [args, message] of [
      [['--model', 'gpt-5o', '--input', '1', '--output', '1'], /unknown model "gpt-5o"/],
      [['--model', 'gpt-4o', '--input', '10', '--cached-input', '20', '--output', '1'], /tokmeter: --cached-input takes the cached/],
      [['--model', 'gpt-4', '--input', '1', '--output', '1', '--tier', 'flex'], /flex/],
      [['--model', 'gpt-4o', 'nowhere.txt'], /^tokmeter: cannot read nowhere\.txt: no such file or directory \(ENOENT\)$/m],
    ] as const) {
      const result = cost([...args]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
    }
  });

  it('--at prices the row in effect that day, and a shut-down model is priced with a warning on stderr', () => {
    const promo = json<{ total: number; price: { kind: string; at: string } }>(cost(['--model', 'gpt-5.6-sol', '--input', '1000000', '--output', '0', '--at', '2026-09-01', '--json']));
    expect(promo.price).toMatchObject({ kind: 'promotion', at: '2026-09-01' });
    expect(promo.total).toBe(estimateCost({ model: 'gpt-5.6-sol', inputTokens: 1_000_000, outputTokens: 0, at: '2026-09-01' }).total);
    const retired = cost(['--model', 'gpt-4', '--input', '1000', '--output', '10', '--at', '2026-12-07']);
    expect(retired.code).toBe(0);
    expect(retired.stdout).toContain('gpt-4, standard tier, on 2026-12-07');
    expect(retired.stderr).toMatch(/^tokmeter: gpt-4 was shut down on 2026-10-23/);
    const current = cost(['--model', 'gpt-4o', '--input', '1000', '--output', '10', '--at', '2026-12-07']);
    expect(current.stderr).toBe('');
  });

  it('refuses an --at that is not a calendar day, and one before the model was priced', () => {
    expect(cost(['--model', 'gpt-4o', '--input', '1', '--output', '1', '--at', '2026-02-30'])).toMatchObject({ code: 1, stdout: '' });
    const early = cost(['--model', 'gpt-6.2-sol', '--input', '1', '--output', '1', '--at', '2025-01-01']);
    expect(early).toMatchObject({ code: 2, stdout: '' });
    expect(early.stderr).toMatch(/gpt-6.2-sol has no price in effect on 2025-01-01; its first price takes effect on 2026-11-17/);
  });
});
