import { describe, expect, it } from 'vitest';
import { hasEncodingData } from '../../src/encodings/open-data.js';
import { loadOpenEncodingData, openEncodingsNamed } from '../../src/cli/open-data.js';
import { InputError } from '../../src/cli/errors.js';
import { getEncoding } from '../../src/index.js';
import { ensureBuilt, tokmeter } from '../cli/cli.js';

describe('the command line and tokmeter-open', () => {
  it('finds the optional encodings a command names, by encoding or by model', () => {
    expect(openEncodingsNamed({ model: 'groq/llama-3.3-70b-versatile' })).toEqual(['llama3']);
    expect(openEncodingsNamed({ encoding: 'deepseek_v3', compare: 'gpt-4o, qwen/qwen3-32b' }).sort()).toEqual(['deepseek_v3', 'qwen2']);
    expect(openEncodingsNamed({ models: 'gpt-4o,claude-opus-5', encoding: 'o200k_base' })).toEqual([]);
    expect(openEncodingsNamed({ model: 'no-such-model' })).toEqual([]);
    // Gemini ids Google's SDK counts with gemma3 (not 3.1, which uses gemma4), and --encoding gemma3.
    expect(openEncodingsNamed({ model: 'gemini-2.5-pro' })).toEqual(['gemma3']);
    expect(openEncodingsNamed({ compare: 'gemini-3.1-pro-preview, vertex_ai/gemini-2.0-flash', encoding: 'gemma3' })).toEqual(['gemma3']);
    expect(openEncodingsNamed({ models: 'gemini-3.1-pro-preview' })).toEqual([]);
  });

  it('loads the data of installed tokmeter-open modules, and says how to install them when missing', async () => {
    await expect(loadOpenEncodingData(['qwen2'], () => Promise.reject(Object.assign(new Error('not found'), { code: 'ERR_MODULE_NOT_FOUND' })))).rejects.toThrow(InputError);
    await expect(loadOpenEncodingData(['qwen2'], () => Promise.reject(new Error('not found')))).rejects.toThrow(/npm install tokmeter-open/);
    expect(hasEncodingData('qwen2')).toBe(false);
    await loadOpenEncodingData(['qwen2'], (name) => import(`../../packages/tokmeter-open/${name}.js`));
    expect(hasEncodingData('qwen2')).toBe(true);
    expect(getEncoding('qwen2').count('hello world')).toBe(2);
  });

  it('tokmeter count --model for a Llama model without tokmeter-open fails with the install line (exit 2)', () => {
    ensureBuilt();
    const result = tokmeter(['count', '--model', 'groq/llama-3.3-70b-versatile', '-'], { input: 'hello world' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('npm install tokmeter-open');
    expect(result.stderr).not.toContain('import ');
  });
});
