import { describe, expect, it } from 'vitest';
import { GPUS, estimateMemory } from '../../src/memory/index.js';
import { placeOnGpus } from '../../src/memory/fit.js';

const gpu = (id: string, bytes: number) => ({ id, name: id, marketedGB: bytes / 1e9, bytes, source: 'test' });

describe('GPU fit', () => {
  it('reads vendor GB as 10⁹ bytes', () => {
    expect(GPUS.map((g) => [g.id, g.bytes])).toEqual([
      ['rtx-4090', 24e9],
      ['l4', 24e9],
      ['a10', 24e9],
      ['a100-40gb', 40e9],
      ['a100-80gb', 80e9],
      ['h100-80gb', 80e9],
      ['h200', 141e9],
    ]);
  });

  it('lists the single GPUs that hold the total, smallest first, with the headroom', () => {
    const { fitsOn, placement } = placeOnGpus(30e9, 1e9, [gpu('big', 80e9), gpu('small', 24e9), gpu('mid', 40e9)]);
    expect(fitsOn.map((fit) => [fit.gpu.id, fit.headroom])).toEqual([
      ['mid', 10e9],
      ['big', 50e9],
    ]);
    expect(placement).toMatchObject({ fits: true, headroom: 10e9, gpu: { id: 'mid' } });
  });

  it('counts the largest GPUs needed, paying the per-GPU overhead on each', () => {
    // 100 GB with 1 GB per GPU: 99 GB to share; 40 GB cards hold 39 GB each after their own 1 GB,
    // so 2 give 78 GB (too few) and 3 give 117 GB.
    const { fitsOn, placement } = placeOnGpus(100e9, 1e9, [gpu('small', 24e9), gpu('mid', 40e9)]);
    expect(fitsOn).toEqual([]);
    expect(placement).toMatchObject({ fits: false, count: 3, gpu: { id: 'mid' } });
  });

  it('puts Llama-3.1-405B in bf16 on several H200s', () => {
    const estimate = estimateMemory({ model: 'llama-3.1-405b', precision: 'bf16' });
    expect(estimate.fitsOn).toEqual([]);
    if (estimate.placement.fits) throw new Error('expected no single GPU to fit');
    const { count, gpu: largest } = estimate.placement;
    expect(largest.id).toBe('h200');
    const share = largest.bytes - estimate.perGpuOverhead;
    expect(count * share).toBeGreaterThanOrEqual(estimate.total - estimate.perGpuOverhead);
    expect((count - 1) * share).toBeLessThan(estimate.total - estimate.perGpuOverhead);
  });

  it('checks against the GPUs the caller lists', () => {
    const estimate = estimateMemory({
      model: 'llama-3.1-8b',
      precision: 'int4',
      gpus: [{ id: 'laptop', name: 'Laptop 8 GB', bytes: 8 * 1024 ** 3 }],
    });
    expect(estimate.placement).toMatchObject({ fits: true, gpu: { id: 'laptop', name: 'Laptop 8 GB' } });
  });
});
