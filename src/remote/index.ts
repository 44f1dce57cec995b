export { countTokensRemote } from './count-remote.js';
export { RemoteCountError } from './errors.js';
export type { RemoteCountFailure } from './errors.js';
export type { CountTokensRemoteOptions, RemoteTokenCount, RemoteProvider, RemoteFetch } from './types.js';
