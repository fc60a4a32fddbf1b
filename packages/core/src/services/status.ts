import type { FeedbackStatus } from '../domain/feedback.js';
import type { GitEngineName } from '../domain/git.js';
import type { PullRequestRecord } from '../domain/pull-request.js';
import type { Run, RunStatus } from '../domain/run.js';
import type { RunLock } from '../domain/lock.js';
import type { GitPort } from '../ports/git.port.js';
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
  lastError: PullRequestRecord['lastError'];
  feedback: Record<FeedbackStatus, number>;
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

/** The next command an operator should run for a target. */
export function nextStep(run: Run, rec: PullRequestRecord | null, pendingFeedback: number): string {
  if (run.status === 'closed') return 'nothing: the run is closed';
  if (run.status === 'running') return `metawsm run complete ${run.id}`;
  if (rec?.lastError?.code === 'CHECKS_FAILED')
    return `fix the failing checks, then metawsm commit --run-id ${run.id}`;
  if (!rec?.commitSha) return `metawsm commit --run-id ${run.id}`;
  if (rec.commitSha !== rec.lastPushedSha || rec.prNumber === null) return `metawsm pr --run-id ${run.id}`;
  if (rec.prState === 'merged' || rec.prState === 'closed') return `metawsm run close ${run.id}`;
  if (pendingFeedback > 0) return `${pendingFeedback} review comment(s) pending for the agent`;
  return `PR open: wait for review (then commit + pr again for the next iteration)`;
}

async function reportRun(
  store: StorePort,
  run: Run,
  targets: Run['targets'],
  engine: GitEngineName | null,
): Promise<RunStatusReport> {
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
      const counts: Record<FeedbackStatus, number> = { pending: 0, dispatched: 0, addressed: 0, ignored: 0 };
      for (const f of feedback) if (f.ticket === t.ticket && f.repo === t.repo) counts[f.status]++;
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
        lastError: rec?.lastError ?? null,
        feedback: counts,
        next: nextStep(run, rec, counts.pending),
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
    return { runs: [await reportRun(store, run, targets, engine)] };
  }
  const runs = (await store.listRuns()).filter((r) => r.status !== 'closed');
  return { runs: await Promise.all(runs.map((r) => reportRun(store, r, r.targets, engine))) };
}
