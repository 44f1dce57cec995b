export { countFiles } from './count-files.js';
export type { CountFilesOptions } from './count-files.js';
