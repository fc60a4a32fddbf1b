/** @metawsm/adapters: real implementations of the @metawsm/core ports. */
export { IsomorphicGitAdapter } from './git/isomorphic-git.adapter.js';
export * from './github/index.js';
export * from './store/index.js';
export * from './system/index.js';
