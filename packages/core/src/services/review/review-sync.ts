import type { Run, Target } from '../../domain/run.js';
import type { ExitCode } from '../../errors/codes.js';
import { MetawsmError } from '../../errors/metawsm-error.js';
import type { LoadedPolicy } from '../../policy/parse.js';
import type { TargetProgress } from '../commit/commit-result.js';
import { Journal } from '../journal.js';
import { forEachTarget } from '../per-target.js';
import { withRunLock } from '../run-lock.js';
import { selectTargets, type SelectionInput } from '../select.js';
import type { ReviewDeps } from './review-connect.js';
import { dispatchAll } from './review-dispatch-all.js';
import type { GatheredTarget } from './review-fetch.js';
import { gatherTarget, type SyncShared } from './review-gather.js';
import { planAndWrite } from './review-write.js';
import type { ReviewSyncResult, TargetSyncResult } from './review-result.js';

/** Input of {@link reviewSync}. */
export interface ReviewSyncInput {
  selection: SelectionInput;
  /** Also dispatch pending items to the agents (`--dispatch`). */
  dispatch: boolean;
  actor?: string | undefined;
  /** Targets read from GitHub at once (default 20). */
  concurrency?: number | undefined;
  onProgress?: ((p: TargetProgress) => void) | undefined;
}

function blank(target: Target): TargetSyncResult {
  return {
    ticket: target.ticket,
    repo: target.repo,
    outcome: 'synced',
    prNumber: null,
    prState: null,
    headSha: null,
    graphql: null,
    counts: { new: 0, reopened: 0, updated: 0, deferred: 0, ignored: 0, addressed: 0, resolvedSkipped: 0 },
    filtered: {},
    deferred: [],
    dispatch: null,
    warnings: [],
    error: null,
    exitCode: 0,
  };
}

/** The guards of review sync: feedback enabled in the policy, and a run that is not closed. */
export function assertCanSync(policy: LoadedPolicy, run: Run): void {
  if (!policy.policy.git_pr.review_feedback.enabled) {
    throw new MetawsmError('FEEDBACK_DISABLED', 'review feedback is disabled in the policy', {
      hint: 'Set git_pr.review_feedback.enabled to true in .metawsm/policy.json.',
    });
  }
  if (run.status === 'closed') {
    throw new MetawsmError('RUN_CLOSED', `run ${run.id} is closed`, {
      hint: 'Feedback on a closed run is not synced; create a new run for new work.',
      data: { runId: run.id },
    });
  }
}

/**
 * `metawsm review sync [--dispatch]` (docs/review-feedback.md): read every source of each selected target's open
 * PR, decide (trust filter, threads, edits, resolved and closed, checks, the per-sync cap), store
 * and journal it; with `dispatch`, hand pending items to the agents. Never writes to GitHub.
 */
export async function reviewSync(
  deps: ReviewDeps,
  policy: LoadedPolicy,
  input: ReviewSyncInput,
): Promise<ReviewSyncResult> {
  const { run, targets } = await selectTargets(deps.store, input.selection);
  assertCanSync(policy, run);
  const journal = new Journal(deps, {
    runId: run.id,
    operationId: deps.ids.randomHex(),
    actor: input.actor ?? null,
  });
  const s: SyncShared = { deps, run, policy, journal, actor: input.actor, users: new Map() };
  const operation = input.dispatch ? 'review sync --dispatch' : 'review sync';
  return withRunLock(deps, { runId: run.id, operation }, async () => {
    const gathered = new Map<Target, GatheredTarget>();
    const { results } = await forEachTarget(targets, {
      concurrency: input.concurrency ?? 20,
      onProgress: input.onProgress,
      blank,
      work: async (target, result) => {
        const g = await gatherTarget(s, target, result);
        if (g) gathered.set(target, g);
      },
    });
    await planAndWrite(s, gathered, results, targets);
    const after = input.dispatch ? await dispatchAll(s, targets, results) : run;
    const exitCode = results.reduce<ExitCode>((m, r) => (r.exitCode > m ? r.exitCode : m), 0);
    const warnings: string[] = [];
    return {
      runId: run.id,
      dispatch: input.dispatch,
      policyDigest: policy.digest,
      runStatus: after.status,
      targets: results,
      warnings,
      exitCode,
    };
  });
}
