/** The parts an estimate adds up. */
export const MEMORY_COMPONENTS = ['weights', 'kvCache', 'activations', 'gradients', 'optimizer', 'overhead'] as const;

export type MemoryComponent = (typeof MEMORY_COMPONENTS)[number];

/** One part of an estimate: its size, and the arithmetic that produced it, spelled out. */
export interface ComponentEstimate {
  bytes: number;
  arithmetic: string;
}

/** A part that this kind of estimate does not have, with the reason. */
export function none(reason: string): ComponentEstimate {
  return { bytes: 0, arithmetic: reason };
}
