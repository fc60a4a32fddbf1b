import { feedbackItemId } from '../../domain/feedback.js';
import type { FeedbackCandidate } from '../../domain/review/candidate.js';
import {
  admitOldestFirst,
  newFeedbackItem,
  planTargetSync,
  type TargetSyncPlan,
} from '../../domain/review/sync-plan.js';
import type { Target } from '../../domain/run.js';
import { toMetawsmError } from '../../errors/metawsm-error.js';
import type { GatheredTarget } from './review-fetch.js';
import type { SyncShared } from './review-gather.js';
import type { SyncCounts, TargetSyncResult } from './review-result.js';

type Planned = { target: Target; gathered: GatheredTarget; plan: TargetSyncPlan; result: TargetSyncResult };

/** The counts a target's sync reports: every decision is one update of one item. */
function syncCounts(plan: TargetSyncPlan, created: number, deferred: number): SyncCounts {
  const d = plan.decisions;
  return {
    new: created,
    reopened: d.filter((x) => x.to === 'pending').length,
    updated: plan.updates.length - d.length,
    deferred,
    ignored: d.filter((x) => x.to === 'ignored').length,
    addressed: d.filter((x) => x.to === 'addressed').length,
    resolvedSkipped: plan.resolvedSkipped,
  };
}

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
    counts: syncCounts(p.plan, created.length, deferred.length),
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

/** Record a thrown error as the target's outcome (its exit code, never lower than it was). */
export function fail(result: TargetSyncResult, e: unknown): void {
  const err = toMetawsmError(e);
  Object.assign(result, {
    outcome: 'error',
    error: err.toJSON(),
    exitCode: Math.max(result.exitCode, err.exitCode),
  });
}

/** Plan every gathered target, cap new items across the sync (oldest first), write each target. */
export async function planAndWrite(
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
