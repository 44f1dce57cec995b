import { describe, expect, it } from 'vitest';
import { estimateMemory, formatBytes } from '../../src/memory/index.js';

// The seed article's figures for Llama-2-7B, reproduced under assumptions: 'seed'.
describe("the seed's weights-only figures (its GB are GiB)", () => {
  const weights = (precision: 'fp32' | 'fp16' | 'bf16' | 'int8' | 'int4') =>
    estimateMemory({ model: 'llama-2-7b', precision, assumptions: 'seed' });

  it.each([
    ['fp32', 28_000_000_000, '26.08 GiB'], // 7 × 10⁹ × 4 / 1024³ = 26.077…
    ['fp16', 14_000_000_000, '13.04 GiB'], // "≈ 13 GB"
    ['bf16', 14_000_000_000, '13.04 GiB'],
    ['int8', 7_000_000_000, '6.52 GiB'], // "≈ 6.5 GB"
    ['int4', 3_500_000_000, '3.26 GiB'], // "≈ 3.26 GB"
  ] as const)('%s: %d bytes = %s', (precision, bytes, shown) => {
    const estimate = weights(precision);
    expect(estimate.breakdown.weights).toBe(bytes);
    expect(estimate.total).toBe(bytes);
    expect(formatBytes(estimate.total, 'GiB')).toBe(shown);
  });

  it('counts the 7 × 10⁹ in the name, not the published 6.74 × 10⁹', () => {
    expect(weights('fp32').parameters).toBe(7e9);
    expect(estimateMemory({ model: 'llama-2-7b', precision: 'fp32' }).breakdown.weights).toBe(6.74e9 * 4);
  });
});

describe("the seed's training example: int8, AdamW, batch 50, context 2048 (its GB here are 10⁹ bytes)", () => {
  const estimate = estimateMemory({
    model: 'llama-2-7b',
    mode: 'training',
    precision: 'int8',
    optimizer: 'adamw',
    batch: 50,
    contextLength: 2048,
    assumptions: 'seed',
  });

  it('has the seed\'s components to the byte', () => {
    expect(estimate.breakdown).toEqual({
      weights: 7_000_000_000, // "weights 7 GB"
      gradients: 7_000_000_000, // "+ gradients 7 GB"
      optimizer: 14_000_000_000, // "+ AdamW states 2 × weights = 14 GB"
      activations: 49_492_787_200, // (4096 + 11008) × 2048 × 32 × 1 B = 989,855,744 per sample, × 50
      kvCache: 0,
      overhead: 0,
    });
    expect(estimate.total).toBe(77_492_787_200);
  });

  it('prints ≈ 990 MB per sample and ≈ 77 GB in all', () => {
    const oneSample = estimateMemory({ model: 'llama-2-7b', mode: 'training', precision: 'int8', batch: 1, assumptions: 'seed' });
    expect(oneSample.breakdown.activations).toBe(989_855_744);
    expect(formatBytes(oneSample.breakdown.activations, 'GB')).toBe('0.99 GB');
    expect(formatBytes(estimate.total, 'GB')).toBe('77.49 GB');
    // In GiB the same bytes are 72.17: the seed's training figures are decimal GB.
    expect(formatBytes(estimate.total, 'GiB')).toBe('72.17 GiB');
  });

  it('fits on an 80 GB A100, as the seed says', () => {
    expect(estimate.fitsOn.map((fit) => fit.gpu.id)).toEqual(['a100-80gb', 'h100-80gb', 'h200']);
    expect(estimate.placement).toMatchObject({ fits: true, headroom: 80e9 - 77_492_787_200 });
    expect(estimate.placement.gpu.id).toBe('a100-80gb');
  });

  it('applies its other optimizer rules: 8-bit AdamW 2 B per parameter, SGD one copy of the weights', () => {
    const withOptimizer = (optimizer: 'adamw-8bit' | 'sgd') =>
      estimateMemory({ model: 'llama-2-7b', mode: 'training', precision: 'int8', optimizer, batch: 50, assumptions: 'seed' }).breakdown
        .optimizer;
    expect(withOptimizer('adamw-8bit')).toBe(14_000_000_000);
    expect(withOptimizer('sgd')).toBe(7_000_000_000);
    const fp16Sgd = estimateMemory({ model: 'llama-2-7b', mode: 'training', precision: 'fp16', optimizer: 'sgd', assumptions: 'seed' });
    expect(fp16Sgd.breakdown.optimizer).toBe(14_000_000_000);
  });
});
