import type { TokenizerBand } from '../encodings/claude-band.js';
import type { ContextLimit } from './errors.js';
import type { CatalogEntry } from './spec.js';
import type { ModelWarning } from './types.js';

interface ContextNumbers {
  /** The catalog id the model resolved to. */
  model: string;
  /** Prompt tokens. */
  inputTokens: number;
  /** Output tokens reserved (`maxOutputTokens` of the request); 0 if none was given. */
  outputTokens: number;
  contextWindow: number;
  maxInputTokens: number;
  maxOutputTokens: number;
  /** True when the count used a stand-in tokenizer (Anthropic and Gemini models, GPT-5.6 and later). */
  approximate: boolean;
  /**
   * For a model whose stand-in was measured against its own counts (Claude), the band, and the
   * stand-in's own count: `inputTokens` is then that count times `band.high`, rounded up, so that
   * a prompt that fits leaves the measured headroom (see `contextTokens`). Absent otherwise, and
   * when the caller passed a token count.
   */
  band?: TokenizerBand;
  standInTokens?: number;
  /** Lifecycle notices on the day checked: the model is deprecated, or already shut down. */
  warnings: ModelWarning[];
}

/** The prompt fits: `remaining` more prompt tokens would still fit beside the reserved output. */
export interface ContextFits extends ContextNumbers {
  fits: true;
  remaining: number;
}

/** The prompt does not fit: `limit` is broken by `overBy` tokens. */
export interface ContextOverflow extends ContextNumbers {
  fits: false;
  limit: ContextLimit;
  overBy: number;
}

export type ContextCheck = ContextFits | ContextOverflow;

/**
 * Checks counts against a model's limits: output ≤ max output, prompt ≤ max input, and prompt +
 * output ≤ the context window. When the output cap is broken that is reported (no prompt cut helps);
 * otherwise the larger prompt overflow, which is what the prompt must lose to fit.
 */
export function checkLimits(
  entry: CatalogEntry,
  counts: { inputTokens: number; outputTokens: number; band?: TokenizerBand; standInTokens?: number },
  approximate: boolean,
  warnings: readonly ModelWarning[],
): ContextCheck {
  const { inputTokens, outputTokens, band, standInTokens } = counts;
  const { contextWindow, maxInputTokens, maxOutputTokens } = entry.info;
  const numbers: ContextNumbers = {
    model: entry.id, inputTokens, outputTokens, contextWindow, maxInputTokens, maxOutputTokens, approximate,
    ...(band !== undefined && standInTokens !== undefined && { band, standInTokens }),
    warnings: warnings.map((warning) => ({ ...warning })),
  };
  if (outputTokens > maxOutputTokens) {
    return { fits: false, ...numbers, limit: 'maxOutputTokens', overBy: outputTokens - maxOutputTokens };
  }
  const overInput = inputTokens - maxInputTokens;
  const overWindow = inputTokens + outputTokens - contextWindow;
  if (overInput > 0 || overWindow > 0) {
    return overInput >= overWindow
      ? { fits: false, ...numbers, limit: 'maxInputTokens', overBy: overInput }
      : { fits: false, ...numbers, limit: 'contextWindow', overBy: overWindow };
  }
  return { fits: true, ...numbers, remaining: Math.min(maxInputTokens - inputTokens, contextWindow - inputTokens - outputTokens) };
}
