export type * from './commit-result.js';
export * from './commit-run.js';
export type { CommitDeps, PromoteOptions } from './promote-target.js';
