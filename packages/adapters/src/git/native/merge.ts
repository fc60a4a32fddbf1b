import type { Oid, TreeMergeResult, Workspace } from '@metawsm/core';
import type { NativeContext } from './context.js';
import { stderrSummary } from './git-runner.js';
import { conflictsOf, parseMergeTree } from './merge-output.js';
import { writeHelperCommits } from './helper-commits.js';
import { assertOid } from './object-text.js';
import { MetawsmError } from '@metawsm/core';

/**
 * git's default merge options, whatever the operator configured: renames detected, directory
 * renames applied but reported (SPEC 4.5 defines the result as git's with its defaults).
 */
const MERGE_DEFAULTS = ['-c', 'merge.renames=true', '-c', 'merge.directoryRenames=conflict'];

/**
 * `git merge-tree --write-tree -z <ours> <theirs>`: git finds the merge base (merging several
 * bases of a criss-cross history first; the empty tree for unrelated histories), detects
 * renames and writes the merged trees and blobs. Exit 1 means conflicts.
 */
export async function mergeCommits(
  ctx: NativeContext,
  ws: Workspace,
  req: { ours: Oid; theirs: Oid },
): Promise<TreeMergeResult> {
  assertOid(req.ours, 'ours');
  assertOid(req.theirs, 'theirs');
  const r = await ctx.runner.run({
    cwd: ws.path,
    args: [
      ...MERGE_DEFAULTS,
      'merge-tree',
      '--write-tree',
      '-z',
      '--allow-unrelated-histories',
      req.ours,
      req.theirs,
    ],
    ok: 'any',
  });
  if (r.code !== 0 && r.code !== 1)
    throw new MetawsmError('GIT_FAILED', `git merge-tree failed in ${ws.path}: ${stderrSummary(r.stderr)}`, {
      hint: 'metawsm needs git >= 2.38 for the native engine (or set METAWSM_GIT_ENGINE=js).',
      data: { ours: req.ours, theirs: req.theirs, exitCode: r.code },
    });
  const out = parseMergeTree(r.stdout.toString('utf8'));
  if (r.code === 0) return { clean: true, tree: out.tree };
  // git names a file it moves out of the way after the side, here the commit ids given to it.
  return { clean: false, conflicts: conflictsOf(out, [req.ours, req.theirs]) };
}

/**
 * A merge of three given trees. git 2.39 merges commits only (`--merge-base` came in 2.40), so
 * the trees become helper commits: base, and ours and theirs as its children; git then finds
 * exactly that base. The helpers are unreferenced objects, collected by git's gc like any other.
 */
export async function mergeTrees(
  ctx: NativeContext,
  ws: Workspace,
  req: { base: Oid; ours: Oid; theirs: Oid },
): Promise<TreeMergeResult> {
  for (const [k, v] of Object.entries(req)) assertOid(v, k);
  const { ours, theirs } = await writeHelperCommits(ctx, ws, req);
  return mergeCommits(ctx, ws, { ours, theirs });
}
