import { describe, expect, it } from 'vitest';
import { estimateMemory } from '../../src/memory/index.js';

describe('inference', () => {
  it('stores every weight at a float precision', () => {
    expect(estimateMemory({ model: 'llama-3.1-8b', precision: 'bf16' }).breakdown.weights).toBe(2 * 8.03e9);
    expect(estimateMemory({ model: 'llama-3.1-8b', precision: 'fp32' }).breakdown.weights).toBe(4 * 8.03e9);
  });

  it('quantises the blocks and keeps embedding and output head at 16 bits', () => {
    // embeddings 2 × 128,256 × 4,096 = 1,050,673,152 at 2 B = 2,101,346,304
    // blocks 8,030,000,000 − 1,050,673,152 = 6,979,326,848 at 0.5 B = 3,489,663,424, at 1 B = 6,979,326,848
    expect(estimateMemory({ model: 'llama-3.1-8b', precision: 'int4' }).breakdown.weights).toBe(3_489_663_424 + 2_101_346_304);
    expect(estimateMemory({ model: 'llama-3.1-8b', precision: 'fp8' }).breakdown.weights).toBe(6_979_326_848 + 2_101_346_304);
  });

  it('holds the prefill working set: hidden state plus the wider of attention and feed-forward, and one row of logits', () => {
    // per token 2 × 4,096 + max(2 × 4,096 + 2 × 1,024, 2 × 14,336) = 36,864 elements × 2 B = 73,728 B
    // × 4,096 tokens = 301,989,888; logits 128,256 × 4 B = 513,024
    const estimate = estimateMemory({ model: 'llama-3.1-8b', precision: 'bf16', contextLength: 4096 });
    expect(estimate.breakdown.activations).toBe(301_989_888 + 513_024);
  });

  it('keeps activations and the KV cache 16-bit for quantised weights', () => {
    const bf16 = estimateMemory({ model: 'llama-3.1-8b', precision: 'bf16' });
    const int4 = estimateMemory({ model: 'llama-3.1-8b', precision: 'int4' });
    expect(int4.breakdown.kvCache).toBe(bf16.breakdown.kvCache);
    expect(int4.breakdown.activations).toBe(bf16.breakdown.activations);
  });

  it('has no gradients or optimizer state, and adds the stated overhead', () => {
    const estimate = estimateMemory({ model: 'llama-3.1-8b', precision: 'bf16', overhead: { fixedBytes: 0, fraction: 0.1 } });
    const { weights, kvCache, activations, gradients, optimizer, overhead } = estimate.breakdown;
    expect([gradients, optimizer]).toEqual([0, 0]);
    expect(overhead).toBe(Math.ceil((weights + kvCache + activations) * 0.1));
    expect(estimate.perGpuOverhead).toBe(0);
  });

  it('estimates a model given only its architecture, counting its parameters', () => {
    const config = {
      layers: 2,
      hiddenSize: 64,
      intermediateSize: 256,
      attentionHeads: 4,
      kvHeads: 2,
      headDim: 16,
      vocabSize: 1000,
    };
    // embeddings 2 × 1,000 × 64 = 128,000; per layer 2 × 64 × 64 + 2 × 64 × 32 + 3 × 64 × 256 + 2 × 64 = 61,568
    // 128,000 + 2 × 61,568 + 64 = 251,200 parameters × 2 B
    const estimate = estimateMemory({ config, precision: 'fp16' });
    expect(estimate.parameters).toBe(251_200);
    expect(estimate.breakdown.weights).toBe(502_400);
    expect(estimate.model).toBe('custom model');
  });

  it('notes a context longer than the model is configured for, and resident experts', () => {
    expect(estimateMemory({ model: 'llama-2-7b', precision: 'bf16', contextLength: 8192 }).notes[0]).toBe(
      'contextLength 8,192 is longer than the 4,096 tokens Llama-2-7B is configured for.',
    );
    expect(estimateMemory({ model: 'mixtral-8x7b', precision: 'bf16' }).notes).toContain(
      'All 8 experts stay in memory though 2 run per token; 12,900,000,000 parameters are active per token.',
    );
  });
});
