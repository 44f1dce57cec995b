import { describe, expect, it } from 'vitest';
import { estimateMemory } from '../../src/memory/index.js';

const kvCache = (model: string, contextLength: number, batch = 1, kvCachePrecision?: 'fp8' | 'fp32') =>
  estimateMemory({ model, precision: 'bf16', contextLength, batch, kvCachePrecision }).breakdown.kvCache;

describe('KV cache: 2 × layers × KV heads × head dim × context × batch × bytes', () => {
  it('Llama-3.1-8B, 8,192 tokens, bf16: exactly 1 GiB', () => {
    // 2 × 32 layers × 8 KV heads × 128 head dim × 8,192 tokens × 1 × 2 B
    // = 2 × 32 × 8 × 128 = 65,536 elements per token; × 2 B = 131,072 B per token; × 8,192 = 1,073,741,824
    expect(kvCache('llama-3.1-8b', 8192)).toBe(1_073_741_824);
  });

  it('Qwen2.5-72B, 32,768 tokens, batch 4, bf16: 40 GiB', () => {
    // 2 × 80 layers × 8 KV heads × 128 head dim = 163,840 elements per token; × 2 B = 327,680 B per token
    // × 32,768 tokens = 10,737,418,240 (10 GiB) per sequence; × 4 sequences = 42,949,672,960
    expect(kvCache('qwen2.5-72b', 32768, 4)).toBe(42_949_672_960);
  });

  it('grouped-query attention: Llama-2-70B caches 8 of 64 heads, so less than Llama-2-7B with 32 of 32', () => {
    // Llama-2-7B: 2 × 32 × 32 × 128 × 4,096 × 2 B = 2,147,483,648 (2 GiB)
    // Llama-2-70B: 2 × 80 × 8 × 128 × 4,096 × 2 B = 1,342,177,280 (1.25 GiB), for a model ten times larger
    expect(kvCache('llama-2-7b', 4096)).toBe(2_147_483_648);
    expect(kvCache('llama-2-70b', 4096)).toBe(1_342_177_280);
  });

  it('gpt-oss-120b: half its layers keep only a 128-token window', () => {
    // 2 × 8 KV heads × 64 head dim × 2 B = 2,048 B per layer and token
    // 18 full layers × 131,072 tokens + 18 sliding layers × 128 tokens = 2,361,600 layer-tokens
    // 2,361,600 × 2,048 = 4,836,556,800
    expect(kvCache('gpt-oss-120b', 131072)).toBe(4_836_556_800);
  });

  it('Mistral-7B-v0.1 stops growing at its 4,096-token window', () => {
    // 2 × 32 × 8 × 128 × 4,096 × 2 B = 536,870,912, whether the context is 4,096 or 16,384 tokens
    expect(kvCache('mistral-7b', 4096)).toBe(536_870_912);
    expect(kvCache('mistral-7b', 16384)).toBe(536_870_912);
    expect(kvCache('mistral-7b', 2048)).toBe(268_435_456);
  });

  it('scales with the cache format: fp8 halves it, fp32 doubles it', () => {
    expect(kvCache('llama-3.1-8b', 8192, 1, 'fp8')).toBe(536_870_912);
    expect(kvCache('llama-3.1-8b', 8192, 1, 'fp32')).toBe(2_147_483_648);
  });

  it('shows its arithmetic', () => {
    const estimate = estimateMemory({ model: 'llama-3.1-8b', precision: 'bf16', contextLength: 8192 });
    expect(estimate.arithmetic.kvCache).toBe(
      '2 (K and V) × 32 layers × 8 KV heads × 128 head dim × 8,192 tokens × batch 1 × 2 B (bf16)',
    );
  });
});
