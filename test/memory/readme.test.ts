import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimateMemory, formatMemoryEstimate } from '../../src/memory/index.js';

// The README's printed examples are what the code prints, so the two cannot drift apart.
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README.md memory section', () => {
  it('shows the inference example as printed', () => {
    const estimate = estimateMemory({ model: 'llama-3.1-8b', precision: 'bf16', batch: 4, contextLength: 8192 });
    expect(readme).toContain(`\`\`\`\n${formatMemoryEstimate(estimate)}\n\`\`\``);
  });

  it('shows the training example as printed', () => {
    const estimate = estimateMemory({
      model: 'llama-3.1-70b',
      mode: 'training',
      method: 'qlora',
      precision: 'int4',
      contextLength: 2048,
      gradientCheckpointing: true,
    });
    expect(readme).toContain(`\`\`\`\n${formatMemoryEstimate(estimate)}\n\`\`\``);
  });

  it("shows the seed's worked example as printed", () => {
    const estimate = estimateMemory({
      model: 'llama-2-7b',
      mode: 'training',
      precision: 'int8',
      optimizer: 'adamw',
      batch: 50,
      contextLength: 2048,
      assumptions: 'seed',
    });
    const printed = formatMemoryEstimate(estimate, { unit: 'GB' });
    expect(printed).toContain('total        77.49  77,492,787,200 bytes');
    expect(readme).toContain(`\`\`\`\n${printed}\n\`\`\``);
  });
});
