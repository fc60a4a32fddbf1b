// git's own plumbing doing a whole promotion off-tree, the yardstick for `metawsm commit` (issue 7):
// fetch the base → snapshot through a temporary index (a copy of the workspace's, so the stat cache keeps
// `add -A` fast) → write the snapshot ref → `merge-tree --write-tree` → `commit-tree` → CAS `update-ref`.
// The workspace's index, working tree and HEAD are left as they were, like metawsm's own promotion.
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run, runOk } from './proc.mjs';

/**
 * Run the sequence in workspace `ws` and resolve `{ seconds, rssMb, steps, snapshot, snapshotTree, clean,
 * tree, conflicts, commit }`: `steps` holds wall seconds per phase (fetch, snapshot, merge, commit), `conflicts`
 * the paths git names (empty when clean), `commit` the promoted commit (null on a conflict).
 * The fetched base lands in `refs` (not in `refs/remotes/...`), so a later `metawsm commit` in the same
 * workspace still sees the base as not yet fetched.
 */
export async function plumbingPromotion({ ws, env, remote = 'origin', baseBranch, refs }) {
  const steps = { fetch: 0, snapshot: 0, merge: 0, commit: 0 };
  let rssMb = 0;
  const git = async (phase, args, opts = {}, ok = [0]) => {
    const r = await runOk('git', ['-c', 'gc.auto=0', ...args], { cwd: ws, env, ...opts }, ok);
    steps[phase] += r.seconds;
    rssMb = Math.max(rssMb, r.rssMb);
    return r;
  };
  // `--refmap=` stops git from also moving refs/remotes/<remote>/<base> when `refs.base` is elsewhere.
  await git('fetch', [
    'fetch',
    '-q',
    '--no-tags',
    '--refmap=',
    remote,
    `+refs/heads/${baseBranch}:${refs.base}`,
  ]);
  const tmpIndex = join(ws, '.git', `bench-index-${process.pid}`);
  const copyStart = process.hrtime.bigint();
  copyFileSync(join(ws, '.git', 'index'), tmpIndex);
  steps.snapshot += Number(process.hrtime.bigint() - copyStart) / 1e9;
  const idxEnv = { ...env, GIT_INDEX_FILE: tmpIndex };
  try {
    await git('snapshot', ['add', '-A', '--', '.', ':(exclude).metawsm'], { env: idxEnv });
    const snapshotTree = (await git('snapshot', ['write-tree'], { env: idxEnv })).stdout.trim();
    const snapshot = (
      await git('snapshot', ['commit-tree', snapshotTree, '-p', 'HEAD', '-m', 'snapshot'])
    ).stdout.trim();
    await git('snapshot', ['update-ref', refs.snapshot, snapshot]);
    const merge = await mergeTree(git, refs.base, snapshot);
    let commit = null;
    if (merge.clean) {
      commit = (
        await git('commit', ['commit-tree', merge.tree, '-p', refs.base, '-m', 'promoted'])
      ).stdout.trim();
      await git('commit', ['update-ref', refs.result, commit, '']);
    }
    const seconds = Object.values(steps).reduce((a, b) => a + b, 0);
    return { seconds, rssMb, steps, snapshot, snapshotTree, ...merge, commit };
  } finally {
    rmSync(tmpIndex, { force: true });
  }
}

/** `merge-tree --write-tree` of two commits: `{ clean, tree, conflicts }` (conflicted paths, sorted). */
async function mergeTree(git, ours, theirs) {
  const r = await git(
    'merge',
    ['merge-tree', '--write-tree', '-z', '--name-only', '--no-messages', ours, theirs],
    {},
    [0, 1],
  );
  return parseMergeTree(r.code, r.stdout);
}

/** Parse `merge-tree --write-tree -z --name-only` output (tree NUL, then conflicted paths NUL-separated). */
export function parseMergeTree(code, stdout) {
  const parts = stdout.split('\0');
  const tree = parts[0].trim();
  const conflicts = [];
  for (const p of parts.slice(1)) {
    if (p === '') break; // an empty field ends the conflicted-file section
    conflicts.push(p);
  }
  return { clean: code === 0, tree, conflicts: conflicts.sort() };
}

/** Untimed `merge-tree` in `cwd` (for attributing a disagreement to the snapshot or the merge). */
export async function mergeTreeOnce(cwd, env, ours, theirs) {
  const r = await run(
    'git',
    ['merge-tree', '--write-tree', '-z', '--name-only', '--no-messages', ours, theirs],
    {
      cwd,
      env,
    },
  );
  if (r.code !== 0 && r.code !== 1) throw new Error(`git merge-tree exited ${r.code}: ${r.stderr}`);
  return parseMergeTree(r.code, r.stdout);
}
