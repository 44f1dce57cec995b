import { GB } from './bytes.js';

/** A GPU and how much memory it has. */
export interface Gpu {
  /** Lower-case id, e.g. `a100-80gb`. */
  id: string;
  /** Display name, e.g. `A100 80GB`. */
  name: string;
  /** The memory size as the vendor sells it, in the vendor's GB. */
  marketedGB: number;
  /** `marketedGB × 10⁹`: the bytes this estimator lets a model use on one card. */
  bytes: number;
  /** Where the memory size was read. */
  source: string;
}

/*
 * How vendor "GB" are read. A GPU's "24 GB" is a round marketing figure: the RTX 4090, L4 and A10
 * carry 24 GiB of chips, the H200's "141 GB" is neither unit exactly, and every card loses some of
 * its memory to ECC and the driver. Reading the figure as 10⁹ bytes per GB gives a capacity a little
 * below what each card exposes to CUDA, so "fits" errs toward needing a card too many, not too few.
 */
function gpu(id: string, name: string, marketedGB: number, source: string): Gpu {
  return { id, name, marketedGB, bytes: marketedGB * GB, source };
}

/** Common data-centre and workstation GPUs, smallest memory first. */
export const GPUS: readonly Gpu[] = [
  gpu('rtx-4090', 'RTX 4090', 24, 'NVIDIA GeForce RTX 4090 specifications: 24 GB GDDR6X'),
  gpu('l4', 'L4', 24, 'NVIDIA L4 Tensor Core GPU datasheet: 24 GB GDDR6'),
  gpu('a10', 'A10', 24, 'NVIDIA A10 Tensor Core GPU datasheet: 24 GB GDDR6'),
  gpu('a100-40gb', 'A100 40GB', 40, 'NVIDIA A100 Tensor Core GPU datasheet: 40 GB HBM2'),
  gpu('a100-80gb', 'A100 80GB', 80, 'NVIDIA A100 Tensor Core GPU datasheet: 80 GB HBM2e'),
  gpu('h100-80gb', 'H100 80GB', 80, 'NVIDIA H100 Tensor Core GPU datasheet: 80 GB HBM3 (SXM)'),
  gpu('h200', 'H200', 141, 'NVIDIA H200 Tensor Core GPU datasheet: 141 GB HBM3e'),
];
