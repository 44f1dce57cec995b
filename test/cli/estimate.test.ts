import { beforeAll, describe, expect, it } from 'vitest';
import { compareModels, estimateMonthlySpend } from '../../src/index.js';
import { ensureBuilt, json, tokmeter } from './cli.js';

beforeAll(ensureBuilt, 180_000);

const estimate = (args: string[]) => tokmeter(['estimate', ...args]);

describe('tokmeter estimate', () => {
  it('prints the monthly spend, per request and by kind of token', () => {
    const result = estimate(['--model', 'gpt-4o-mini', '--requests-per-day', '10000', '--input', '2000', '--output', '300', '--cached-share', '0.5', '--at', '2026-12-07']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'gpt-4o-mini: $123.27 a month, $0.000405 a request',
        '304,375 requests a month (10,000 a day × 30.4375 days); 2,000 input + 300 output tokens each; 50% of the prompt cached',
        '',
        'spent on      a month',
        'input          $45.66',
        'cached input   $22.83',
        'output         $54.79',
        '------------  -------',
        'total         $123.27',
        '',
        'prices on 2026-12-07: list price, checked 2026-07-24',
        '',
      ].join('\n'),
    );
  });

  it('gives the same numbers as estimateMonthlySpend and compareModels in --json', () => {
    const scenario = { requestsPerMonth: 100_000, inputTokens: 150_000, outputTokens: 1_000, batchShare: 0.25 };
    const others = ['gpt-4.1-mini', 'claude-sonnet-4-5', 'gemini-2.5-pro', 'gpt-4o-mini'];
    const result = json<{ spend: unknown; ranking: { rank: number; model: string; total: number; fits: boolean }[] }>(
      estimate(['--model', 'gpt-4.1', '--requests-per-month', '100000', '--input', '150000', '--output', '1000', '--batch-share', '0.25', '--compare', others.join(','), '--json']),
    );
    expect(result.spend).toEqual(JSON.parse(JSON.stringify(estimateMonthlySpend({ model: 'gpt-4.1', ...scenario }))));
    const expected = compareModels(scenario, ['gpt-4.1', ...others]);
    expect(result.ranking.map((line) => [line.rank, line.model, line.total, line.fits])).toEqual(expected.map((line, i) => [i + 1, line.model, line.total, line.fits]));
    expect(result.ranking.find((line) => line.model === 'gpt-4o-mini')?.fits).toBe(false);
  });

  it('ranks --compare models cheapest first in a table that flags the ones a request does not fit', () => {
    const result = estimate(['--requests-per-month', '100000', '--input', '150000', '--output', '1000', '--compare', 'gpt-4.1-mini, gpt-4o-mini ,gemini-2.5-flash']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('100,000 requests a month; 150,000 input + 1,000 output tokens each');
    expect(lines[3]).toMatch(/^rank\s+model\s+a month\s+a request\s+fits one request\s+price since\s+checked$/);
    const ranked = lines.slice(4).map((line) => line.trim().split(/\s+/).slice(0, 2));
    expect(ranked).toEqual(compareModels({ requestsPerMonth: 100_000, inputTokens: 150_000, outputTokens: 1_000 }, ['gpt-4.1-mini', 'gpt-4o-mini', 'gemini-2.5-flash']).map((line, i) => [String(i + 1), line.model]));
    expect(result.stdout).toMatch(/gpt-4o-mini .* no: 23,000 over context window \(128,000\)/);
  });

  it('exits 1 without a request rate, with two, or without the token counts', () => {
    for (const args of [
      ['--model', 'gpt-4o', '--input', '1', '--output', '1'],
      ['--model', 'gpt-4o', '--requests-per-month', '1', '--requests-per-day', '1', '--input', '1', '--output', '1'],
      ['--model', 'gpt-4o', '--requests-per-month', '10'],
      ['--input', '1', '--output', '1', '--requests-per-month', '1'],
      ['--model', 'gpt-4o', '--requests-per-month', 'lots', '--input', '1', '--output', '1'],
      ['--model', 'gpt-4o', '--requests-per-month', '1', '--input', '1', '--output', '1', '--compare', ','],
      ['--model', 'gpt-4o', '--requests-per-month', '1', '--input', '1', '--output', '1', 'extra.txt'],
    ]) {
      const result = estimate(args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(1);
      expect(result.stdout).toBe('');
    }
  });

  it('exits 2 when the library refuses a share or a model', () => {
    for (const [args, message] of [
      [['--model', 'gpt-4o', '--requests-per-month', '1', '--input', '1', '--output', '1', '--cached-share', '1.5'], /--cached-share must be a number from 0 to 1/],
      [['--model', 'gpt-4o', '--requests-per-month', '1', '--input', '1', '--output', '1', '--compare', 'gpt-4o-mini,nope-model'], /unknown model "nope-model"/],
    ] as const) {
      const result = estimate([...args]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
    }
  });
});
