// The verdict of one case: metawsm's promotion against git's (`merge-tree --write-tree B S`, S = the
// snapshot git builds from the same workspace). Pure: data in, category out.

/** Table columns, in order. */
export const CATEGORIES = ['agree', 'clean_different', 'conflict_git_clean', 'clean_git_conflicts', 'other'];

/**
 * `ours`: `{ outcome, tree, conflicts: string[], error }` from `metawsm commit --json` (tree of the
 * promoted commit when committed). `git`: `{ clean, tree, conflicts: string[], changeEmpty }`.
 * Returns `{ category, reason }`; `reason` names what differs when the category alone does not.
 */
export function classify(ours, git) {
  switch (ours.outcome) {
    case 'committed':
      if (!git.clean) return { category: 'clean_git_conflicts', reason: null };
      return ours.tree === git.tree
        ? { category: 'agree', reason: null }
        : { category: 'clean_different', reason: null };
    case 'conflict':
      if (git.clean) return { category: 'conflict_git_clean', reason: null };
      return sameSet(ours.conflicts, git.conflicts)
        ? { category: 'agree', reason: null }
        : { category: 'other', reason: 'conflict_paths_differ' };
    case 'no_changes':
      return git.changeEmpty
        ? { category: 'agree', reason: null }
        : { category: 'other', reason: 'no_changes_but_git_sees_a_change' };
    default:
      return {
        category: 'other',
        reason: ours.error?.code ? `${ours.outcome}:${ours.error.code}` : ours.outcome,
      };
  }
}

function sameSet(a, b) {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
