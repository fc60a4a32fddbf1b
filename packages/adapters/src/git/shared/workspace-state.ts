import { stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Operations git leaves half-done in a worktree's git dir, by the state file that marks each, and
 * what to tell the user. Both engines refuse to promote such a workspace (SPEC: never commit a
 * half-finished merge's markers).
 */
const IN_PROGRESS: readonly (readonly [string, string])[] = [
  ['MERGE_HEAD', 'a merge is in progress: finish it with `git commit` or `git merge --abort`'],
  ['CHERRY_PICK_HEAD', 'a cherry-pick is in progress: `git cherry-pick --continue` or `--abort`'],
  ['REVERT_HEAD', 'a revert is in progress: `git revert --continue` or `--abort`'],
  ['rebase-merge', 'a rebase is in progress: `git rebase --continue` or `--abort`'],
  [
    'rebase-apply',
    'a rebase or `git am` is in progress: `git rebase --continue` / `git am --continue`, or `--abort`',
  ],
];

/** The operations in progress in the worktree whose git dir is `gitDir`, then one line per unmerged path. */
export async function workspaceStateProblems(gitDir: string, unmerged: Iterable<string>): Promise<string[]> {
  const problems: string[] = [];
  for (const [name, message] of IN_PROGRESS) {
    const exists = await stat(join(gitDir, name)).then(
      () => true,
      () => false,
    );
    if (exists) problems.push(message);
  }
  for (const p of unmerged) problems.push(`unmerged path ${p}: resolve the conflict and \`git add\` it`);
  return problems;
}
