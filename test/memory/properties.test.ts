import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MODEL_PRESETS, PRECISIONS, estimateMemory, type MemoryOptions, type Precision } from '../../src/memory/index.js';

// fc.assert reports the seed and the counterexample of any failure.
const modelId = fc.constantFrom(...MODEL_PRESETS.map((preset) => preset.id));
const batch = fc.integer({ min: 1, max: 64 });
const contextLength = fc.integer({ min: 1, max: 131_072 });

/** Settings under which memory depends on batch and context (the seed counts weights only for inference). */
const scenario = fc.oneof(
  fc.record({ mode: fc.constant('inference' as const), precision: fc.constantFrom(...PRECISIONS) }),
  fc.record({ mode: fc.constant('training' as const), precision: fc.constantFrom<Precision>('fp32', 'fp16', 'bf16') }),
  fc.record({
    mode: fc.constant('training' as const),
    method: fc.constant('lora' as const),
    precision: fc.constantFrom(...PRECISIONS),
    gradientCheckpointing: fc.boolean(),
  }),
  fc.record({
    mode: fc.constant('training' as const),
    precision: fc.constantFrom(...PRECISIONS),
    optimizer: fc.constantFrom('adamw' as const, 'adamw-8bit' as const, 'sgd' as const),
    assumptions: fc.constant('seed' as const),
  }),
);

const total = (options: MemoryOptions) => estimateMemory(options).total;

describe('properties', () => {
  it('memory grows with the batch', () => {
    fc.assert(
      fc.property(modelId, scenario, batch, fc.integer({ min: 1, max: 64 }), contextLength, (model, settings, b, more, context) => {
        const options = { model, ...settings, contextLength: context };
        expect(total({ ...options, batch: b + more })).toBeGreaterThan(total({ ...options, batch: b }));
      }),
    );
  });

  it('memory grows with the context length', () => {
    fc.assert(
      fc.property(modelId, scenario, batch, contextLength, fc.integer({ min: 1, max: 65_536 }), (model, settings, b, context, more) => {
        const options = { model, ...settings, batch: b };
        expect(total({ ...options, contextLength: context + more })).toBeGreaterThan(total({ ...options, contextLength: context }));
      }),
    );
  });

  // fp32 > fp16 = bf16 > fp8 = int8 > int4, by bits per weight.
  const byBits: readonly Precision[] = ['int4', 'int8', 'fp8', 'bf16', 'fp16', 'fp32'];
  const bits: Record<Precision, number> = { int4: 4, int8: 8, fp8: 8, bf16: 16, fp16: 16, fp32: 32 };

  it('a lower precision never needs more memory', () => {
    const pair = (choices: readonly Precision[]) =>
      fc
        .tuple(fc.constantFrom(...choices), fc.constantFrom(...choices))
        .map(([a, b]) => (bits[a] <= bits[b] ? ([a, b] as const) : ([b, a] as const)));
    const modes = fc.oneof(
      fc.record({ pair: pair(byBits), options: fc.constant<Partial<MemoryOptions>>({ mode: 'inference' }) }),
      fc.record({ pair: pair(['bf16', 'fp16', 'fp32']), options: fc.constant<Partial<MemoryOptions>>({ mode: 'training' }) }),
      fc.record({ pair: pair(byBits), options: fc.constant<Partial<MemoryOptions>>({ mode: 'training', method: 'lora' }) }),
      fc.record({ pair: pair(byBits), options: fc.constant<Partial<MemoryOptions>>({ mode: 'training', assumptions: 'seed' }) }),
      fc.record({ pair: pair(byBits), options: fc.constant<Partial<MemoryOptions>>({ mode: 'inference', assumptions: 'seed' }) }),
    );
    fc.assert(
      fc.property(modelId, modes, batch, contextLength, (model, { pair: [lower, higher], options }, b, context) => {
        const common = { model, ...options, batch: b, contextLength: context };
        expect(total({ ...common, precision: lower })).toBeLessThanOrEqual(total({ ...common, precision: higher }));
      }),
    );
  });

  it('the total is the sum of the breakdown, in whole bytes', () => {
    fc.assert(
      fc.property(modelId, scenario, batch, contextLength, (model, settings, b, context) => {
        const estimate = estimateMemory({ model, ...settings, batch: b, contextLength: context });
        const parts = Object.values(estimate.breakdown);
        for (const part of parts) expect(Number.isSafeInteger(part) && part >= 0).toBe(true);
        expect(parts.reduce((sum, part) => sum + part, 0)).toBe(estimate.total);
      }),
    );
  });
});
