/**
 * The architecture numbers a caller passes (`options.config` of `estimateMemory`, the argument of
 * `countParameters`), checked: every size a positive integer, heads that divide, no more active
 * experts or sliding-window layers than there are.
 */
import { lazy } from '../zod.js';

/** A size: a whole number above zero. */
export const size = lazy((z) => z.number().int().positive({ error: 'must be a positive integer' }));

/** The keys of a `ModelConfig` (as `options.config` takes it). */
export const CONFIG_KEYS = [
  'name',
  'parameters',
  'activeParameters',
  'layers',
  'hiddenSize',
  'intermediateSize',
  'attentionHeads',
  'kvHeads',
  'headDim',
  'vocabSize',
  'tiedEmbeddings',
  'experts',
  'slidingWindow',
  'maxContextLength',
] as const;

export const configSchema = lazy((z) => z
  .strictObject({
    name: z.string().min(1).optional(),
    parameters: size().optional(),
    activeParameters: size().optional(),
    layers: size(),
    hiddenSize: size(),
    intermediateSize: size(),
    attentionHeads: size(),
    kvHeads: size(),
    headDim: size(),
    vocabSize: size(),
    tiedEmbeddings: z.boolean().optional(),
    experts: z.strictObject({ total: size(), active: size() }).optional(),
    slidingWindow: z.strictObject({ size: size(), layers: size() }).optional(),
    maxContextLength: size().optional(),
  })
  .superRefine((config, context) => {
    if (config.attentionHeads % config.kvHeads !== 0) {
      context.addIssue({ code: 'custom', path: ['kvHeads'], message: `must divide attentionHeads (${config.attentionHeads})` });
    }
    if (config.experts !== undefined && config.experts.active > config.experts.total) {
      context.addIssue({ code: 'custom', path: ['experts', 'active'], message: `must be at most experts.total (${config.experts.total})` });
    }
    if (config.slidingWindow !== undefined && config.slidingWindow.layers > config.layers) {
      context.addIssue({ code: 'custom', path: ['slidingWindow', 'layers'], message: `must be at most layers (${config.layers})` });
    }
  }));
