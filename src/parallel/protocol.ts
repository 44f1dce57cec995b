import type { TokmeterErrorCode } from '../errors.js';
import type { UncutPlace } from '../stream/errors.js';
import type { TokenCounterOptions } from '../stream/token-counter.js';

/** Count bytes [start, end) of `path`. */
export interface RangeTask {
  readonly id: number;
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly options: TokenCounterOptions;
}

/** A worker's error, as it crosses to the main thread: enough to build the same typed error there. */
export interface RangeFailure {
  readonly code: TokmeterErrorCode;
  /** The message without its `tokmeter: ` prefix. */
  readonly message: string;
  /** For PIECE_TOO_LONG. */
  readonly limit?: number;
  readonly place?: UncutPlace;
}

export type RangeResult = { readonly id: number; readonly tokens: number; readonly bytes: number } | { readonly id: number; readonly error: RangeFailure };
