import type { ChecksReport } from '../domain/checks.js';
import { countFeedback, type FeedbackStatus, type ReviewFeedbackItem } from '../domain/feedback.js';
import { nextStep } from '../domain/next-step.js';
import type { PullRequestRecord } from '../domain/pull-request.js';
import type { Run, RunStatus } from '../domain/run.js';
import type { RunLock } from '../domain/lock.js';
import type { StorePort } from '../ports/store.port.js';
import { selectTargets, type SelectionInput } from './select.js';

/** One target in `status`. */
export interface TargetStatus {
  ticket: string;
  repo: string;
  path: string;
  remote: string;
  baseBranch: string;
  branch: string | null;
  commitSha: string | null;
  pushedSha: string | null;
  pr: { number: number; url: string | null; state: string | null } | null;
  checksPassed: boolean | null;
  /** The last checks report stored on the record (failed tests keep their output tail). */
  checks: ChecksReport | null;
  /** The last failure recorded for the target (failed checks, conflict, foreign commits, a remote failure). */
  lastError: PullRequestRecord['lastError'];
  /** Feedback items by status. */
  feedback: Record<FeedbackStatus, number>;
  /** When `review sync` last read the PR. */
  reviewSyncedAt: string | null;
  next: string;
}

/** One run in `status`. */
export interface RunStatusReport {
  id: string;
  title: string | null;
  status: RunStatus;
  tickets: string[];
  baseBranch: string;
  createdAt: string;
  lock: RunLock | null;
  targets: TargetStatus[];
}

function latestDispatch(items: readonly ReviewFeedbackItem[]): string | null {
  return items.reduce<string | null>(
    (max, i) =>
      i.status === 'dispatched' && i.dispatchedAt !== null && (max === null || i.dispatchedAt > max)
        ? i.dispatchedAt
        : max,
    null,
  );
}

async function reportRun(store: StorePort, run: Run, targets: Run['targets']): Promise<RunStatusReport> {
  const records = await store.listPullRequests(run.id);
  const feedback = await store.listFeedback({ runId: run.id });
  const lock = await store.getRunLock(run.id);
  return {
    id: run.id,
    title: run.title,
    status: run.status,
    tickets: run.tickets,
    baseBranch: run.baseBranch,
    createdAt: run.createdAt,
    lock,
    targets: targets.map((t) => {
      const rec = records.find((r) => r.ticket === t.ticket && r.repo === t.repo) ?? null;
      const items = feedback.filter((f) => f.ticket === t.ticket && f.repo === t.repo);
      const counts = countFeedback(items);
      return {
        ticket: t.ticket,
        repo: t.repo,
        path: t.path,
        remote: t.remote,
        baseBranch: t.baseBranch,
        branch: rec?.branch ?? null,
        commitSha: rec?.commitSha ?? null,
        pushedSha: rec?.lastPushedSha ?? null,
        pr: rec?.prNumber != null ? { number: rec.prNumber, url: rec.prUrl, state: rec.prState } : null,
        checksPassed: rec?.checks ? rec.checks.passed : null,
        checks: rec?.checks ?? null,
        lastError: rec?.lastError ?? null,
        feedback: counts,
        reviewSyncedAt: rec?.reviewSyncedAt ?? null,
        next: nextStep({ run, record: rec, feedback: counts, lastDispatchAt: latestDispatch(items) }),
      };
    }),
  };
}

/** `metawsm status`: the selected run (or every open run when nothing is selected). */
export async function statusReport(
  store: StorePort,
  selection: SelectionInput,
): Promise<{ runs: RunStatusReport[] }> {
  if (selection.runId || selection.ticket) {
    const { run, targets } = await selectTargets(store, selection);
    return { runs: [await reportRun(store, run, targets)] };
  }
  const runs = (await store.listRuns()).filter((r) => r.status !== 'closed');
  return { runs: await Promise.all(runs.map((r) => reportRun(store, r, r.targets))) };
}
