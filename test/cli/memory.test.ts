import { beforeAll, describe, expect, it } from 'vitest';
import { estimateMemory, formatMemoryEstimate, GPUS, MODEL_PRESETS } from '../../src/index.js';
import { ensureBuilt, json, tokmeter } from './cli.js';

beforeAll(ensureBuilt, 180_000);

const memory = (args: string[]) => tokmeter(['memory', ...args]);

describe('tokmeter memory', () => {
  it("prints the seed article's int8 training example as the library formats it, 77.49 GB in all", () => {
    const result = memory(['--model', 'llama-2-7b', '--precision', 'int8', '--train', '--optimizer', 'adamw', '--batch', '50', '--context', '2048', '--assumptions', 'seed', '--unit', 'GB']);
    expect(result.code).toBe(0);
    const estimate = estimateMemory({ model: 'llama-2-7b', mode: 'training', precision: 'int8', optimizer: 'adamw', batch: 50, contextLength: 2048, assumptions: 'seed' });
    expect(result.stdout).toBe(`${formatMemoryEstimate(estimate, { unit: 'GB' })}\n`);
    expect(result.stdout).toMatch(/^total\s+77\.49\s+77,492,787,200 bytes$/m);
  });

  it('estimates inference by default, in GiB, with the KV cache of the context and batch', () => {
    const result = memory(['--model', 'meta-llama/Llama-3.1-8B', '--precision', 'bf16', '--batch', '4', '--context', '8192']);
    expect(result.stdout).toBe(`${formatMemoryEstimate(estimateMemory({ model: 'llama-3.1-8b', precision: 'bf16', batch: 4, contextLength: 8192 }))}\n`);
    expect(result.stdout).toMatch(/^KV cache\s+4\.00\s+2 \(K and V\) × 32 layers × 8 KV heads/m);
  });

  it('passes LoRA, checkpointing and KV-cache options through, and gives bytes in --json', () => {
    const options = { model: 'llama-3.1-70b', mode: 'training', method: 'qlora', precision: 'int4', contextLength: 2048, gradientCheckpointing: true, lora: { rank: 8, targets: 'attention' } } as const;
    const result = json(memory(['--model', 'llama-3.1-70b', '--train', '--method', 'qlora', '--precision', 'int4', '--gradient-checkpointing', '--lora-rank', '8', '--lora-targets', 'attention', '--json']));
    expect(result).toEqual(JSON.parse(JSON.stringify(estimateMemory(options))));
    const kv = json<{ breakdown: { kvCache: number } }>(memory(['--model', 'mistral-7b', '--precision', 'int4', '--kv-precision', 'fp8', '--json']));
    expect(kv.breakdown.kvCache).toBe(estimateMemory({ model: 'mistral-7b', precision: 'int4', kvCachePrecision: 'fp8' }).breakdown.kvCache);
  });

  it('lists the presets and GPUs', () => {
    const result = memory(['--list']);
    for (const preset of MODEL_PRESETS) expect(result.stdout).toMatch(new RegExp(`^${preset.id.replace('.', '\\.')}\\s+${preset.name}\\s`, 'm'));
    for (const gpu of GPUS) expect(result.stdout).toMatch(new RegExp(`^${gpu.name}\\s+${gpu.marketedGB} GB$`, 'm'));
  });

  it('exits 2 when the library refuses a combination, naming the flag and the way out', () => {
    const result = memory(['--model', 'llama-2-7b', '--precision', 'int8', '--train', '--optimizer', 'adamw', '--batch', '50', '--context', '2048']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("tokmeter: options.precision must be 'fp32', 'fp16' or 'bf16' for full fine-tuning");
    expect(result.stderr).toContain('(options.precision is --precision on the command line. The seed article\'s rules train at any precision: add --assumptions seed.)');
    expect(memory(['--model', 'llama-2-7b', '--precision', 'fp16', '--batch', '0'])).toMatchObject({ code: 2, stdout: '' });
    expect(memory(['--model', 'llama-9b', '--precision', 'fp16']).stderr).toMatch(/unknown model "llama-9b"/);
  });

  it('exits 1 for a missing or unknown precision, or a training flag without --train', () => {
    for (const [args, message] of [
      [['--model', 'llama-2-7b'], /needs --precision/],
      [['--precision', 'fp16'], /needs --model/],
      [['--model', 'llama-2-7b', '--precision', 'int3'], /--precision must be one of fp32, fp16, bf16, fp8, int8, int4/],
      [['--model', 'llama-2-7b', '--precision', 'fp16', '--optimizer', 'sgd'], /--optimizer applies to training; add --train/],
      [['--model', 'llama-2-7b', '--precision', 'fp16', '--unit', 'MB'], /--unit must be one of GiB, GB/],
    ] as const) {
      const result = memory([...args]);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
    }
  });
});
