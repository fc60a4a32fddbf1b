import { join } from 'node:path';
import { pathExists } from '../repo/errors.js';
import { readGitIndex } from './index-reader.js';
import type { RepoDirs } from './repo-dirs.js';

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

/** Human-readable reasons the workspace cannot be promoted: operations in progress, unmerged paths. */
export async function findWorkspaceProblems(dirs: RepoDirs): Promise<string[]> {
  const problems: string[] = [];
  for (const [name, message] of IN_PROGRESS) {
    if (await pathExists(join(dirs.gitDir, name))) problems.push(message);
  }
  const unmerged = new Set<string>();
  for (const e of (await readGitIndex(dirs.gitDir)).entries) if (e.stage > 0) unmerged.add(e.path);
  for (const path of unmerged)
    problems.push(`unmerged path ${path}: resolve the conflict and \`git add\` it`);
  return problems;
}
