/** The git adapter: GitPort on isomorphic-git's object calls plus metawsm's own scan, merge and transport. */
export { IsomorphicGitAdapter } from './isomorphic-git.adapter.js';
