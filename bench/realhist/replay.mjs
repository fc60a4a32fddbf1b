// One repository's replay: select the cases, then per case build the workspace, run git's plumbing
// promotion (the oracle and the time yardstick), then `metawsm commit` once per engine, and classify.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { plumbingPromotion, mergeTreeOnce } from '../lib/git-plumbing.mjs';
import { createRun, makeHome, timedCommit } from '../lib/metawsm-cli.mjs';
import { classify } from './classify.mjs';
import { firstParents, selectCases } from './select-cases.mjs';
import { SkipCase, prepareWorkspace } from './workspace.mjs';

const git = (cwd, args, env) =>
  execFileSync('git', args, { cwd, env, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] })
    .toString()
    .trim();

const ORACLE_REFS = {
  base: 'refs/oracle/base',
  snapshot: 'refs/oracle/snapshot',
  result: 'refs/oracle/result',
};

/** Facts printed above a repository's table. */
export function repoFacts(bare, env, ref) {
  const pack = git(bare, ['count-objects', '-v'], env).match(/size-pack: (\d+)/);
  return {
    commits: Number(git(bare, ['rev-list', '--count', ref], env)),
    files: git(bare, ['ls-tree', '-r', '--name-only', '-z', ref], env).split('\0').filter(Boolean).length,
    packMb: pack ? Number(pack[1]) / 1024 : NaN,
  };
}

/**
 * Replay `opts.cases` cases of the repository served at `bare` (a bare clone under the server root).
 * Calls `onResult` with every engine's result of every case; resolves `{ skipped, prepared }`.
 */
export async function replayRepo({ name, bare, url, env, tmp, opts, onResult }) {
  const defaultBranch = git(bare, ['symbolic-ref', '--short', 'HEAD'], env);
  const fp = firstParents(bare, env, defaultBranch);
  const { cases, skipped } = selectCases({
    bare,
    env,
    fp,
    count: opts.cases,
    seed: opts.seed,
    name,
    tmpDir: tmp,
    ...opts.draw,
  });
  skipped.worktree_apply = 0;
  const homes = Object.fromEntries(
    opts.engines.map((e) => [e, makeHome({ dir: join(tmp, `home-${name}-${e}`), env, engine: e })]),
  );
  let prepared = 0;
  for (const c of cases) {
    if (opts.only && !opts.only.includes(c.index)) continue;
    const baseBranch = `rh/c${c.index}`;
    const ws = join(tmp, `ws-${name}-c${c.index}`);
    git(bare, ['update-ref', `refs/heads/${baseBranch}`, c.B], env);
    try {
      const split = prepareWorkspace({
        bare,
        dir: ws,
        env,
        c,
        seed: opts.seed,
        name,
        defaultBranch,
        baseBranch,
        url,
      });
      prepared++;
      const oracle = await plumbingPromotion({ ws, env, baseBranch, refs: ORACLE_REFS });
      const changeEmpty = oracle.snapshotTree === git(ws, ['rev-parse', `${c.P}^{tree}`], env);
      for (const engine of opts.engines) {
        const result = await promoteOnce({
          ws,
          env,
          c,
          engine,
          cliEnv: homes[engine],
          name,
          baseBranch,
          oracle,
          changeEmpty,
        });
        onResult({ repo: name, case: c, split, oracle, ...result });
      }
    } catch (e) {
      if (!(e instanceof SkipCase)) throw e;
      skipped.worktree_apply++;
    } finally {
      if (!opts.keep) rmSync(ws, { recursive: true, force: true, maxRetries: 5 });
      git(bare, ['update-ref', '-d', `refs/heads/${baseBranch}`], env);
    }
  }
  return { skipped, selected: cases.length, prepared };
}

/** One engine's `metawsm commit` on a prepared case, classified against the oracle. */
async function promoteOnce({ ws, env, c, engine, cliEnv, name, baseBranch, oracle, changeEmpty }) {
  const runId = `c${c.index}`;
  await createRun({ cliEnv, runId, ticket: `RH-${c.index}`, repo: name, path: ws, base: baseBranch });
  const m = await timedCommit({ cliEnv, runId });
  const t = m.target;
  const treeOf = (sha) => (sha ? git(ws, ['rev-parse', `${sha}^{tree}`], env) : null);
  const ours = {
    outcome: t?.outcome ?? 'error',
    tree: treeOf(t?.outcome === 'committed' ? t.commitSha : null),
    conflicts: (t?.conflicts ?? []).flatMap((k) => [k.path, ...(k.otherPath ? [k.otherPath] : [])]),
    error: m.error,
  };
  const verdict = classify(ours, { ...oracle, changeEmpty });
  const snapshotTree = treeOf(t?.snapshotSha);
  const result = {
    engine,
    engineUsed: m.engineUsed,
    seconds: m.seconds,
    rssMb: m.rssMb,
    ours,
    verdict,
    snapshotTree,
  };
  if (verdict.category !== 'agree')
    result.detail = await explain({ ws, env, t, ours, oracle, snapshotTree, stderr: m.stderr });
  return result;
}

/** What a disagreement needs for a diagnosis: git's merge of metawsm's own snapshot, differing paths. */
async function explain({ ws, env, t, ours, oracle, snapshotTree, stderr }) {
  const detail = { snapshotMatches: snapshotTree === oracle.snapshotTree, stderr: t ? undefined : stderr };
  if (t?.snapshotSha) {
    detail.gitOnMetawsmSnapshot = await mergeTreeOnce(ws, env, ORACLE_REFS.base, t.snapshotSha);
  }
  if (snapshotTree && !detail.snapshotMatches)
    detail.snapshotDiff = git(
      ws,
      ['diff-tree', '-r', '--name-status', oracle.snapshotTree, snapshotTree],
      env,
    ).split('\n');
  if (ours.tree && oracle.clean)
    detail.treeDiff = git(ws, ['diff-tree', '-r', '--name-status', oracle.tree, ours.tree], env).split('\n');
  return detail;
}
