import { join } from 'node:path';
import { assertValidBranchName, MetawsmError } from '@metawsm/core';
import { gitFailed } from '../repo/errors.js';
import { LockFile } from '../repo/lock-file.js';
import { ObjectStore } from '../repo/object-store.js';
import { writeSymbolicHead } from '../repo/ref-update.js';
import { resolveRef } from '../repo/refs.js';
import { applyCheckout } from './checkout-apply.js';
import { indexAfterCheckout } from './checkout-index.js';
import { planCheckout } from './checkout-plan.js';
import type { GitEnv } from './config-files.js';
import { hashOnlySink } from './content-resolver.js';
import { serializeIndexV2 } from './index-writer.js';
import type { RepoDirs } from './repo-dirs.js';
import { otherWorktreeOn } from './worktree-heads.js';
import { readWorkspaceState } from './workspace-state.js';

/**
 * Check out local branch `branch`, but only while the workspace's full state still has tree
 * `expectTree` (otherwise WORKSPACE_CHANGED and nothing is touched). The index stays locked
 * (`index.lock`) from the check until the new index is in place, so git commands cannot
 * interleave; only paths that differ are written or removed; HEAD is set last.
 */
export async function switchBranch(
  dirs: RepoDirs,
  req: { branch: string; expectTree: string },
  env: GitEnv,
): Promise<void> {
  assertValidBranchName(req.branch);
  const ref = `refs/heads/${req.branch}`;
  const tip = await resolveRef(dirs, ref);
  if (!tip)
    throw gitFailed(
      `branch ${req.branch} does not exist in ${dirs.path}`,
      'Run `metawsm commit` first to create the branch.',
    );
  const elsewhere = await otherWorktreeOn(dirs, ref);
  if (elsewhere)
    throw gitFailed(
      `branch ${req.branch} is checked out in another worktree (${elsewhere})`,
      'Switch that worktree to another branch first.',
    );
  const lock = await LockFile.acquire(join(dirs.gitDir, 'index'));
  try {
    const db = new ObjectStore(dirs.commonDir);
    const state = await readWorkspaceState(dirs, db, hashOnlySink, env);
    if (state.root.oid !== req.expectTree) {
      throw new MetawsmError(
        'WORKSPACE_CHANGED',
        `the workspace ${dirs.path} changed since it was snapshotted; not switching to ${req.branch}`,
        {
          hint: 'Run `metawsm commit` again to include the new changes, then switch.',
          data: { path: dirs.path, expectedTree: req.expectTree, actualTree: state.root.oid },
        },
      );
    }
    const plan = await planCheckout(db, state.root, await db.commitTree(tip));
    await applyCheckout(dirs.path, db, plan, state.rules.symlinks);
    await lock.commit(serializeIndexV2(indexAfterCheckout(dirs.path, plan.index)));
  } finally {
    await lock.release();
  }
  await writeSymbolicHead(dirs, ref);
}
