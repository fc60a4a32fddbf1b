/** @metawsm/adapters: real implementations of the @metawsm/core ports. */
export { IsomorphicGitAdapter } from './git/isomorphic-git.adapter.js';
