import type { TokenCounterOptions } from '../stream/token-counter.js';

/** Count bytes [start, end) of `path`. */
export interface RangeTask {
  readonly id: number;
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly options: TokenCounterOptions | undefined;
}

export type RangeResult = { readonly id: number; readonly tokens: number; readonly bytes: number } | { readonly id: number; readonly error: string };
