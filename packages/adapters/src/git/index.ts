/** The git adapter: the pure-JS engine (own object store, pack reader, scan, merge and transport). */
export { IsomorphicGitAdapter } from './js/isomorphic-git.adapter.js';
