import { feedbackItemId } from '../../domain/feedback.js';
import type { FeedbackCandidate } from '../../domain/review/candidate.js';
import {
  admitOldestFirst,
  newFeedbackItem,
  planTargetSync,
  type TargetSyncPlan,
} from '../../domain/review/sync-plan.js';
import type { Run, Target } from '../../domain/run.js';
import type { ExitCode } from '../../errors/codes.js';
import { MetawsmError, toMetawsmError } from '../../errors/metawsm-error.js';
import type { LoadedPolicy } from '../../policy/parse.js';
import type { TargetProgress } from '../commit/commit-result.js';
import { Journal } from '../journal.js';
import { forEachTarget } from '../per-target.js';
import { withRunLock } from '../run-lock.js';
import { selectTargets, type SelectionInput } from '../select.js';
import type { ReviewDeps } from './review-connect.js';
import { dispatchTarget } from './review-dispatch.js';
import type { GatheredTarget } from './review-fetch.js';
import { gatherTarget, type SyncShared } from './review-gather.js';
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

/** The guards of SPEC §7: feedback enabled in the policy, and a run that is not closed. */
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

type Planned = { target: Target; gathered: GatheredTarget; plan: TargetSyncPlan; result: TargetSyncResult };

/** Store one target's decision (items and record together), then journal it. */
async function writeTarget(
  s: SyncShared,
  p: Planned,
  admitted: FeedbackCandidate[],
  deferred: FeedbackCandidate[],
) {
  const { deps } = s;
  const now = new Date(deps.clock.nowMs()).toISOString();
  const key = { runId: s.run.id, ticket: p.target.ticket, repo: p.target.repo };
  const { pr } = p.gathered;
  const created = admitted.map((c) => newFeedbackItem(c, { key, prNumber: pr.number }, now));
  const record = {
    ...p.gathered.record,
    prState: pr.state,
    prUrl: pr.url,
    reviewSyncedAt: now,
    updatedAt: now,
  };
  await deps.store.transaction(async (tx) => {
    await tx.putFeedback([...p.plan.updates, ...created]);
    await tx.putPullRequest(record);
  });
  const d = p.plan.decisions;
  Object.assign(p.result, {
    outcome: pr.state === 'closed' || pr.state === 'merged' ? 'closed' : 'synced',
    graphql: p.gathered.graphql,
    filtered: p.gathered.filtered,
    deferred: deferred.map(feedbackItemId),
    counts: {
      new: created.length,
      reopened: d.filter((x) => x.to === 'pending').length,
      updated: p.plan.updates.length - d.length,
      deferred: deferred.length,
      ignored: d.filter((x) => x.to === 'ignored').length,
      addressed: d.filter((x) => x.to === 'addressed').length,
      resolvedSkipped: p.plan.resolvedSkipped,
    },
  });
  p.result.warnings.push(...p.gathered.warnings);
  await s.journal.info('review.sync', key, {
    prNumber: pr.number,
    prState: pr.state,
    headSha: pr.headSha,
    graphql: p.gathered.graphql,
    decisions: [
      ...created.map((i) => ({ item: feedbackItemId(i), from: null, to: 'pending', reason: 'new' })),
      ...d,
    ],
    deferred: p.result.deferred,
    filtered: p.gathered.filtered,
    resolvedSkipped: p.plan.resolvedSkipped,
  });
}

function fail(result: TargetSyncResult, e: unknown): void {
  const err = toMetawsmError(e);
  Object.assign(result, {
    outcome: 'error',
    error: err.toJSON(),
    exitCode: Math.max(result.exitCode, err.exitCode),
  });
}

/** Plan every gathered target, cap new items across the sync (oldest first), write each target. */
async function planAndWrite(
  s: SyncShared,
  gathered: Map<Target, GatheredTarget>,
  results: TargetSyncResult[],
  targets: Target[],
) {
  const now = new Date(s.deps.clock.nowMs()).toISOString();
  const planned: Planned[] = [...gathered].map(([target, g]) => ({
    target,
    gathered: g,
    result: results[targets.indexOf(target)]!,
    plan: planTargetSync({
      key: { runId: s.run.id, ticket: target.ticket, repo: target.repo },
      prNumber: g.pr.number,
      nowIso: now,
      existing: g.existing,
      headSha: g.pr.headSha,
      candidates: g.candidates,
      passingChecks: g.passingChecks,
    }),
  }));
  const fresh = planned.flatMap((p) => p.plan.fresh.map((candidate) => ({ owner: p, candidate })));
  const cap = s.policy.policy.git_pr.review_feedback.max_items_per_sync;
  const { admitted, deferred } = admitOldestFirst(fresh, cap);
  for (const p of planned) {
    const mine = (list: typeof admitted) => list.filter((x) => x.owner === p).map((x) => x.candidate);
    await writeTarget(s, p, mine(admitted), mine(deferred)).catch((e: unknown) => fail(p.result, e));
  }
}

/** Dispatch every target's pending items; a completed run goes back to `running`. */
async function dispatchAll(s: SyncShared, targets: Target[], results: TargetSyncResult[]): Promise<Run> {
  let any = false;
  for (const [i, target] of targets.entries()) {
    const result = results[i]!;
    const prUrl =
      (await s.deps.store.getPullRequest({ runId: s.run.id, ticket: target.ticket, repo: target.repo }))
        ?.prUrl ?? null;
    try {
      result.dispatch = await dispatchTarget({ ...s, target, prUrl });
    } catch (e) {
      fail(result, e);
      continue;
    }
    any ||= result.dispatch !== null;
    if (result.dispatch?.command && !result.dispatch.command.ok) {
      const err = new MetawsmError(
        'DISPATCH_COMMAND_FAILED',
        `dispatch_command failed for ${target.ticket}/${target.repo}`,
        {
          hint: 'The feedback files were written and the items stay dispatched; see the command output in the result.',
          data: { exitCode: result.dispatch.command.exitCode, timedOut: result.dispatch.command.timedOut },
        },
      );
      result.error ??= err.toJSON();
      result.exitCode = Math.max(result.exitCode, err.exitCode) as ExitCode;
    }
  }
  if (!any || s.run.status !== 'completed') return s.run;
  const at = new Date(s.deps.clock.nowMs()).toISOString();
  const run = await s.deps.store.updateRun(s.run.id, { status: 'running', updatedAt: at });
  await s.journal.info('run.reopen', {}, { from: 'completed', to: 'running', reason: 'review.dispatch' });
  return run;
}

/**
 * `metawsm review sync [--dispatch]` (SPEC §7): read every source of each selected target's open
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
