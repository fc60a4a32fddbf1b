import type { MetawsmEvent } from '../../domain/event.js';
import { countFeedback, type ReviewFeedbackItem } from '../../domain/feedback.js';
import { blockingError } from '../../domain/next-step.js';
import type { OperatorRunSnapshot, OperatorTargetSnapshot } from '../../domain/operator-intents.js';
import type { PullRequestRecord } from '../../domain/pull-request.js';
import type { Run, Target } from '../../domain/run.js';
import { toMetawsmError } from '../../errors/metawsm-error.js';
import type { LoadedPolicy } from '../../policy/parse.js';
import type { Ports } from '../../ports/index.js';

/** Key of a target in `operator.action` event data. */
export const targetId = (t: Pick<Target, 'ticket' | 'repo'>) => `${t.ticket}/${t.repo}`;

/** The workspace's current tree and the promoted snapshot's tree (reads only: `workspaceTree` writes nothing). */
async function trees(deps: Pick<Ports, 'git'>, target: Target, record: PullRequestRecord | null) {
  const ws = await deps.git.openWorkspace(target.path);
  const workspaceTree = await deps.git.workspaceTree(ws);
  const promotedTree = record?.snapshotSha ? (await deps.git.readCommit(ws, record.snapshotSha)).tree : null;
  return { workspaceTree, promotedTree };
}

/** Workspace trees of the operator's last finished commit action, by target. */
function attemptedTrees(events: readonly MetawsmEvent[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of events) {
    if (e.type !== 'operator.action' || e.phase !== 'done' || e.data.kind !== 'commit_ready') continue;
    for (const [k, tree] of Object.entries((e.data.trees ?? {}) as Record<string, string>)) out.set(k, tree);
  }
  return out;
}

async function targetSnapshot(
  deps: Pick<Ports, 'git' | 'store'>,
  input: {
    run: Run;
    target: Target;
    items: ReviewFeedbackItem[];
    dispatches: number;
    attempted: string | null;
    readWorkspace: boolean;
  },
): Promise<OperatorTargetSnapshot> {
  const { run, target } = input;
  const record = await deps.store.getPullRequest({ runId: run.id, ticket: target.ticket, repo: target.repo });
  let read: { workspaceTree: string | null; promotedTree: string | null } = {
    workspaceTree: null,
    promotedTree: null,
  };
  let problem: string | null = null;
  if (input.readWorkspace) {
    try {
      read = await trees(deps, target, record);
    } catch (e) {
      const err = toMetawsmError(e);
      problem = `${err.code}: ${err.message}`;
    }
  }
  return {
    ticket: target.ticket,
    repo: target.repo,
    ...read,
    attemptedTree: input.attempted,
    commitSha: record?.commitSha ?? null,
    lastPushedSha: record?.lastPushedSha ?? null,
    prNumber: record?.prNumber ?? null,
    prState: record?.prState ?? null,
    commitBlocked: blockingError(record) !== null,
    reviewSyncedAt: record?.reviewSyncedAt ?? null,
    feedback: countFeedback(input.items.filter((i) => i.ticket === target.ticket && i.repo === target.repo)),
    dispatchesInWindow: input.dispatches,
    problem,
  };
}

/** One typed snapshot of a run for the operator (docs/operating.md, the operator loop): store rows and workspace trees, no text parsing. */
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
  const attempted = attemptedTrees(await deps.store.listEvents({ runId: run.id, type: 'operator.action' }));
  const readWorkspace = run.status === 'completed' && gp.mode !== 'off';
  const targets = await Promise.all(
    input.targets.map((target) =>
      targetSnapshot(deps, {
        run,
        target,
        items,
        readWorkspace,
        attempted: attempted.get(targetId(target)) ?? null,
        dispatches: dispatches.filter((e) => e.ticket === target.ticket && e.repo === target.repo).length,
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
