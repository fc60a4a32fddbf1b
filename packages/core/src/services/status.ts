import type { ChecksReport } from '../domain/checks.js';
import { countFeedback, type FeedbackStatus, type ReviewFeedbackItem } from '../domain/feedback.js';
import type { GitEngineName } from '../domain/git.js';
import { nextStep } from '../domain/next-step.js';
import type { PullRequestRecord } from '../domain/pull-request.js';
import type { Run, RunStatus } from '../domain/run.js';
import type { RunLock } from '../domain/lock.js';
import type { GitPort } from '../ports/git.port.js';
import type { RunDetails, StorePort } from '../ports/store.port.js';
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
  /** The promotion commit is signed (SPEC 4.1a); null when there is no commit. */
  signed: boolean | null;
  /** Its signature format when signed. */
  signingFormat: PullRequestRecord['commitSignature'];
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
  /** The git engine this process uses for the target (null when status was asked without a git port). */
  engine: GitEngineName | null;
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

function reportRun(
  run: Run,
  targets: Run['targets'],
  details: RunDetails,
  engine: GitEngineName | null,
): RunStatusReport {
  const records = details.records.filter((r) => r.runId === run.id);
  const feedback = details.feedback.filter((f) => f.runId === run.id);
  const lock = details.locks.find((l) => l.runId === run.id) ?? null;
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
        signed: rec?.commitSha ? rec.commitSignature !== null : null,
        signingFormat: rec?.commitSignature ?? null,
        pushedSha: rec?.lastPushedSha ?? null,
        pr: rec?.prNumber != null ? { number: rec.prNumber, url: rec.prUrl, state: rec.prState } : null,
        checksPassed: rec?.checks ? rec.checks.passed : null,
        checks: rec?.checks ?? null,
        lastError: rec?.lastError ?? null,
        feedback: counts,
        reviewSyncedAt: rec?.reviewSyncedAt ?? null,
        next: nextStep({ run, record: rec, feedback: counts, lastDispatchAt: latestDispatch(items) }),
        engine,
      };
    }),
  };
}

/**
 * `metawsm status`: the selected run (or every open run when nothing is selected). With `git`,
 * each target also names the git engine in use.
 */
export async function statusReport(
  store: StorePort,
  selection: SelectionInput,
  options: { git?: Pick<GitPort, 'engine'> } = {},
): Promise<{ runs: RunStatusReport[] }> {
  const engine = options.git ? (await options.git.engine()).name : null;
  if (selection.runId || selection.ticket) {
    const { run, targets } = await selectTargets(store, selection);
    return { runs: [reportRun(run, targets, await store.listRunDetails([run.id]), engine)] };
  }
  const runs = (await store.listRuns()).filter((r) => r.status !== 'closed');
  // One batch for every run: an overview of a thousand runs must not cost thousands of queries.
  const details = groupByRun(await store.listRunDetails(runs.map((r) => r.id)));
  const none: RunDetails = { records: [], feedback: [], locks: [] };
  return { runs: runs.map((r) => reportRun(r, r.targets, details.get(r.id) ?? none, engine)) };
}

function groupByRun(details: RunDetails): Map<string, RunDetails> {
  const byRun = new Map<string, RunDetails>();
  const entry = (runId: string): RunDetails => {
    let d = byRun.get(runId);
    if (d === undefined) byRun.set(runId, (d = { records: [], feedback: [], locks: [] }));
    return d;
  };
  for (const r of details.records) entry(r.runId).records.push(r);
  for (const f of details.feedback) entry(f.runId).feedback.push(f);
  for (const l of details.locks) entry(l.runId).locks.push(l);
  return byRun;
}
