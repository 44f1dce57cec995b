import { beforeAll, describe, expect, it } from 'vitest';
import { getModel, listModels } from '../../src/index.js';
import { ensureBuilt, json, tokmeter } from './cli.js';

beforeAll(ensureBuilt, 180_000);

describe('tokmeter models', () => {
  it('lists every catalog model with its context, limits, standard prices and as-of date', () => {
    const result = tokmeter(['models']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^model\s+provider\s+context\s+max input\s+max output\s+input\s+cached\s+output\s+as of$/);
    const ids = listModels();
    expect(lines.slice(1, 1 + ids.length).map((line) => line.split(/\s+/)[0])).toEqual(ids);
    const gpt5 = lines.find((line) => line.startsWith('gpt-5 '))!;
    const info = getModel('gpt-5');
    expect(gpt5.split(/\s+/)).toEqual(['gpt-5', 'openai', '400,000', '272,000', '128,000', '1.25', '0.125', '10.00', info.asOf]);
    expect(lines.find((line) => line.startsWith('claude-haiku-4-5 '))).toMatch(/^claude-haiku-4-5 ~/);
    expect(result.stdout).toContain('Prices in USD per 1M tokens, standard tier');
  });

  it('filters by provider, and refuses an unknown one naming the known ones', () => {
    const anthropic = json<{ id: string; provider: string }[]>(tokmeter(['models', '--provider', 'Anthropic', '--json']));
    expect(anthropic.map((m) => m.id)).toEqual(listModels().filter((id) => getModel(id).provider === 'anthropic'));
    expect(anthropic[0]).toEqual(JSON.parse(JSON.stringify(getModel(anthropic[0]!.id))));
    const result = tokmeter(['models', '--provider', 'mistral']);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'tokmeter: no models from provider "mistral". Providers: anthropic, google, openai.\n' });
  });

  it('takes no file arguments', () => {
    expect(tokmeter(['models', 'gpt-4o'])).toMatchObject({ code: 1, stdout: '' });
  });
});
