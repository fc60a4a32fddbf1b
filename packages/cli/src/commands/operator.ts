import { Flags } from '@oclif/core';
import { operatorLoop, stopSignal, type OperatorTickReport } from '@metawsm/core';
import { BaseCommand, selectionFlags } from '../base-command.js';
import { renderOperatorTick } from '../render/operator.js';

/** Default interval between ticks (and of review syncs and the dispatch cap's window) with --once. */
const DEFAULT_INTERVAL_S = 300;

export default class Operator extends BaseCommand<typeof Operator> {
  static override summary =
    'Watch open runs and recommend (assist) or execute (auto) the next commit, pr, review sync and dispatch.';
  static override description = `Each tick reads every open run of the selection and computes per target: commit_ready (run completed, workspace differs from its last snapshot), pr_ready (commit not pushed, or no PR), review_sync_due (open PR, feedback enabled, last sync older than the interval), dispatch_ready (pending items, within auto_dispatch_cap_per_interval).
assist prints each with its command; auto (git_pr.mode for commit/pr, review_feedback.mode for sync/dispatch) executes at most one action per run per tick under the run lock; a held lock skips the run for that tick.
SIGINT/SIGTERM let the current action finish, then exit; a second signal stops at once.`;
  static override examples = [
    '<%= config.bin %> operator --once',
    '<%= config.bin %> operator --interval 60 --json',
    '<%= config.bin %> operator --ticket PROJ-12 --once --dry-run',
  ];
  static override flags = {
    ...selectionFlags,
    once: Flags.boolean({
      description: 'One tick; exit with the highest exit code of the actions run.',
      exclusive: ['interval'],
    }),
    interval: Flags.integer({
      description: `Seconds between ticks (default ${DEFAULT_INTERVAL_S}); loops until SIGINT/SIGTERM.`,
      min: 1,
    }),
    'dry-run': Flags.boolean({ description: 'Compute and print intents; execute and record nothing.' }),
    actor: Flags.string({ description: 'Who is acting (journalled, passed to the actions).' }),
  };

  readonly #stop = stopSignal();

  protected override onSignal(signal: 'SIGINT' | 'SIGTERM'): Promise<void> {
    if (this.#stop.stopped) return super.onSignal(signal);
    // First signal: finish the current action, start no other; a second one ends everything now.
    this.#stop.stop();
    process.once(signal, () => void super.onSignal(signal));
    return Promise.resolve();
  }

  async run() {
    const ctx = await this.context();
    const once = this.flags.once || this.flags.interval === undefined;
    const ticks: OperatorTickReport[] = [];
    // A dry run records nothing, so it never creates a home or a database either.
    const store = this.flags['dry-run'] ? await ctx.readStore() : await ctx.store();
    const result = await operatorLoop(
      { ...ctx.ports, store, checks: ctx.checks },
      {
        selection: { runId: this.flags['run-id'], ticket: this.flags.ticket },
        intervalMs: (this.flags.interval ?? DEFAULT_INTERVAL_S) * 1000,
        dryRun: this.flags['dry-run'],
        actor: this.flags.actor,
        once,
        stop: this.#stop,
        policy: () => ctx.policy(),
        onTick: (report) => {
          ticks.push(report);
          if (this.jsonEnabled()) process.stdout.write(`${JSON.stringify(report)}\n`);
          else this.log(renderOperatorTick(report, this.style));
        },
      },
    );
    this.exitWith(result.exitCode);
    // --json prints one object per tick as it happens (above), not one at the end.
    return this.jsonEnabled() ? undefined : { ...result, ticks };
  }
}
