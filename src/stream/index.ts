export { createTokenCounter } from './token-counter.js';
export type { TokenCounter, TokenCounterOptions } from './token-counter.js';
export { countFile } from './count-file.js';
export type { FileCount } from './count-file.js';
export { PieceTooLongError, UNCUT_LIMIT } from './errors.js';
export type { UncutPlace } from './errors.js';
