/**
 * The file-counting functions — Node's build: the real ones, which read files with node:fs and
 * count on worker threads. The web build replaces this file with files.web.ts.
 */
export { countFile } from '../stream/count-file.js';
export { countFiles } from '../parallel/index.js';
