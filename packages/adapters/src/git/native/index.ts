/** The native git engine: GitPort on git's own plumbing (git >= 2.38). */
export { NativeGitAdapter, type NativeGitOptions } from './native-git.adapter.js';
export type { RemoteRetry } from './remote-errors.js';
export { MIN_NATIVE_GIT, parseGitVersion } from './git-version.js';
