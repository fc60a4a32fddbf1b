import {
  assertValidRefName,
  MetawsmError,
  type Signature,
  type SnapshotResult,
  type SnapshotRequest,
} from '@metawsm/core';
import type { CommitFields } from '../repo/commit-codec.js';
import { ObjectStore } from '../repo/object-store.js';
import { lockedRefUpdate } from '../repo/ref-update.js';
import type { GitEnv } from './config-files.js';
import { hashOnlySink, writingSink } from './content-resolver.js';
import type { RepoDirs } from './repo-dirs.js';
import { writeChangedTrees } from './tree-write.js';
import { readWorkspaceState } from './workspace-state.js';

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
  const commit = await db.writeCommit(
    cleanCommit({
      tree: state.root.oid,
      parents: head ? [head] : [],
      message: req.message,
      author: req.author,
      committer: req.committer,
    }),
  );
  // Forced (no expected value) and without waiting for a held lock, as before.
  if (req.ref !== null) await lockedRefUpdate(dirs, { ref: req.ref, newOid: commit });
  return { commit, tree: state.root.oid, head };
}

/** The tree id {@link writeSnapshot} would write, computed without writing any object or ref. */
export async function computeWorkspaceTree(dirs: RepoDirs, env: GitEnv): Promise<string> {
  const state = await readWorkspaceState(dirs, new ObjectStore(dirs.commonDir), hashOnlySink, env);
  return state.root.oid;
}

/**
 * Snapshot commits are written the way `git commit-tree` records them from user input: the
 * message loses trailing whitespace and ends in exactly one newline; names and emails lose `<`,
 * `>` and newlines (git strips the same characters) and surrounding spaces; times are whole
 * seconds and minutes. The commit codec itself writes fields exactly, so this cleanup is ours.
 */
function cleanCommit(c: CommitFields): CommitFields {
  return {
    ...c,
    message: `${c.message.replace(/\s+$/, '')}\n`,
    author: cleanSignature(c.author),
    committer: cleanSignature(c.committer),
  };
}

function cleanSignature(s: Signature): Signature {
  const clean = (v: string) => v.replace(/[<>\n]/g, '').trim();
  return {
    name: clean(s.name),
    email: clean(s.email),
    timestamp: Math.trunc(s.timestamp),
    timezoneOffset: Math.trunc(s.timezoneOffset),
  };
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
