import {
  chooseAction,
  computeIntents,
  planActions,
  type OperatorRunSnapshot,
  type PlannedAction,
} from '../../domain/operator-intents.js';
import type { Run, Target } from '../../domain/run.js';
import type { ExitCode } from '../../errors/codes.js';
import { isMetawsmError, toMetawsmError } from '../../errors/metawsm-error.js';
import type { LoadedPolicy } from '../../policy/parse.js';
import { commitRun } from '../commit/commit-run.js';
import type { CommitDeps } from '../commit/promote-target.js';
import { Journal } from '../journal.js';
import { prRun } from '../pr/pr-run.js';
import type { PrDeps } from '../pr/pr-target.js';
import { reviewSync } from '../review/review-sync.js';
import { selectTargets, type SelectionInput } from '../select.js';
import type { ExecutedAction, OperatorRunReport, OperatorTickReport } from './operator-result.js';
import { readRunSnapshot, targetId } from './operator-snapshot.js';

/** Ports the operator needs (everything commit, pr and review sync need). */
export type OperatorDeps = CommitDeps & PrDeps;

/** Input of one tick. */
export interface OperatorTickInput {
  selection: SelectionInput;
  /** How often the loop ticks; also the review sync interval and the dispatch cap's window. */
  intervalMs: number;
  dryRun: boolean;
  actor?: string | undefined;
  /** Checked between runs: once set, no further action starts this tick. */
  stopped?: () => boolean;
}

/** What one run's action works with. */
interface ActionContext {
  deps: OperatorDeps;
  policy: LoadedPolicy;
  run: Run;
  snapshot: OperatorRunSnapshot;
  journal: Journal;
  actor: string | undefined;
}

async function selectedRuns(
  deps: OperatorDeps,
  selection: SelectionInput,
): Promise<{ run: Run; targets: Target[] }[]> {
  if (selection.runId || selection.ticket) {
    const picked = await selectTargets(deps.store, selection);
    return picked.run.status === 'closed' ? [] : [picked];
  }
  const runs = (await deps.store.listRuns()).filter((r) => r.status !== 'closed');
  return runs.map((run) => ({ run, targets: run.targets }));
}

/** Carry out one action through the same use case its command runs. */
async function perform(c: ActionContext, action: PlannedAction) {
  const { deps, policy, run, actor } = c;
  const repos = [...new Set(action.targets.map((t) => t.repo))];
  const all = run.targets.every((t) => repos.includes(t.repo));
  const selection = { runId: run.id, repos: all ? undefined : repos };
  const once = { dryRun: false, allowRunning: false, actor };
  switch (action.kind) {
    case 'commit_ready':
      return commitRun(deps, policy, { selection, ...once, force: false, switch: false });
    case 'pr_ready':
      return prRun(deps, policy, { selection, ...once });
    case 'dispatch_ready':
      return reviewSync(deps, policy, { selection, dispatch: true, actor });
    case 'review_sync_due':
      return reviewSync(deps, policy, { selection, dispatch: false, actor });
  }
}

/** What the action's journal rows say: kind and command, and for a commit the workspace trees it saw. */
function actionData(c: ActionContext, action: PlannedAction): Record<string, unknown> {
  const base = { kind: action.kind, command: action.command };
  if (action.kind !== 'commit_ready') return base;
  const mine = new Set(action.targets.map(targetId));
  const trees = c.snapshot.targets
    .filter((t) => mine.has(targetId(t)))
    .map((t) => [targetId(t), t.workspaceTree]);
  return { ...base, trees: Object.fromEntries(trees) };
}

/**
 * Execute under the use case's run lock; a held lock skips the run this tick (not a failure). A
 * finished commit action journals the workspace trees it saw, so the same state is not retried.
 */
async function execute(c: ActionContext, action: PlannedAction): Promise<ExecutedAction> {
  const base = { kind: action.kind, command: action.command };
  const data = actionData(c, action);
  await c.journal.write('operator.action', 'intent', {}, data);
  try {
    const result = await perform(c, action);
    await c.journal.write('operator.action', 'done', {}, { ...data, exitCode: result.exitCode });
    return { ...base, outcome: 'done', exitCode: result.exitCode, error: null };
  } catch (e) {
    const err = toMetawsmError(e);
    const locked = isMetawsmError(e, 'RUN_LOCKED');
    const outcome = locked ? 'skipped_locked' : 'failed';
    await c.journal.write(
      'operator.action',
      locked ? 'info' : 'failed',
      {},
      { ...data, outcome, error: err.code },
    );
    return { ...base, outcome, exitCode: locked ? 0 : err.exitCode, error: locked ? null : err.toJSON() };
  }
}

async function tickRun(
  deps: OperatorDeps,
  policy: LoadedPolicy,
  picked: { run: Run; targets: Target[] },
  input: OperatorTickInput,
): Promise<OperatorRunReport> {
  const { run } = picked;
  const journal = new Journal(deps, {
    runId: run.id,
    operationId: deps.ids.randomHex(),
    actor: input.actor ?? null,
  });
  const nowMs = deps.clock.nowMs();
  const snapshot = await readRunSnapshot(deps, { ...picked, policy, nowMs, intervalMs: input.intervalMs });
  const intents = computeIntents(snapshot);
  const actions = planActions(snapshot, intents);
  const chosen = input.dryRun || input.stopped?.() ? null : chooseAction(actions);
  if (!input.dryRun) {
    const listed = actions.map((a) => ({ kind: a.kind, command: a.command, mode: a.mode }));
    await journal.info('operator.tick', {}, { intents, actions: listed, chosen: chosen?.command ?? null });
  }
  const c: ActionContext = { deps, policy, run, snapshot, journal, actor: input.actor };
  return {
    runId: run.id,
    status: run.status,
    intents,
    actions,
    executed: chosen ? await execute(c, chosen) : null,
    problems: snapshot.targets.flatMap((t) =>
      t.problem === null ? [] : [{ ticket: t.ticket, repo: t.repo, problem: t.problem }],
    ),
  };
}

/**
 * One operator tick (docs/operating.md, the operator loop): for each open run of the selection, read a typed snapshot, compute
 * the intents and their commands; unless `dryRun`, journal the decision and let `auto` execute at
 * most one action per run (under the run lock).
 */
export async function operatorTick(
  deps: OperatorDeps,
  policy: LoadedPolicy,
  input: OperatorTickInput,
  tick: number,
): Promise<OperatorTickReport> {
  const at = new Date(deps.clock.nowMs()).toISOString();
  const runs: OperatorRunReport[] = [];
  for (const picked of await selectedRuns(deps, input.selection))
    runs.push(await tickRun(deps, policy, picked, input));
  const exitCode = runs.reduce<ExitCode>((m, r) => Math.max(m, r.executed?.exitCode ?? 0) as ExitCode, 0);
  return { tick, at, dryRun: input.dryRun, runs, exitCode };
}
