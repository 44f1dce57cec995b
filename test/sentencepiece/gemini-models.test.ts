// The Gemini → local tokenizer table against the JavaScript GenAI SDK installed here, and its lookup.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { GEMINI_SDK_TOKENIZERS, geminiLocalTokenizer } from '../../src/sentencepiece/gemini-models.js';

describe('geminiLocalTokenizer', () => {
  test("every id of @google/genai's own map (its ./tokenizer entry) is in the table with the same tokenizer", () => {
    const source = readFileSync(join(import.meta.dirname, '..', '..', 'node_modules', '@google', 'genai', 'dist', 'tokenizer', 'node.mjs'), 'utf8');
    const entries = [...source.matchAll(/^\s*'(gemini-[^']+)': '(gemma\d)',$/gm)].map((m) => [m[1]!, m[2]!] as const);
    expect(entries.length).toBeGreaterThanOrEqual(15);
    for (const [id, tokenizer] of entries) expect([id, GEMINI_SDK_TOKENIZERS.models[id as keyof typeof GEMINI_SDK_TOKENIZERS.models]]).toEqual([id, tokenizer]);
  });

  test('listed ids, provider prefixes, generations and the rest', () => {
    expect(geminiLocalTokenizer('gemini-2.5-flash')).toEqual({ tokenizer: 'gemma3', listed: true });
    expect(geminiLocalTokenizer('models/Gemini-2.5-Pro')).toEqual({ tokenizer: 'gemma3', listed: true });
    expect(geminiLocalTokenizer('vertex_ai/gemini-3-pro-preview')).toEqual({ tokenizer: 'gemma3', listed: true });
    expect(geminiLocalTokenizer('gemini-3-flash-preview')).toEqual({ tokenizer: 'gemma3', listed: true });
    expect(geminiLocalTokenizer('gemini-2.5-flash-preview-09-2025')).toEqual({ tokenizer: 'gemma3', listed: false });
    expect(geminiLocalTokenizer('gemini-2.0-flash-exp')).toEqual({ tokenizer: 'gemma3', listed: false });
    expect(geminiLocalTokenizer('gemini-3.1-pro-preview')).toEqual({ tokenizer: 'gemma4', listed: true });
    expect(geminiLocalTokenizer('gemini-3.5-flash')).toEqual({ tokenizer: 'gemma4', listed: true });
    expect(geminiLocalTokenizer('gemini-3.1-flash-image-preview')).toEqual({ tokenizer: 'gemma4', listed: false });
    expect(geminiLocalTokenizer('gemini-1.5-pro')).toBeUndefined();
    expect(geminiLocalTokenizer('gemini-4-pro')).toBeUndefined();
    expect(geminiLocalTokenizer('gemma-3-27b-it')).toBeUndefined();
  });
});
