/**
 * What `formatMemoryEstimate` needs of an estimate, checked before it is formatted: an estimate
 * from `estimateMemory`, or one read back from its JSON (`tokmeter memory --json`). Other keys are
 * let through; a missing or mistyped one is an error naming it (`estimate.breakdown.weights`).
 */
import { mustBeOneOf } from '../validation.js';
import { lazy } from '../zod.js';
import { MEMORY_COMPONENTS } from './component.js';
import { OPTIMIZERS } from './optimizer.js';
import { TRAINING_METHODS } from './options.js';
import { PRECISIONS } from './precision.js';

const bytes = lazy((z) => z.number().int().nonnegative());
const gpu = lazy((z) => z.looseObject({ name: z.string(), bytes: bytes() }));

export const estimateSchema = lazy((z) => {
  const base = {
    model: z.string(),
    precision: z.enum(PRECISIONS),
    batch: z.number().int().positive(),
    contextLength: z.number().int().positive(),
    assumptions: z.enum(['standard', 'seed']),
    total: bytes(),
    breakdown: z.looseObject(Object.fromEntries(MEMORY_COMPONENTS.map((c) => [c, bytes()]))),
    arithmetic: z.looseObject(Object.fromEntries(MEMORY_COMPONENTS.map((c) => [c, z.string()]))),
    notes: z.array(z.string()),
    fitsOn: z.array(z.looseObject({ gpu: gpu(), headroom: bytes() })),
    placement: z.discriminatedUnion('fits', [
      z.looseObject({ fits: z.literal(true), gpu: gpu(), headroom: bytes() }),
      z.looseObject({ fits: z.literal(false), gpu: gpu(), count: z.number().int().positive() }),
    ], { error: 'must be true or false' }),
  };
  return z.discriminatedUnion('mode', [
    z.looseObject({ ...base, mode: z.literal('inference') }),
    z.looseObject({ ...base, mode: z.literal('training'), method: z.enum(TRAINING_METHODS), optimizer: z.enum(OPTIMIZERS) }),
  ], { error: mustBeOneOf(['inference', 'training']) });
});
