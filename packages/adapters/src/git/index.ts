/** The git adapter: GitPort on isomorphic-git's object calls plus metawsm's own scan, merge and transport. */
export { IsomorphicGitAdapter } from './js/isomorphic-git.adapter.js';
