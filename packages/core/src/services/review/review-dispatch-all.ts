import type { Run, Target } from '../../domain/run.js';
import type { ExitCode } from '../../errors/codes.js';
import { MetawsmError } from '../../errors/metawsm-error.js';
import { dispatchTarget } from './review-dispatch.js';
import type { SyncShared } from './review-gather.js';
import type { TargetSyncResult } from './review-result.js';
import { fail } from './review-write.js';

/** A failed `dispatch_command` is that target's DISPATCH_COMMAND_FAILED (exit 6); the items stay dispatched. */
function noteCommandFailure(result: TargetSyncResult, target: Target): void {
  const command = result.dispatch?.command;
  if (!command || command.ok) return;
  const err = new MetawsmError(
    'DISPATCH_COMMAND_FAILED',
    `dispatch_command failed for ${target.ticket}/${target.repo}`,
    {
      hint: 'The feedback files were written and the items stay dispatched; see the command output in the result.',
      data: { exitCode: command.exitCode, timedOut: command.timedOut },
    },
  );
  result.error ??= err.toJSON();
  result.exitCode = Math.max(result.exitCode, err.exitCode) as ExitCode;
}

/** Dispatch every target's pending items; a completed run goes back to `running`. */
export async function dispatchAll(
  s: SyncShared,
  targets: Target[],
  results: TargetSyncResult[],
): Promise<Run> {
  let any = false;
  for (const [i, target] of targets.entries()) {
    const result = results[i]!;
    const prUrl =
      (await s.deps.store.getPullRequest({ runId: s.run.id, ticket: target.ticket, repo: target.repo }))
        ?.prUrl ?? null;
    try {
      result.dispatch = await dispatchTarget({ ...s, target, prUrl });
    } catch (e) {
      fail(result, e);
      continue;
    }
    any ||= result.dispatch !== null;
    noteCommandFailure(result, target);
  }
  if (!any || s.run.status !== 'completed') return s.run;
  const at = new Date(s.deps.clock.nowMs()).toISOString();
  const run = await s.deps.store.updateRun(s.run.id, { status: 'running', updatedAt: at });
  await s.journal.info('run.reopen', {}, { from: 'completed', to: 'running', reason: 'review.dispatch' });
  return run;
}
