import { assertValidRefName, MetawsmError, type Signature, type SnapshotResult } from '@metawsm/core';
import type { GitEnv } from './config-files.js';
import { hashOnlySink, writingSink } from './content-resolver.js';
import { ObjectDb } from './object-db.js';
import { writeLooseRef } from './refs.js';
import type { RepoDirs } from './repo-dirs.js';
import { writeChangedTrees } from './tree-write.js';
import { readWorkspaceState } from './workspace-state.js';

/** What a snapshot records besides the workspace content. */
export interface SnapshotRequest {
  ref: string | null;
  message: string;
  author: Signature;
  committer: Signature;
}

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
  const db = new ObjectDb(dirs.commonDir);
  const state = await readWorkspaceState(dirs, db, writingSink(db), env);
  await writeChangedTrees(db, state.root, state.headTree);
  const head = state.head.headSha;
  const commit = await db.writeCommit({
    tree: state.root.oid,
    parents: head ? [head] : [],
    message: req.message,
    author: req.author,
    committer: req.committer,
  });
  if (req.ref !== null) await writeLooseRef(dirs, req.ref, commit);
  return { commit, tree: state.root.oid, head };
}

/** The tree id {@link writeSnapshot} would write, computed without writing any object or ref. */
export async function computeWorkspaceTree(dirs: RepoDirs, env: GitEnv): Promise<string> {
  const state = await readWorkspaceState(dirs, new ObjectDb(dirs.commonDir), hashOnlySink, env);
  return state.root.oid;
}

function assertSnapshotRef(ref: string): void {
  assertValidRefName(ref, 'snapshot ref');
  if (!ref.startsWith('refs/')) {
    throw new MetawsmError('INVALID_REF', `snapshot ref "${ref}" must be a full ref name under refs/`, {
      hint: 'Pass a name such as refs/metawsm/snapshots/<run>/<ticket>/<repo>.',
      data: { ref },
    });
  }
}
