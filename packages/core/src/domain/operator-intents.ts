import type { FeedbackStatus } from './feedback.js';
import type { PullRequestState } from './pull-request.js';
import type { RunStatus } from './run.js';

/** What the operator can see is ready for a target (docs/operating.md, the operator loop), in the order it acts on them. */
export const INTENT_KINDS = ['commit_ready', 'pr_ready', 'dispatch_ready', 'review_sync_due'] as const;
/** See {@link INTENT_KINDS}. */
export type IntentKind = (typeof INTENT_KINDS)[number];

/** One target as the operator reads it: plain data, no text to parse. */
export interface OperatorTargetSnapshot {
  ticket: string;
  repo: string;
  /** Tree of the workspace's current state; null when not read (run not completed) or unreadable. */
  workspaceTree: string | null;
  /** Tree of the last promoted snapshot (the record's); null when nothing was promoted yet. */
  promotedTree: string | null;
  /**
   * Workspace tree of the operator's last finished commit action for this target: after a
   * conflict, failed checks or `no_changes`, the same workspace is not committed again.
   */
  attemptedTree: string | null;
  commitSha: string | null;
  lastPushedSha: string | null;
  prNumber: number | null;
  prState: PullRequestState | null;
  /** The last commit failed (checks, conflict, foreign commits): `pr` waits for the next commit. */
  commitBlocked: boolean;
  reviewSyncedAt: string | null;
  feedback: Record<FeedbackStatus, number>;
  /** Dispatches to this target within the current interval (for `auto_dispatch_cap_per_interval`). */
  dispatchesInWindow: number;
  /** Why the workspace could not be read, if it could not. */
  problem: string | null;
}

/** One run as the operator reads it each tick. */
export interface OperatorRunSnapshot {
  runId: string;
  status: RunStatus;
  nowMs: number;
  intervalMs: number;
  policy: {
    gitPrMode: 'off' | 'assist' | 'auto';
    feedbackEnabled: boolean;
    feedbackMode: 'assist' | 'auto';
    dispatchCap: number;
  };
  /** Every repo name of the run (to tell whether a command needs `--repo`). */
  allRepos: string[];
  targets: OperatorTargetSnapshot[];
}

/** A ready action for one target. */
export interface Intent {
  kind: IntentKind;
  ticket: string;
  repo: string;
}

/** The command that carries out one kind of intent for some targets of a run. */
export interface PlannedAction {
  kind: IntentKind;
  targets: { ticket: string; repo: string }[];
  /** The exact command an operator would type. */
  command: string;
  /** `auto` executes it; `assist` only prints it. */
  mode: 'auto' | 'assist';
}

const openPr = (t: OperatorTargetSnapshot) =>
  t.prNumber !== null && (t.prState === 'open' || t.prState === 'draft');

function kindsFor(s: OperatorRunSnapshot, t: OperatorTargetSnapshot): IntentKind[] {
  const kinds: IntentKind[] = [];
  const promotable = s.status === 'completed' && s.policy.gitPrMode !== 'off';
  const closed = t.prState === 'closed' || t.prState === 'merged';
  const tree = t.workspaceTree;
  if (promotable && !closed && tree !== null && tree !== t.promotedTree && tree !== t.attemptedTree)
    kinds.push('commit_ready');
  if (
    promotable &&
    !closed &&
    !t.commitBlocked &&
    t.commitSha !== null &&
    (t.commitSha !== t.lastPushedSha || t.prNumber === null)
  )
    kinds.push('pr_ready');
  if (!s.policy.feedbackEnabled || !openPr(t)) return kinds;
  if (t.feedback.pending > 0 && t.dispatchesInWindow < s.policy.dispatchCap) kinds.push('dispatch_ready');
  const synced = t.reviewSyncedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(t.reviewSyncedAt);
  if (s.nowMs - synced >= s.intervalMs) kinds.push('review_sync_due');
  return kinds;
}

/** Every intent of a run, per target (docs/operating.md, the operator loop). Closed runs have none. */
export function computeIntents(s: OperatorRunSnapshot): Intent[] {
  if (s.status === 'closed') return [];
  return s.targets.flatMap((t) => kindsFor(s, t).map((kind) => ({ kind, ticket: t.ticket, repo: t.repo })));
}

const BASE: Record<IntentKind, string> = {
  commit_ready: 'metawsm commit',
  pr_ready: 'metawsm pr',
  dispatch_ready: 'metawsm review sync --dispatch',
  review_sync_due: 'metawsm review sync',
};

/** The command for `kind` on these targets: `--repo` only when they are not all of the run's repos. */
export function commandFor(
  s: OperatorRunSnapshot,
  kind: IntentKind,
  targets: readonly { repo: string }[],
): string {
  const repos = [...new Set(targets.map((t) => t.repo))];
  const all = s.allRepos.every((r) => repos.includes(r));
  return `${BASE[kind]} --run-id ${s.runId}${all ? '' : repos.map((r) => ` --repo ${r}`).join('')}`;
}

function modeOf(s: OperatorRunSnapshot, kind: IntentKind): 'auto' | 'assist' {
  const mode = kind === 'commit_ready' || kind === 'pr_ready' ? s.policy.gitPrMode : s.policy.feedbackMode;
  return mode === 'auto' ? 'auto' : 'assist';
}

/** One action per kind present, in the operator's order (commit, pr, dispatch, sync). */
export function planActions(s: OperatorRunSnapshot, intents: readonly Intent[]): PlannedAction[] {
  return INTENT_KINDS.flatMap((kind) => {
    const targets = intents.filter((i) => i.kind === kind).map(({ ticket, repo }) => ({ ticket, repo }));
    if (targets.length === 0) return [];
    return [{ kind, targets, command: commandFor(s, kind, targets), mode: modeOf(s, kind) }];
  });
}

/** The one action `auto` executes this tick for the run (at most one per run per tick), or null. */
export function chooseAction(actions: readonly PlannedAction[]): PlannedAction | null {
  return actions.find((a) => a.mode === 'auto') ?? null;
}
