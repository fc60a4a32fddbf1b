import type { Oid } from './git.js';

/** Facts gathered before deciding the next commit's parents (docs/promotion.md, the next commit's parents). */
export interface UpdateFacts {
  baseTip: Oid;
  /** The PR branch tip on the remote, or null when the remote has no such branch. */
  remoteTip: Oid | null;
  /** Shas metawsm itself produced for this target (last pushed, last committed). */
  ownShas: readonly Oid[];
  /** True when `baseTip` is an ancestor of (or equal to) `remoteTip`. */
  baseIsAncestorOfRemote: boolean;
  strategy: 'rebase' | 'append';
  force: boolean;
}

/** How to build the next commit. */
export type UpdatePlan =
  /** New branch, or a local branch never pushed (replaced): parent = base tip. */
  | { kind: 'new'; parents: [Oid]; lease: null }
  /** Remote branch contains the base: plain fast-forward append. */
  | { kind: 'append'; parents: [Oid]; lease: Oid }
  /** Base moved, `rebase`: parent = base tip, pushed later with a lease on the remote tip. */
  | { kind: 'rebase'; parents: [Oid]; lease: Oid }
  /** Base moved, `append`: merge base into the branch, then the change on top. */
  | { kind: 'merge'; branchTip: Oid; baseTip: Oid; lease: Oid }
  /** Someone else pushed to the branch. */
  | { kind: 'foreign'; remoteTip: Oid };

/** Decide the parents of the next commit on the PR branch (pure). */
export function planUpdate(f: UpdateFacts): UpdatePlan {
  if (f.remoteTip === null) return { kind: 'new', parents: [f.baseTip], lease: null };
  if (!f.ownShas.includes(f.remoteTip) && !f.force) return { kind: 'foreign', remoteTip: f.remoteTip };
  if (f.baseIsAncestorOfRemote) return { kind: 'append', parents: [f.remoteTip], lease: f.remoteTip };
  if (f.strategy === 'rebase') return { kind: 'rebase', parents: [f.baseTip], lease: f.remoteTip };
  return { kind: 'merge', branchTip: f.remoteTip, baseTip: f.baseTip, lease: f.remoteTip };
}
