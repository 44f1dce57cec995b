import { describe, expect, it } from 'vitest';
import { UnknownModelError } from '../../src/errors.js';
import { GPUS, MODEL_PRESETS, countParameters, estimateMemory, findModelPreset } from '../../src/memory/index.js';

describe('model presets', () => {
  it('has the models the issue lists', () => {
    expect(MODEL_PRESETS.map((preset) => preset.id)).toEqual([
      'llama-2-7b',
      'llama-2-13b',
      'llama-2-70b',
      'llama-3.1-8b',
      'llama-3.1-70b',
      'llama-3.1-405b',
      'mistral-7b',
      'mixtral-8x7b',
      'qwen2.5-7b',
      'qwen2.5-72b',
      'gpt-oss-20b',
      'gpt-oss-120b',
    ]);
  });

  // A mistyped dimension moves the implied count far more than the biases it leaves out.
  it.each(MODEL_PRESETS.map((preset) => [preset.id, preset] as const))(
    '%s: the architecture implies the published parameter count within 1%',
    (_id, preset) => {
      const implied = countParameters(preset);
      expect(Math.abs(implied - preset.parameters) / preset.parameters).toBeLessThan(0.01);
    },
  );

  it('counts Llama-2-7B exactly: 6,738,415,616', () => {
    // embeddings 2 × 32,000 × 4,096 = 262,144,000
    // per layer: attention 4 × 4,096² = 67,108,864; SwiGLU 3 × 4,096 × 11,008 = 135,266,304; norms 2 × 4,096
    // 32 × 202,383,360 = 6,476,267,520; + 262,144,000 + final norm 4,096
    expect(countParameters(MODEL_PRESETS[0]!)).toBe(6_738_415_616);
  });

  it('names a source for every preset and every GPU', () => {
    for (const record of [...MODEL_PRESETS, ...GPUS]) expect(record.source.length).toBeGreaterThan(10);
  });

  it('gives mixture-of-experts models total and active counts', () => {
    for (const id of ['mixtral-8x7b', 'gpt-oss-20b', 'gpt-oss-120b']) {
      const preset = findModelPreset(id)!;
      expect(preset.experts).toBeDefined();
      expect(preset.activeParameters).toBeLessThan(preset.parameters);
    }
  });

  it('finds a preset by its Hugging Face id in any case', () => {
    expect(findModelPreset('Qwen/Qwen2.5-72B-Instruct')?.id).toBe('qwen2.5-72b');
    expect(findModelPreset('META-LLAMA/LLAMA-3.1-8B')?.id).toBe('llama-3.1-8b');
    expect(findModelPreset('llama-4')).toBeUndefined();
  });

  it('rejects an unknown model with suggestions', () => {
    let error: unknown;
    try {
      estimateMemory({ model: 'llama-2-8b', precision: 'bf16' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnknownModelError);
    expect((error as UnknownModelError).suggestions).toContain('llama-2-7b');
    expect((error as Error).message).toMatch(/^tokmeter: unknown model "llama-2-8b"\. Did you mean .*options\.config/);
  });
});
