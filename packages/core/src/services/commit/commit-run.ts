import type { Target } from '../../domain/run.js';
import { MetawsmError } from '../../errors/metawsm-error.js';
import type { LoadedPolicy } from '../../policy/parse.js';
import { forEachTarget } from '../per-target.js';
import { Journal } from '../journal.js';
import { withRunLock } from '../run-lock.js';
import { assertRunReady, selectTargets, type SelectionInput } from '../select.js';
import type { CommitResult, TargetCommitResult } from './commit-result.js';
import { preparePromotion, promoteTarget, type CommitDeps, type PromoteOptions } from './promote-target.js';

/** Input of {@link commitRun}. */
export interface CommitInput extends PromoteOptions {
  selection: SelectionInput;
  allowRunning: boolean;
  /** Targets promoted at once (default 4). */
  concurrency?: number | undefined;
}

function blankResult(target: Target, dryRun: boolean): TargetCommitResult {
  return {
    ticket: target.ticket,
    repo: target.repo,
    path: target.path,
    engine: null,
    branch: null,
    outcome: 'error',
    dryRun,
    baseRef: `${target.remote}/${target.baseBranch}`,
    baseSha: null,
    snapshotRef: null,
    snapshotSha: null,
    commitSha: null,
    parents: [],
    updateKind: null,
    signed: false,
    signingFormat: null,
    files: [],
    conflicts: [],
    foreignCommits: [],
    checks: null,
    switched: false,
    warnings: [],
    error: null,
    exitCode: 0,
  };
}

/** Refuse when policy mode is `off` or the repo is not allowed. */
export function assertPolicyAllows(
  policy: LoadedPolicy,
  command: 'commit' | 'pr',
  repos: readonly string[],
): void {
  const gp = policy.policy.git_pr;
  if (gp.mode === 'off') {
    throw new MetawsmError('POLICY_MODE_OFF', `git_pr.mode is "off": ${command} is disabled by policy`, {
      hint: `Set git_pr.mode to "assist" or "auto" in ${policy.file ?? '.metawsm/policy.json'}.`,
    });
  }
  const denied = gp.allowed_repos.length === 0 ? [] : repos.filter((r) => !gp.allowed_repos.includes(r));
  if (denied.length > 0) {
    throw new MetawsmError('REPO_NOT_ALLOWED', `repo(s) ${denied.join(', ')} not in git_pr.allowed_repos`, {
      hint: `Allowed: ${gp.allowed_repos.join(', ')}. Narrow with --repo or edit the policy.`,
      data: { denied },
    });
  }
}

/**
 * `metawsm commit`: promote every selected target (docs/promotion.md) concurrently, under the run's lock
 * unless --dry-run. Per-target failures are reported in the result, never thrown.
 */
export async function commitRun(
  deps: CommitDeps,
  policy: LoadedPolicy,
  input: CommitInput,
): Promise<CommitResult> {
  const { run, targets } = await selectTargets(deps.store, input.selection);
  const warnings = assertRunReady(run, input.allowRunning, input.dryRun);
  assertPolicyAllows(
    policy,
    'commit',
    targets.map((t) => t.repo),
  );
  const journal = new Journal(
    deps,
    { runId: run.id, operationId: deps.ids.randomHex(), actor: input.actor ?? null },
    { dryRun: input.dryRun },
  );
  const work = () =>
    forEachTarget(targets, {
      concurrency: input.concurrency ?? 4,
      onProgress: input.onProgress,
      blank: (target) => blankResult(target, input.dryRun),
      work: async (target, result) => {
        const p = await preparePromotion(deps, {
          deps,
          run,
          target,
          policy,
          options: input,
          journal,
          result,
        });
        await promoteTarget(p);
      },
    });
  const { results, exitCode } = input.dryRun
    ? await work()
    : await withRunLock(deps, { runId: run.id, operation: 'commit' }, work);
  return {
    runId: run.id,
    dryRun: input.dryRun,
    policyDigest: policy.digest,
    targets: results,
    warnings,
    exitCode,
  };
}
