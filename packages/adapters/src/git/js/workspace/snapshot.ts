import { type SnapshotResult, type SnapshotRequest } from '@metawsm/core';
import { ObjectStore } from '../repo/object-store.js';
import { ownedRefUpdate } from '../repo/ref-update.js';
import type { GitEnv } from './config-files.js';
import { hashOnlySink, writingSink } from './content-resolver.js';
import type { RepoDirs } from './repo-dirs.js';
import { writeChangedTrees } from './tree-write.js';
import { readWorkspaceState } from './workspace-state.js';
import { assertSnapshotRef, cleanSnapshotFields } from '../../shared/snapshot-input.js';

/**
 * Write the workspace's full state as a commit on top of HEAD and point `ref` at it. Writes only
 * new blobs and the trees along changed paths into the common dir's object database; the working
 * tree, the index file and HEAD are only read.
 */
export async function writeSnapshot(
  dirs: RepoDirs,
  req: SnapshotRequest,
  env: GitEnv,
): Promise<SnapshotResult> {
  if (req.ref !== null) assertSnapshotRef(req.ref);
  const db = new ObjectStore(dirs.commonDir);
  const state = await readWorkspaceState(dirs, db, writingSink(db), env);
  await writeChangedTrees(db, state.root, state.headTree);
  const head = state.head.headSha;
  const commit = await db.writeCommit({
    tree: state.root.oid,
    parents: head ? [head] : [],
    ...cleanSnapshotFields(req),
  });
  // Forced (no expected value). A run's own snapshot ref whose lock a killed run left is taken back.
  if (req.ref !== null) await ownedRefUpdate(dirs, { ref: req.ref, newOid: commit });
  return { commit, tree: state.root.oid, head };
}

/** The tree id {@link writeSnapshot} would write, computed without writing any object or ref. */
export async function computeWorkspaceTree(dirs: RepoDirs, env: GitEnv): Promise<string> {
  const state = await readWorkspaceState(dirs, new ObjectStore(dirs.commonDir), hashOnlySink, env);
  return state.root.oid;
}
