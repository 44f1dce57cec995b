import { InvalidArgumentError } from '../errors.js';
import type { Gpu } from './gpus.js';

/** A GPU that holds the whole estimate, and the bytes left over on it. */
export interface GpuFit {
  gpu: Gpu;
  headroom: number;
}

/**
 * Where the estimate goes: the smallest single GPU that holds it, or, when none does, how many of
 * the largest GPU it needs.
 */
export type Placement =
  | { fits: true; gpu: Gpu; headroom: number }
  | { fits: false; gpu: Gpu; count: number };

/**
 * Single GPUs that hold `total` bytes (smallest memory first), and the placement.
 *
 * Split over n GPUs, the weights, caches, activations and optimizer states divide (tensor or
 * pipeline parallelism, sharded optimizer states), but each GPU pays `perGpu` for its own runtime:
 * n = ⌈(total − perGpu) / (capacity − perGpu)⌉. Activations that tensor parallelism replicates and
 * communication buffers are not counted, so n is a lower bound.
 */
export function placeOnGpus(total: number, perGpu: number, gpus: readonly Gpu[]): { fitsOn: GpuFit[]; placement: Placement } {
  const bySize = [...gpus].sort((a, b) => a.bytes - b.bytes);
  const fitsOn = bySize.filter((gpu) => gpu.bytes >= total).map((gpu) => ({ gpu, headroom: gpu.bytes - total }));
  const smallest = fitsOn[0];
  if (smallest !== undefined) return { fitsOn, placement: { fits: true, gpu: smallest.gpu, headroom: smallest.headroom } };
  const largest = bySize[bySize.length - 1];
  if (largest === undefined) throw new InvalidArgumentError('options.gpus', 'is empty; list at least one GPU or leave it out.');
  if (largest.bytes <= perGpu) {
    throw new InvalidArgumentError(
      'options.gpus',
      `has no GPU larger than the ${perGpu} bytes of runtime overhead each GPU carries; add a larger GPU or lower options.overhead.fixedBytes.`,
    );
  }
  const count = Math.ceil((total - perGpu) / (largest.bytes - perGpu));
  return { fitsOn, placement: { fits: false, gpu: largest, count } };
}
