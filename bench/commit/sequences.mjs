// The two yardsticks of bench/commit, each run by git on its own fresh copy of the workspace.
import { runOk } from '../lib/proc.mjs';
import { plumbingPromotion } from '../lib/git-plumbing.mjs';

/**
 * What an operator would type: fetch, stash everything, check the branch out at the new base, pop, add,
 * commit. Rewrites the workspace (which is why metawsm does not do it). Resolves `{ seconds, rssMb }`.
 */
export async function stashSequence(ws, env, branch) {
  const steps = [
    ['fetch', '-q', 'origin', 'main'],
    ['stash', 'push', '-u', '-q'],
    ['checkout', '-q', '-B', branch, 'origin/main'],
    ['stash', 'pop', '-q'],
    ['add', '-A'],
    ['commit', '-q', '-m', 'agent work'],
  ];
  let seconds = 0;
  let rssMb = 0;
  for (const s of steps) {
    const r = await runOk('git', s, { cwd: ws, env });
    seconds += r.seconds;
    rssMb = Math.max(rssMb, r.rssMb);
  }
  return { seconds, rssMb };
}

/**
 * git's plumbing doing metawsm's promotion off-tree (fetch, temporary-index snapshot, merge-tree,
 * commit-tree, CAS update-ref); must merge cleanly here. Resolves `{ seconds, rssMb, steps }`.
 */
export async function plumbingSequence(ws, env, branch) {
  const r = await plumbingPromotion({
    ws,
    env,
    baseBranch: 'main',
    refs: {
      base: 'refs/remotes/origin/main',
      snapshot: 'refs/bench/snapshot',
      result: `refs/heads/${branch}`,
    },
  });
  if (!r.clean) throw new Error(`plumbing sequence: unexpected conflict in ${r.conflicts.join(', ')}`);
  return r;
}
