import { describe, expect, it } from 'vitest';
import { estimateMemory } from '../../src/memory/index.js';

const P = 8.03e9; // Llama-3.1-8B's published parameter count
const train = (options: Partial<Parameters<typeof estimateMemory>[0]>) =>
  estimateMemory({ model: 'llama-3.1-8b', mode: 'training', precision: 'bf16', ...options });
const modelStates = (estimate: ReturnType<typeof estimateMemory>) =>
  estimate.breakdown.weights + estimate.breakdown.gradients + estimate.breakdown.optimizer;

describe('full fine-tuning (EleutherAI, "Transformer Math 101")', () => {
  it('mixed-precision AdamW: 16 B per parameter before activations (2 weights + 2 gradients + 12 optimizer)', () => {
    const estimate = train({});
    expect(estimate.breakdown.weights).toBe(2 * P);
    expect(estimate.breakdown.gradients).toBe(2 * P);
    expect(estimate.breakdown.optimizer).toBe(12 * P);
    expect(modelStates(estimate)).toBe(16 * P);
  });

  it('fp32 AdamW keeps no separate master copy: 4 + 4 + 8, also 16 B', () => {
    expect(modelStates(train({ precision: 'fp32' }))).toBe(16 * P);
  });

  it('8-bit AdamW: 2 + 2 + 6 B; SGD with momentum: 2 + 2 + 8 B', () => {
    expect(modelStates(train({ optimizer: 'adamw-8bit' }))).toBe(10 * P);
    expect(modelStates(train({ optimizer: 'sgd' }))).toBe(12 * P);
  });

  it('counts the stored activations per layer and token, plus fp32 logits', () => {
    // per layer and token: 4 × 4,096 + 2 × 4,096 + 2 × 1,024 + 3 × 14,336 = 69,632 elements × 2 B = 139,264 B
    // × 32 layers × 2,048 tokens = 9,126,805,504; logits 2,048 × 128,256 × 4 B = 1,050,673,152
    expect(train({ contextLength: 2048 }).breakdown.activations).toBe(9_126_805_504 + 1_050_673_152);
  });

  it('gradient checkpointing keeps one hidden state per layer plus one layer in full', () => {
    // 2,048 tokens × (32 × 4,096 + 69,632) elements × 2 B = 822,083,584; plus the same logits
    const estimate = train({ contextLength: 2048, gradientCheckpointing: true });
    expect(estimate.breakdown.activations).toBe(822_083_584 + 1_050_673_152);
  });

  it('adds 1 GiB per GPU and 5% of the rest as overhead, and no KV cache', () => {
    const estimate = train({});
    const rest = modelStates(estimate) + estimate.breakdown.activations;
    expect(estimate.breakdown.kvCache).toBe(0);
    expect(estimate.breakdown.overhead).toBe(1_073_741_824 + Math.ceil(rest * 0.05));
    expect(estimate.total).toBe(rest + estimate.breakdown.overhead);
  });
});

describe('LoRA and QLoRA', () => {
  it('counts r × (d_in + d_out) per adapted layer: Llama-2-7B, rank 16, all linear layers → 39,976,960', () => {
    // attention: q, k, v, o each 4,096 → 4,096: 4 × 16 × 8,192 = 524,288
    // feed-forward: gate, up, down each 4,096 ↔ 11,008: 3 × 16 × 15,104 = 724,992
    // 32 layers × 1,249,280 = 39,976,960
    const estimate = estimateMemory({ model: 'llama-2-7b', mode: 'training', method: 'lora', precision: 'bf16' });
    expect(estimate.mode === 'training' && estimate.trainableParameters).toBe(39_976_960);
    expect(estimate.breakdown.gradients).toBe(2 * 39_976_960);
    expect(estimate.breakdown.optimizer).toBe(12 * 39_976_960);
  });

  it('adapts only the attention projections when asked', () => {
    const estimate = estimateMemory({
      model: 'llama-2-7b',
      mode: 'training',
      method: 'lora',
      precision: 'bf16',
      lora: { rank: 8, targets: 'attention' },
    });
    expect(estimate.mode === 'training' && estimate.trainableParameters).toBe(8 * 32 * 4 * 8192);
  });

  it('keeps a 16-bit base frozen: weights are base plus adapters', () => {
    const estimate = estimateMemory({ model: 'llama-2-7b', mode: 'training', method: 'lora', precision: 'bf16' });
    expect(estimate.breakdown.weights).toBe(2 * 6.74e9 + 2 * 39_976_960);
  });

  it('QLoRA stores the blocks in NF4 at 4.127 bits and the embeddings in 16 bits', () => {
    // embeddings 2 × 32,000 × 4,096 = 262,144,000 at 2 B = 524,288,000
    // blocks 6,740,000,000 − 262,144,000 = 6,477,856,000 × 4.127 / 8 = 3,341,763,964
    const estimate = estimateMemory({ model: 'llama-2-7b', mode: 'training', method: 'qlora', precision: 'int4' });
    expect(estimate.breakdown.weights).toBe(3_341_763_964 + 524_288_000 + 2 * 39_976_960);
  });

  it('needs far less than full fine-tuning of the same model', () => {
    const full = train({ batch: 1 });
    const qlora = train({ batch: 1, method: 'qlora', precision: 'int4' });
    expect(qlora.total).toBeLessThan(full.total / 4);
  });
});
