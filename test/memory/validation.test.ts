import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { estimateMemory } from '../../src/memory/index.js';

/** Calls estimateMemory with options the types would reject, as a JavaScript caller or the CLI might. */
function failure(options: Record<string, unknown>): InvalidArgumentError {
  try {
    estimateMemory(options as unknown as Parameters<typeof estimateMemory>[0]);
  } catch (error) {
    if (error instanceof InvalidArgumentError) return error;
    throw error;
  }
  throw new Error('estimateMemory accepted the options');
}

const llama = { model: 'llama-2-7b', precision: 'bf16' };

describe('validation errors name the field', () => {
  it('an unknown precision, with the known ones and a suggestion', () => {
    const error = failure({ model: 'llama-2-7b', precision: 'int3' });
    expect(error.field).toBe('options.precision');
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe(
      'tokmeter: options.precision must be one of "fp32", "fp16", "bf16", "fp8", "int8", "int4", got "int3". Did you mean "int4"?',
    );
  });

  it('a missing precision', () => {
    expect(failure({ model: 'llama-2-7b' }).message).toBe('tokmeter: options.precision is required; it must be one of "fp32", "fp16", "bf16", "fp8", "int8", "int4".');
  });

  it('an unknown optimizer', () => {
    const error = failure({ ...llama, mode: 'training', optimizer: 'adam' });
    expect(error.field).toBe('options.optimizer');
    expect(error.message).toContain('must be one of "adamw", "adamw-8bit", "sgd", got "adam". Did you mean "adamw"?');
  });

  it.each([
    ['batch', 0, 'options.batch must be a positive integer, got 0.'],
    ['batch', -4, 'options.batch must be a positive integer, got -4.'],
    ['batch', 1.5, 'options.batch must be a whole number, got 1.5.'],
    ['contextLength', 0, 'options.contextLength must be a positive integer, got 0.'],
    ['contextLength', '2048', 'options.contextLength must be a finite number, got "2048".'],
    ['batch', Number.POSITIVE_INFINITY, 'options.batch must be a finite number, got Infinity.'],
  ])('%s = %o', (field, value, message) => {
    const error = failure({ ...llama, [field]: value });
    expect(error.field).toBe(`options.${field}`);
    expect(error.message).toBe(`tokmeter: ${message}`);
  });

  it('non-positive sizes inside nested options', () => {
    expect(failure({ ...llama, mode: 'training', method: 'lora', lora: { rank: 0 } }).field).toBe('options.lora.rank');
    expect(failure({ ...llama, overhead: { fixedBytes: -1 } }).field).toBe('options.overhead.fixedBytes');
    expect(failure({ ...llama, gpus: [{ id: 'x', name: 'X', bytes: 0 }] }).field).toBe('options.gpus[0].bytes');
    expect(failure({ ...llama, gpus: [] }).field).toBe('options.gpus');
  });

  it('a custom architecture with a bad size or inconsistent heads', () => {
    const config = { layers: 2, hiddenSize: 64, intermediateSize: 256, attentionHeads: 4, kvHeads: 2, headDim: 16, vocabSize: 1000 };
    expect(failure({ config: { ...config, layers: 0 }, precision: 'bf16' }).field).toBe('options.config.layers');
    const heads = failure({ config: { ...config, kvHeads: 3 }, precision: 'bf16' });
    expect(heads.field).toBe('options.config.kvHeads');
    expect(heads.message).toBe('tokmeter: options.config.kvHeads must divide attentionHeads (4), got 3.');
  });

  it('a misspelt option, with a suggestion', () => {
    const error = failure({ ...llama, contextLenght: 4096 });
    expect(error.field).toBe('options.contextLenght');
    expect(error.message).toMatch(/^tokmeter: options\.contextLenght is not an option of estimateMemory; did you mean contextLength\? It takes model, config, /);
  });

  it('neither a model nor a config, or both', () => {
    expect(failure({ precision: 'bf16' }).field).toBe('options.model');
    const config = { layers: 2, hiddenSize: 64, intermediateSize: 256, attentionHeads: 4, kvHeads: 2, headDim: 16, vocabSize: 1000 };
    expect(failure({ ...llama, config }).field).toBe('options.config');
  });

  it('options that the mode, method or assumptions cannot use', () => {
    expect(failure({ ...llama, optimizer: 'sgd' }).message).toBe(
      "tokmeter: options.optimizer applies to training; set mode: 'training' or leave it out.",
    );
    expect(failure({ ...llama, mode: 'training', kvCachePrecision: 'fp8' }).field).toBe('options.kvCachePrecision');
    expect(failure({ ...llama, mode: 'training', lora: { rank: 8 } }).field).toBe('options.lora');
    expect(failure({ ...llama, mode: 'training', method: 'lora', assumptions: 'seed' }).field).toBe('options.method');
    expect(failure({ ...llama, assumptions: 'seed', overhead: { fraction: 0.1 } }).field).toBe('options.overhead');
  });

  it('a precision the training method cannot use', () => {
    const full = failure({ model: 'llama-2-7b', precision: 'int4', mode: 'training' });
    expect(full.field).toBe('options.precision');
    expect(full.message).toContain("method 'lora'");
    expect(failure({ ...llama, mode: 'training', method: 'qlora' }).message).toMatch(/^tokmeter: options\.precision must be 'int4' for QLoRA/);
  });
});
