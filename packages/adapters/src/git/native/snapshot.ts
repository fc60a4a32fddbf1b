import {
  MetawsmError,
  type Oid,
  type SnapshotResult,
  type Workspace,
  type SnapshotRequest,
} from '@metawsm/core';
import type { NativeContext } from './context.js';
import { stderrSummary } from './git-runner.js';
import { readCommit, readTree, writeCommit } from './objects.js';
import { parseLsTree, type TreeEntry } from './object-text.js';
import { updateRef } from './refs.js';
import { withTempIndex, type IndexEnv } from './temp-index.js';
import { assertSnapshotRef, cleanSnapshotFields } from '../shared/snapshot-input.js';

/** The folder metawsm owns in a workspace: never taken from the working tree. */
export const METAWSM_DIR = '.metawsm';

/**
 * `git add -A` into the private index: every change git sees (sparse checkouts included: files
 * present outside the cone are taken, absent ones keep their index entries), never the
 * top-level `.metawsm/`. `--ignore-errors` lets an untracked nested repository without a commit
 * be skipped, as the pure-JS engine does; any other error fails the snapshot.
 */
async function addAll(ctx: NativeContext, ws: Workspace, env: IndexEnv): Promise<void> {
  const r = await ctx.runner.run({
    cwd: ws.path,
    args: ['add', '-A', '--sparse', '--ignore-errors', '--', '.', `:(exclude)${METAWSM_DIR}`],
    env,
    ok: 'any',
  });
  if (r.code === 0) return;
  const fatal = r.stderr
    .split('\n')
    .filter((l) => /^(error|fatal):/.test(l))
    .filter((l) => !/does not have a commit checked out$/.test(l) && l !== 'fatal: adding files failed');
  if (r.code === 1 && fatal.length === 0) return;
  throw new MetawsmError('GIT_FAILED', `git add -A failed in ${ws.path}: ${stderrSummary(r.stderr)}`, {
    hint: 'Fix what git reports (unreadable files, filters) so that `git add -A` works there.',
    data: { path: ws.path, exitCode: r.code },
  });
}

/** The top-level entries of a tree, read through `ls-tree` in `env` (it may live in a scratch object dir). */
async function topEntries(ctx: NativeContext, ws: Workspace, tree: Oid, env: IndexEnv): Promise<TreeEntry[]> {
  const r = await ctx.runner.run({ cwd: ws.path, args: ['ls-tree', '-z', '--full-tree', tree], env });
  return parseLsTree(r.stdout);
}

/** `tree` (with top-level entries `top`) with its `.metawsm` entry replaced by `want` (or removed), via `mktree`. */
export async function withMetawsmEntry(
  ctx: NativeContext,
  ws: Workspace,
  t: { tree: Oid; top: TreeEntry[] },
  want: TreeEntry | undefined,
  env: IndexEnv,
): Promise<Oid> {
  const have = t.top.find((e) => e.name === METAWSM_DIR);
  if (want?.oid === have?.oid && want?.mode === have?.mode) return t.tree;
  const entries = t.top.filter((e) => e.name !== METAWSM_DIR);
  if (want) entries.push(want);
  const type = (mode: string) => (mode === '040000' ? 'tree' : mode === '160000' ? 'commit' : 'blob');
  const input = entries.map((e) => `${e.mode} ${type(e.mode)} ${e.oid}\t${e.name}\0`).join('');
  const r = await ctx.runner.run({ cwd: ws.path, args: ['mktree', '-z', '--missing'], input, env });
  return r.stdout.toString('utf8').trim();
}

/** The `.metawsm` entry of a commit's root tree. */
export async function metawsmEntryOf(
  ctx: NativeContext,
  ws: Workspace,
  commit: Oid | null,
): Promise<TreeEntry | undefined> {
  if (commit === null) return undefined;
  const top = await readTree(ctx, ws, (await readCommit(ctx, ws, commit)).tree);
  return top.find((e) => e.name === METAWSM_DIR);
}

/** HEAD's commit right now (null on an unborn branch), from the worktree's own reader. */
async function currentHead(ctx: NativeContext, ws: Workspace): Promise<Oid | null> {
  const info = await ctx.objects(ws).info('HEAD');
  return info?.type === 'commit' ? info.oid : null;
}

/** The workspace's state staged in a private index: its tree as staged, and the tree with HEAD's `.metawsm/`. */
export interface StagedWorkspace {
  /** The tree of the private index after `add -A`. */
  staged: Oid;
  /** Its top-level entries. */
  stagedTop: TreeEntry[];
  /** The snapshot tree: `staged` with `.metawsm/` from HEAD. */
  tree: Oid;
  head: Oid | null;
}

/**
 * Stage the workspace's full state into the private index of `env` (`add -A`, `write-tree`) and
 * compute the snapshot tree. `write` says whether `env` writes to the repository's own object
 * database (then the batch reader sees the new trees) or to a scratch directory.
 */
export async function stageWorkspace(
  ctx: NativeContext,
  ws: Workspace,
  env: IndexEnv,
  write: boolean,
): Promise<StagedWorkspace> {
  // HEAD's `.metawsm/` entry is read while `add -A` runs (the batch reader is idle then).
  const headState = async () => {
    const head = await currentHead(ctx, ws);
    return { head, entry: await metawsmEntryOf(ctx, ws, head) };
  };
  const [{ head, entry }] = await Promise.all([headState(), addAll(ctx, ws, env)]);
  const wt = await ctx.runner.run({ cwd: ws.path, args: ['write-tree'], env });
  const staged = wt.stdout.toString('utf8').trim();
  const stagedTop = write ? await readTree(ctx, ws, staged) : await topEntries(ctx, ws, staged, env);
  // `.metawsm/` always comes from HEAD (or is absent); usually the staged tree already agrees.
  const tree = await withMetawsmEntry(ctx, ws, { tree: staged, top: stagedTop }, entry, env);
  return { staged, stagedTop, tree, head };
}

/**
 * The tree of the workspace's full state: a private copy of its index, `add -A`, `write-tree`,
 * `.metawsm/` from HEAD. With `write` false every object goes to a scratch directory.
 */
export async function workspaceState(
  ctx: NativeContext,
  ws: Workspace,
  write: boolean,
): Promise<{ tree: Oid; head: Oid | null }> {
  return withTempIndex(ws, { scratchObjects: !write, baseEnv: ctx.runner.env }, async (env) => {
    const { tree, head } = await stageWorkspace(ctx, ws, env, write);
    return { tree, head };
  });
}

/**
 * Write the workspace's full state as a commit on HEAD and force `ref` to it. The commit is
 * recorded the way `git commit` cleans user input: the message without trailing whitespace and
 * with one final newline; names and emails without `<`, `>` and line breaks.
 */
export async function writeSnapshot(
  ctx: NativeContext,
  ws: Workspace,
  req: SnapshotRequest,
): Promise<SnapshotResult> {
  if (req.ref !== null) assertSnapshotRef(req.ref);
  const { tree, head } = await workspaceState(ctx, ws, true);
  const commit = await writeCommit(ctx, ws, {
    tree,
    parents: head ? [head] : [],
    ...cleanSnapshotFields(req),
  });
  if (req.ref !== null)
    await updateRef(ctx, ws, {
      ref: req.ref,
      newOid: commit,
      expectedOld: undefined,
      message: 'metawsm snapshot',
    });
  return { commit, tree, head };
}
