/**
 * The file-counting functions — the web build: they need Node's file system and worker threads,
 * so here they only say so. They stay exported so that the root entry has the same names and
 * types in every runtime.
 */
import { TokmeterError } from '../errors.js';
import type { countFile as nodeCountFile } from '../stream/count-file.js';
import type { countFiles as nodeCountFiles } from '../parallel/index.js';

function unsupported(fn: string): TokmeterError {
  return new TokmeterError(
    'UNSUPPORTED_RUNTIME',
    `${fn} reads files with Node's file system, which this runtime does not have (this is tokmeter's browser, worker and Deno build). Read the text yourself and pass it to countTokens, or feed a stream's chunks to createTokenCounter().`,
  );
}

/** Not available outside Node: rejects with a TokmeterError (code UNSUPPORTED_RUNTIME). */
export const countFile: typeof nodeCountFile = () => Promise.reject(unsupported('countFile'));

/** Not available outside Node: rejects with a TokmeterError (code UNSUPPORTED_RUNTIME). */
export const countFiles: typeof nodeCountFiles = () => Promise.reject(unsupported('countFiles'));
