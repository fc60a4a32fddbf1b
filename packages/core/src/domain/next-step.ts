import type { FeedbackStatus } from './feedback.js';
import type { PullRequestRecord } from './pull-request.js';
import type { Run } from './run.js';

/** Error codes a `commit` (or a push it computed) leaves on a record that block `pr` until the next commit. */
export const COMMIT_BLOCKING_CODES = [
  'CHECKS_FAILED',
  'PROMOTION_CONFLICT',
  'FOREIGN_COMMITS',
  'WORKSPACE_UNRESOLVED',
] as const;

/** The record's last error when it blocks `pr` until the workspace is fixed and committed again. */
export function blockingError(rec: PullRequestRecord | null): PullRequestRecord['lastError'] {
  const e = rec?.lastError ?? null;
  return e !== null && (COMMIT_BLOCKING_CODES as readonly string[]).includes(e.code) ? e : null;
}

/** What `status` knows about a target to say what comes next. */
export interface NextStepInput {
  run: Pick<Run, 'id' | 'status'>;
  record: PullRequestRecord | null;
  feedback: Record<FeedbackStatus, number>;
  /** Latest `dispatchedAt` of the target's dispatched items, if any. */
  lastDispatchAt: string | null;
}

function afterFailure(runId: string, code: string): string {
  switch (code) {
    case 'PROMOTION_CONFLICT':
      return `the change conflicts with the base: rebase the workspace onto the base (or fix the listed paths), then metawsm commit --run-id ${runId}`;
    case 'FOREIGN_COMMITS':
      return `someone else pushed to the PR branch: inspect their commits, then metawsm commit --run-id ${runId} --force to build on them`;
    case 'WORKSPACE_UNRESOLVED':
      return `finish or abort the merge/rebase in the workspace, then metawsm commit --run-id ${runId}`;
    default:
      return `fix the failing checks in the workspace, then metawsm commit --run-id ${runId}`;
  }
}

/** The next command for a target, right in every state (`metawsm status`). */
export function nextStep(input: NextStepInput): string {
  const { run, record: rec, feedback } = input;
  const id = run.id;
  if (run.status === 'closed') return 'nothing: the run is closed';
  if (rec?.prState === 'merged' || rec?.prState === 'closed')
    return `PR #${rec.prNumber} is ${rec.prState}: metawsm run close ${id} (start a new run for more work)`;
  const failed = blockingError(rec);
  if (failed) return afterFailure(id, failed.code);
  if (feedback.pending > 0)
    return `${feedback.pending} feedback item(s) pending: metawsm review sync --dispatch --run-id ${id}`;
  if (run.status === 'running')
    return feedback.dispatched > 0
      ? `the agent is working on ${feedback.dispatched} dispatched feedback item(s); when it stops: metawsm run complete ${id}`
      : `metawsm run complete ${id}`;
  if (!rec?.commitSha) return `metawsm commit --run-id ${id}`;
  if (
    feedback.dispatched > 0 &&
    (rec.committedAt === null || (input.lastDispatchAt ?? '') >= rec.committedAt)
  )
    return `the agent finished its feedback round: metawsm commit --run-id ${id}, then metawsm pr --run-id ${id}`;
  if (rec.commitSha !== rec.lastPushedSha || rec.prNumber === null) return `metawsm pr --run-id ${id}`;
  return `PR #${rec.prNumber} open: wait for review (metawsm review sync --run-id ${id} brings feedback in)`;
}
