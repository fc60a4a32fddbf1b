import { countFeedback, type ReviewFeedbackItem } from '../../domain/feedback.js';
import { blockingError } from '../../domain/next-step.js';
import type { OperatorRunSnapshot, OperatorTargetSnapshot } from '../../domain/operator-intents.js';
import { snapshotRefName } from '../../domain/refs.js';
import type { Run, Target } from '../../domain/run.js';
import { toMetawsmError } from '../../errors/metawsm-error.js';
import type { LoadedPolicy } from '../../policy/parse.js';
import type { Ports } from '../../ports/index.js';

/**
 * Whether the workspace differs from the last snapshot metawsm took of it (the snapshot ref is
 * rewritten on every commit attempt, so a conflict or `no_changes` is not retried until the
 * workspace changes again). Reads only: `workspaceTree` writes nothing.
 */
async function workspaceChanged(deps: Pick<Ports, 'git'>, run: Run, target: Target): Promise<boolean> {
  const ws = await deps.git.openWorkspace(target.path);
  const tree = await deps.git.workspaceTree(ws);
  const snapshot = await deps.git.readRef(
    ws,
    snapshotRefName({ ticket: target.ticket, repo: target.repo, run: run.id }),
  );
  return snapshot === null || (await deps.git.readCommit(ws, snapshot)).tree !== tree;
}

async function targetSnapshot(
  deps: Pick<Ports, 'git' | 'store'>,
  input: {
    run: Run;
    target: Target;
    items: ReviewFeedbackItem[];
    dispatchTimes: string[];
    readWorkspace: boolean;
  },
): Promise<OperatorTargetSnapshot> {
  const { run, target } = input;
  const record = await deps.store.getPullRequest({ runId: run.id, ticket: target.ticket, repo: target.repo });
  let changed: boolean | null = null;
  let problem: string | null = null;
  if (input.readWorkspace) {
    try {
      changed = await workspaceChanged(deps, run, target);
    } catch (e) {
      const err = toMetawsmError(e);
      problem = `${err.code}: ${err.message}`;
    }
  }
  return {
    ticket: target.ticket,
    repo: target.repo,
    workspaceChanged: changed,
    commitSha: record?.commitSha ?? null,
    lastPushedSha: record?.lastPushedSha ?? null,
    prNumber: record?.prNumber ?? null,
    prState: record?.prState ?? null,
    commitBlocked: blockingError(record) !== null,
    reviewSyncedAt: record?.reviewSyncedAt ?? null,
    feedback: countFeedback(input.items.filter((i) => i.ticket === target.ticket && i.repo === target.repo)),
    dispatchesInWindow: input.dispatchTimes.length,
    problem,
  };
}

/** One typed snapshot of a run for the operator (SPEC §8): store rows and workspace trees, no text parsing. */
export async function readRunSnapshot(
  deps: Pick<Ports, 'git' | 'store'>,
  input: { run: Run; targets: Target[]; policy: LoadedPolicy; nowMs: number; intervalMs: number },
): Promise<OperatorRunSnapshot> {
  const { run, policy } = input;
  const gp = policy.policy.git_pr;
  const items = await deps.store.listFeedback({ runId: run.id });
  const windowStart = new Date(input.nowMs - input.intervalMs).toISOString();
  const dispatches = (await deps.store.listEvents({ runId: run.id, type: 'review.dispatch' })).filter(
    (e) => e.phase === 'done' && e.at > windowStart,
  );
  const readWorkspace = run.status === 'completed' && gp.mode !== 'off';
  const targets = await Promise.all(
    input.targets.map((target) =>
      targetSnapshot(deps, {
        run,
        target,
        items,
        readWorkspace,
        dispatchTimes: dispatches
          .filter((e) => e.ticket === target.ticket && e.repo === target.repo)
          .map((e) => e.at),
      }),
    ),
  );
  return {
    runId: run.id,
    status: run.status,
    nowMs: input.nowMs,
    intervalMs: input.intervalMs,
    policy: {
      gitPrMode: gp.mode,
      feedbackEnabled: gp.review_feedback.enabled,
      feedbackMode: gp.review_feedback.mode,
      dispatchCap: gp.review_feedback.auto_dispatch_cap_per_interval,
    },
    allRepos: [...new Set(run.targets.map((t) => t.repo))],
    targets,
  };
}
