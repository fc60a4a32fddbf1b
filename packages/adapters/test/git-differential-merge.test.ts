import { describeDifferentialMerge } from '@metawsm/testkit';
import { IsomorphicGitAdapter, NativeGitAdapter } from '../src/index.js';

// SPEC 4.5: the js engine may conflict where git merges (counted, at most 1% of the cases) but
// must never return a clean merge that differs from git's.
describeDifferentialMerge('js engine (IsomorphicGitAdapter)', () => new IsomorphicGitAdapter(), {
  maxConflictWhereGitClean: 0.01,
  maxConflictPathsDiffer: 0.01,
});

// The native engine is git: every case must agree (same clean tree, same conflicted paths).
describeDifferentialMerge('native engine (NativeGitAdapter)', () => new NativeGitAdapter(), {
  maxConflictWhereGitClean: 0,
  maxConflictPathsDiffer: 0,
});
