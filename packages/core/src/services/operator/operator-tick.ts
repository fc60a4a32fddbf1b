import {
  chooseAction,
  computeIntents,
  planActions,
  type PlannedAction,
} from '../../domain/operator-intents.js';
import type { Run, Target } from '../../domain/run.js';
import type { ExitCode } from '../../errors/codes.js';
import { isMetawsmError, toMetawsmError } from '../../errors/metawsm-error.js';
import type { LoadedPolicy } from '../../policy/parse.js';
import type { CommitDeps } from '../commit/promote-target.js';
import { commitRun } from '../commit/commit-run.js';
import { Journal } from '../journal.js';
import { prRun } from '../pr/pr-run.js';
import type { PrDeps } from '../pr/pr-target.js';
import { reviewSync } from '../review/review-sync.js';
import { selectTargets, type SelectionInput } from '../select.js';
import type { ExecutedAction, OperatorRunReport, OperatorTickReport } from './operator-result.js';
import { readRunSnapshot } from './operator-snapshot.js';

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
async function perform(
  deps: OperatorDeps,
  policy: LoadedPolicy,
  run: Run,
  action: PlannedAction,
  actor: string | undefined,
) {
  const repos = [...new Set(action.targets.map((t) => t.repo))];
  const all = run.targets.every((t) => repos.includes(t.repo));
  const selection = { runId: run.id, repos: all ? undefined : repos };
  switch (action.kind) {
    case 'commit_ready':
      return commitRun(deps, policy, {
        selection,
        dryRun: false,
        force: false,
        switch: false,
        allowRunning: false,
        actor,
      });
    case 'pr_ready':
      return prRun(deps, policy, { selection, dryRun: false, allowRunning: false, actor });
    case 'dispatch_ready':
      return reviewSync(deps, policy, { selection, dispatch: true, actor });
    case 'review_sync_due':
      return reviewSync(deps, policy, { selection, dispatch: false, actor });
  }
}

/** Execute under the use case's run lock; a held lock skips the run this tick (not a failure). */
async function execute(
  deps: OperatorDeps,
  policy: LoadedPolicy,
  run: Run,
  action: PlannedAction,
  journal: Journal,
  actor: string | undefined,
): Promise<ExecutedAction> {
  const base = { kind: action.kind, command: action.command };
  await journal.write('operator.action', 'intent', {}, base);
  try {
    const result = await perform(deps, policy, run, action, actor);
    await journal.write('operator.action', 'done', {}, { ...base, exitCode: result.exitCode });
    return { ...base, outcome: 'done', exitCode: result.exitCode, error: null };
  } catch (e) {
    const err = toMetawsmError(e);
    const locked = isMetawsmError(e, 'RUN_LOCKED');
    await journal.write(
      'operator.action',
      locked ? 'info' : 'failed',
      {},
      { ...base, outcome: locked ? 'skipped_locked' : 'failed', error: err.code },
    );
    return {
      ...base,
      outcome: locked ? 'skipped_locked' : 'failed',
      exitCode: locked ? 0 : err.exitCode,
      error: locked ? null : err.toJSON(),
    };
  }
}

async function tickRun(
  deps: OperatorDeps,
  policy: LoadedPolicy,
  picked: { run: Run; targets: Target[] },
  input: OperatorTickInput,
  journal: Journal,
): Promise<OperatorRunReport> {
  const { run } = picked;
  const snapshot = await readRunSnapshot(deps, {
    ...picked,
    policy,
    nowMs: deps.clock.nowMs(),
    intervalMs: input.intervalMs,
  });
  const intents = computeIntents(snapshot);
  const actions = planActions(snapshot, intents);
  const chosen = input.dryRun || input.stopped?.() ? null : chooseAction(actions);
  if (!input.dryRun)
    await journal.info(
      'operator.tick',
      {},
      {
        intents,
        actions: actions.map((a) => ({ kind: a.kind, command: a.command, mode: a.mode })),
        chosen: chosen?.command ?? null,
      },
    );
  return {
    runId: run.id,
    status: run.status,
    intents,
    actions,
    executed: chosen ? await execute(deps, policy, run, chosen, journal, input.actor) : null,
    problems: snapshot.targets
      .filter((t) => t.problem !== null)
      .map((t) => ({ ticket: t.ticket, repo: t.repo, problem: t.problem! })),
  };
}

/**
 * One operator tick (SPEC §8): for each open run of the selection, read a typed snapshot, compute
 * the intents and their commands; unless `dryRun`, journal the decision and let `auto` execute at
 * most one action per run (under the run lock). Reads the policy anew each tick.
 */
export async function operatorTick(
  deps: OperatorDeps,
  policy: LoadedPolicy,
  input: OperatorTickInput,
  tick: number,
): Promise<OperatorTickReport> {
  const at = new Date(deps.clock.nowMs()).toISOString();
  const runs: OperatorRunReport[] = [];
  for (const picked of await selectedRuns(deps, input.selection)) {
    const journal = new Journal(deps, {
      runId: picked.run.id,
      operationId: deps.ids.randomHex(),
      actor: input.actor ?? null,
    });
    runs.push(await tickRun(deps, policy, picked, input, journal));
  }
  const exitCode = runs.reduce<ExitCode>(
    (m, r) => ((r.executed?.exitCode ?? 0) > m ? (r.executed?.exitCode ?? 0) : m),
    0,
  );
  return { tick, at, dryRun: input.dryRun, runs, exitCode };
}
