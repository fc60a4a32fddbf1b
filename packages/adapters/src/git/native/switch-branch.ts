import { open, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { assertValidBranchName, MetawsmError, type Oid, type Workspace } from '@metawsm/core';
import type { NativeContext } from './context.js';
import { readCommit, readTree } from './objects.js';
import { readRef } from './refs.js';
import { METAWSM_DIR, stageWorkspace, withMetawsmEntry } from './snapshot.js';
import { withTempIndex, type IndexEnv } from './temp-index.js';

function failed(message: string, hint: string, data: Record<string, unknown>): MetawsmError {
  return new MetawsmError('GIT_FAILED', message, { hint, data });
}

/** The other worktree of this repository that has `ref` checked out, if any. */
async function otherWorktreeOn(ctx: NativeContext, ws: Workspace, ref: string): Promise<string | null> {
  const r = await ctx.runner.run({ cwd: ws.path, args: ['worktree', 'list', '--porcelain', '-z'] });
  let path: string | null = null;
  for (const field of r.stdout.toString('utf8').split('\0')) {
    if (field.startsWith('worktree ')) path = field.slice('worktree '.length);
    else if (field === `branch ${ref}` && path !== null && resolve(path) !== resolve(ws.path)) return path;
  }
  return null;
}

/** Take `<gitDir>/index.lock` the way git does (exclusive create); GIT_FAILED when another process holds it. */
async function lockIndex(ws: Workspace): Promise<string> {
  const lock = join(ws.gitDir, 'index.lock');
  const fh = await open(lock, 'wx').catch((e: NodeJS.ErrnoException) => {
    throw failed(
      e.code === 'EEXIST'
        ? `the index of ${ws.path} is locked by another git process`
        : `cannot lock the index of ${ws.path}: ${e.message}`,
      `If no git process is running, remove ${lock} and retry.`,
      { path: ws.path, lockFile: lock },
    );
  });
  await fh.close();
  return lock;
}

/**
 * Check out local `branch` with git's own two-way checkout (`read-tree -m -u`, which refuses to
 * overwrite untracked files), only while the workspace's full state is still `expectTree`
 * (WORKSPACE_CHANGED otherwise, nothing touched). The workspace's `index.lock` is held from the
 * check until the new index replaces the old one, so no git command interleaves. `.metawsm/` in
 * the working tree is never written; the new index follows the branch there too. HEAD moves last.
 */
export async function switchBranch(
  ctx: NativeContext,
  ws: Workspace,
  req: { branch: string; expectTree: Oid },
): Promise<void> {
  assertValidBranchName(req.branch);
  const ref = `refs/heads/${req.branch}`;
  const tip = await readRef(ctx, ws, ref);
  if (!tip)
    throw failed(
      `branch ${req.branch} does not exist in ${ws.path}`,
      'Run `metawsm commit` first to create the branch.',
      { branch: req.branch },
    );
  const elsewhere = await otherWorktreeOn(ctx, ws, ref);
  if (elsewhere)
    throw failed(
      `branch ${req.branch} is checked out in another worktree (${elsewhere})`,
      'Switch that worktree to another branch first.',
      {
        branch: req.branch,
      },
    );
  const lock = await lockIndex(ws);
  try {
    await withTempIndex(ws, { scratchObjects: false, baseEnv: ctx.runner.env }, async (env) => {
      await checkoutInto(ctx, ws, { env, tip, expectTree: req.expectTree });
      // git's lock protocol: the new index is written to index.lock and renamed over the index.
      const index = env.GIT_INDEX_FILE!;
      const seconds = Number((await stat(index, { bigint: true })).mtimeNs / 1_000_000_000n);
      await writeFile(lock, await readFile(index));
      await utimes(lock, seconds, seconds);
      await rename(lock, join(ws.gitDir, 'index'));
    });
  } finally {
    await rm(lock, { force: true });
  }
  await ctx.runner.run({
    cwd: ws.path,
    args: ['symbolic-ref', '-m', `metawsm: switch to ${req.branch}`, 'HEAD', ref],
  });
}

async function checkoutInto(
  ctx: NativeContext,
  ws: Workspace,
  p: { env: IndexEnv; tip: Oid; expectTree: Oid },
): Promise<void> {
  const state = await stageWorkspace(ctx, ws, p.env, true);
  if (state.tree !== p.expectTree)
    throw new MetawsmError(
      'WORKSPACE_CHANGED',
      `the workspace ${ws.path} changed since it was snapshotted; not switching`,
      {
        hint: 'Run `metawsm commit` again to include the new changes, then switch.',
        data: { path: ws.path, expectedTree: p.expectTree, actualTree: state.tree },
      },
    );
  const target = (await readCommit(ctx, ws, p.tip)).tree;
  const targetTop = await readTree(ctx, ws, target);
  const oursMeta = state.stagedTop.find((e) => e.name === METAWSM_DIR);
  const targetMeta = targetTop.find((e) => e.name === METAWSM_DIR);
  // Check out the branch with the working tree's own .metawsm/ kept: git then never writes there.
  const checkout = await withMetawsmEntry(ctx, ws, { tree: target, top: targetTop }, oursMeta, p.env);
  await ctx.runner.run({
    cwd: ws.path,
    args: ['read-tree', '-m', '-u', state.staged, checkout],
    env: p.env,
  });
  if (targetMeta?.oid === oursMeta?.oid && targetMeta?.mode === oursMeta?.mode) return;
  // The index follows the branch: its .metawsm/ entries become the branch's (files stay as they are).
  await ctx.runner.run({
    cwd: ws.path,
    args: ['rm', '-r', '-q', '--cached', '--ignore-unmatch', '--', METAWSM_DIR],
    env: p.env,
  });
  const ls = await ctx.runner.run({
    cwd: ws.path,
    args: ['ls-tree', '-r', '-z', '--full-tree', target, '--', METAWSM_DIR],
  });
  if (ls.stdout.length > 0)
    await ctx.runner.run({
      cwd: ws.path,
      args: ['update-index', '-z', '--index-info'],
      input: ls.stdout,
      env: p.env,
    });
}
