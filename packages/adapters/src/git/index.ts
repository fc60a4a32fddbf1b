/**
 * The git adapters: two engines behind one GitPort (SPEC 4.5) and the factory that picks one.
 * `NativeGitAdapter` drives git's own plumbing (default when git >= 2.38 is on PATH);
 * `IsomorphicGitAdapter` is the pure-JS engine (own object store, pack reader, scan, merge and
 * transport). A CLI that must load only the engine it runs imports
 * `@metawsm/adapters/git-engine` instead, which imports the chosen engine alone.
 */
export { IsomorphicGitAdapter } from './js/isomorphic-git.adapter.js';
export * from './native/index.js';
export * from './select-engine.js';
