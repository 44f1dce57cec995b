import { GIB, groupDigits } from './bytes.js';
import type { ComponentEstimate } from './component.js';

export interface OverheadOptions {
  /**
   * Bytes every GPU loses before the model loads: the CUDA context, kernels and library workspaces
   * (PyTorch's first CUDA call alone takes a few hundred MiB). @default 1073741824 (1 GiB)
   */
  fixedBytes: number;
  /** A share of everything else, for allocator fragmentation and temporary buffers. @default 0.05 */
  fraction: number;
}

export const DEFAULT_OVERHEAD: Readonly<OverheadOptions> = { fixedBytes: GIB, fraction: 0.05 };

/** The runtime's own memory: a fixed part per GPU plus `fraction` of `rest`. */
export function estimateOverhead(rest: number, options: OverheadOptions): ComponentEstimate {
  // Rounded to 12 significant digits first, so 0.05 × 14e9 is 700,000,000 and not one byte more.
  const share = Math.ceil(Number((rest * options.fraction).toPrecision(12)));
  return {
    bytes: options.fixedBytes + share,
    arithmetic: `${groupDigits(options.fixedBytes)} B per GPU (CUDA context, workspaces) + ${groupDigits(options.fraction * 100)}% of the rest`,
  };
}
