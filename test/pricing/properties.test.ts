import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fromNumber, parseDecimal, toNumber, toText } from '../../src/pricing/decimal.js';
import { costFromUsage, estimateCost, estimateMonthlySpend, getModel, listModels } from '../../src/pricing/index.js';
import type { ServiceTier } from '../../src/pricing/index.js';

// fc.assert reports the seed and the shrunk counterexample of any failure.

/** A fixed day, so the properties do not move with the calendar; every model priced that day takes part. */
const AT = '2026-12-07';
const priced = (id: string) => {
  try {
    return getModel(id, { at: AT });
  } catch {
    return undefined;
  }
};
const MODELS = listModels().filter((id) => priced(id) !== undefined);
const model = (id: string) => getModel(id, { at: AT });
const OPENAI = MODELS.filter((id) => model(id).provider === 'openai');
const OPENAI_BATCH = OPENAI.filter((id) => model(id).pricing.batch !== undefined);
const count = fc.integer({ min: 0, max: 2_000_000 });
/** Below every long-context threshold (the lowest is 100,000 prompt tokens). */
const shortCount = fc.integer({ min: 0, max: 100_000 });

/** A model, one of its tiers, and consistent counts (parts within their totals). */
const request = fc
  .record({
    model: fc.constantFrom(...MODELS),
    input: count,
    output: count,
    cachedPart: fc.double({ min: 0, max: 1, noNaN: true }),
    writePart: fc.double({ min: 0, max: 1, noNaN: true }),
    reasoningPart: fc.double({ min: 0, max: 1, noNaN: true }),
    tierPick: fc.nat(),
  })
  .map(({ model, input, output, cachedPart, writePart, reasoningPart, tierPick }) => {
    const tiers = (['standard', 'batch', 'flex', 'priority'] as ServiceTier[]).filter((t) => getModel(model, { at: AT }).pricing[t] !== undefined);
    const cachedInputTokens = Math.floor(input * cachedPart);
    const cacheWriteTokens = Math.floor((input - cachedInputTokens) * writePart);
    return {
      model,
      at: AT,
      tier: tiers[tierPick % tiers.length]!,
      inputTokens: input,
      cachedInputTokens,
      cacheWriteTokens,
      outputTokens: output,
      reasoningTokens: Math.floor(output * reasoningPart),
    };
  });

describe('properties of estimateCost', () => {
  test('cost never falls when prompt or output tokens are added', () => {
    fc.assert(
      fc.property(request, fc.integer({ min: 1, max: 500_000 }), fc.boolean(), (options, extra, toInput) => {
        const before = estimateCost(options).total;
        const more = toInput ? { ...options, inputTokens: options.inputTokens + extra } : { ...options, outputTokens: options.outputTokens + extra };
        expect(estimateCost(more).total).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  test('cost never rises when prompt tokens move from uncached to cached', () => {
    fc.assert(
      fc.property(request, fc.double({ min: 0, max: 1, noNaN: true }), (options, share) => {
        const uncached = options.inputTokens - options.cachedInputTokens - options.cacheWriteTokens;
        const moved = Math.floor(uncached * share);
        const cached = { ...options, cachedInputTokens: options.cachedInputTokens + moved };
        expect(estimateCost(cached).total).toBeLessThanOrEqual(estimateCost(options).total);
      }),
    );
  });

  test('batch costs exactly half of standard for OpenAI models (no cached tokens, which batch bills as input)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OPENAI_BATCH), count, count, (model, inputTokens, outputTokens) => {
        const standard = estimateCost({ model, inputTokens, outputTokens, at: AT });
        const batch = estimateCost({ model, inputTokens, outputTokens, tier: 'batch', at: AT });
        expect(batch.total * 2).toBe(standard.total);
      }),
    );
  });

  test('the total is the exact sum rounded once: equal to an independent BigInt computation', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OPENAI), shortCount, count, (id, inputTokens, outputTokens) => {
        const { input, output } = model(id).pricing.standard;
        // Catalog prices have at most 4 decimals per 1M: integer units of $0.0001 per 1M tokens.
        const units = (price: number) => BigInt(Math.round(price * 10_000));
        const exact = BigInt(inputTokens) * units(input) + BigInt(outputTokens) * units(output); // × 1e-10 USD
        expect(estimateCost({ model: id, inputTokens, outputTokens, at: AT }).total).toBe(Number(`${exact}e-10`));
      }),
    );
  });

  test('the breakdown adds up to the total', () => {
    fc.assert(
      fc.property(request, (options) => {
        const { total, breakdown } = estimateCost(options);
        const sum = Object.values(breakdown).reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - total)).toBeLessThanOrEqual(total * 1e-12);
      }),
    );
  });
});

describe('properties of costFromUsage', () => {
  test('Anthropic usage costs what estimateCost gives for input + cache read + cache write', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MODELS.filter((id) => id.startsWith('claude-'))),
        count, count, count, count, count,
        (model, input, read, write5m, write1h, output) => {
          const usage = {
            input_tokens: input,
            cache_read_input_tokens: read,
            cache_creation_input_tokens: write5m + write1h,
            cache_creation: { ephemeral_5m_input_tokens: write5m, ephemeral_1h_input_tokens: write1h },
            output_tokens: output,
          };
          const direct = estimateCost({
            model, inputTokens: input + read + write5m + write1h, cachedInputTokens: read, cacheWriteTokens: write5m, cacheWrite1hTokens: write1h, outputTokens: output,
          });
          expect(costFromUsage({ model, usage }).total).toBe(direct.total);
        },
      ),
    );
  });

  test('Chat Completions and Responses usage with the same counts cost the same', () => {
    fc.assert(
      fc.property(request.filter((r) => getModel(r.model).provider === 'openai'), (r) => {
        const chat = costFromUsage({
          model: r.model, tier: r.tier,
          usage: { prompt_tokens: r.inputTokens, completion_tokens: r.outputTokens, prompt_tokens_details: { cached_tokens: r.cachedInputTokens }, completion_tokens_details: { reasoning_tokens: r.reasoningTokens } },
        });
        const responses = costFromUsage({
          model: r.model, tier: r.tier,
          usage: { input_tokens: r.inputTokens, output_tokens: r.outputTokens, input_tokens_details: { cached_tokens: r.cachedInputTokens }, output_tokens_details: { reasoning_tokens: r.reasoningTokens } },
        });
        expect(responses.total).toBe(chat.total);
      }),
    );
  });
});

describe('properties of estimateMonthlySpend', () => {
  test('requestsPerDay d costs the same as requestsPerMonth d × 30.4375', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MODELS), fc.integer({ min: 0, max: 1_000_000 }), count, count, (model, perDay, inputTokens, outputTokens) => {
        const a = estimateMonthlySpend({ model, requestsPerDay: perDay, inputTokens, outputTokens });
        const b = estimateMonthlySpend({ model, requestsPerMonth: perDay * 30.4375, inputTokens, outputTokens });
        expect(a.total).toBe(b.total);
      }),
    );
  });

  test('one request a month costs what estimateCost gives', () => {
    fc.assert(
      fc.property(request.filter((r) => r.tier !== 'batch'), (r) => {
        const input = r.inputTokens;
        const spend = estimateMonthlySpend({
          model: r.model, requestsPerMonth: 1, inputTokens: input, outputTokens: r.outputTokens, reasoningTokens: r.reasoningTokens, tier: r.tier as 'standard',
        });
        expect(spend.total).toBe(estimateCost({ model: r.model, inputTokens: input, outputTokens: r.outputTokens, reasoningTokens: r.reasoningTokens, tier: r.tier }).total);
      }),
    );
  });
});

describe('properties of the exact decimals', () => {
  test('every finite double survives text → decimal → double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(toNumber(fromNumber(x))).toBe(x === 0 ? 0 : x);
        expect(Number(toText(fromNumber(x)))).toBe(x === 0 ? 0 : x);
      }),
    );
  });

  test('decimal text parses exactly as written', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 30 }), (digits, scale) => {
        const text = scale === 0 ? `${digits}` : `${digits / 10n ** BigInt(scale)}.${(digits % 10n ** BigInt(scale)).toString().padStart(scale, '0')}`;
        const parsed = parseDecimal(text)!;
        expect(parsed.digits * 10n ** BigInt(30 - parsed.scale)).toBe(digits * 10n ** BigInt(30 - scale));
      }),
    );
  });
});
