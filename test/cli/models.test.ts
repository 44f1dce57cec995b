import { beforeAll, describe, expect, it } from 'vitest';
import { getModel, listModels } from '../../src/index.js';
import { ensureBuilt, json, tokmeter } from './cli.js';

beforeAll(ensureBuilt, 180_000);

describe('tokmeter models', () => {
  const at = '2026-12-07';
  const priced = (id: string) => {
    try {
      return getModel(id, { at });
    } catch {
      return undefined; // not yet priced on that day
    }
  };

  it('lists the models priced on the day, with context, limits, standard prices, the price row and the status', () => {
    const result = tokmeter(['models', '--at', at]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^model\s+provider\s+context\s+max input\s+max output\s+input\s+cached\s+output\s+price since\s+status$/);
    const ids = listModels().filter((id) => priced(id) !== undefined && priced(id)!.status !== 'shut-down');
    expect(lines.slice(1, 1 + ids.length).map((line) => line.split(/\s+/)[0])).toEqual(ids);
    const gpt5 = lines.find((line) => line.startsWith('gpt-5 '))!;
    const info = getModel('gpt-5', { at });
    expect(gpt5.split(/\s+/).filter((cell) => cell !== '')).toEqual(
      ['gpt-5', 'openai', '400,000', '272,000', '128,000', '1.25', '0.125', '10.00', info.price.effectiveFrom ?? '', 'deprecated,', 'until', '2026-12-11'].filter((cell) => cell !== ''),
    );
    expect(info.status).toBe('deprecated');
    expect(lines.find((line) => line.startsWith('gpt-4o '))).toMatch(/until 2027-01-14$/);
    expect(lines.find((line) => line.startsWith('claude-haiku-4-5 '))).toMatch(/^claude-haiku-4-5 ~/);
    expect(result.stdout).toContain(`Prices in USD per 1M tokens, standard tier, on ${at}`);
    expect(lines.some((line) => line.startsWith('gpt-4 '))).toBe(false); // shut down 2026-10-23
  });

  it('--all lists shut-down models too, marked', () => {
    const result = tokmeter(['models', '--all', '--at', at]);
    const gpt4 = result.stdout.split('\n').find((line) => line.startsWith('gpt-4 '));
    expect(gpt4).toMatch(/shut down 2026-10-23$/);
    const ids = listModels().filter((id) => priced(id) !== undefined);
    expect(result.stdout.trimEnd().split('\n').slice(1, 1 + ids.length).map((line) => line.split(/\s+/)[0])).toEqual(ids);
  });

  it('--at shows the prices of that day', () => {
    const before = json<{ id: string; pricing: { standard: { input: number } }; price: { kind: string } }[]>(tokmeter(['models', '--provider', 'openai', '--json', '--at', '2026-09-01']));
    const sol = before.find((m) => m.id === 'gpt-5.6-sol');
    expect(sol?.price.kind).toBe('promotion');
    expect(sol?.pricing.standard.input).toBe(getModel('gpt-5.6-sol', { at: '2026-09-01' }).pricing.standard.input);
    expect(tokmeter(['models', '--at', '2026-9-1'])).toMatchObject({ code: 1, stdout: '' });
  });

  it('filters by provider, and refuses an unknown one naming the known ones', () => {
    const anthropic = json<{ id: string; provider: string }[]>(tokmeter(['models', '--provider', 'Anthropic', '--all', '--json', '--at', at]));
    expect(anthropic.map((m) => m.id)).toEqual(listModels().filter((id) => priced(id)?.provider === 'anthropic'));
    expect(anthropic[0]).toEqual(JSON.parse(JSON.stringify(getModel(anthropic[0]!.id, { at }))));
    const result = tokmeter(['models', '--provider', 'mistral']);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'tokmeter: no models from provider "mistral". Providers: anthropic, google, openai.\n' });
  });

  it('takes no file arguments', () => {
    expect(tokmeter(['models', 'gpt-4o'])).toMatchObject({ code: 1, stdout: '' });
  });
});
