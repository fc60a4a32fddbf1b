import { Flags } from '@oclif/core';
import { commitRun } from '@metawsm/core';
import { BaseCommand, selectionFlags } from '../base-command.js';
import { renderCommit } from '../render/commit.js';
import { progressReporter } from '../render/progress.js';

export default class Commit extends BaseCommand<typeof Commit> {
  static override summary =
    "Promote each workspace's changes onto the current base branch as a commit on its PR branch.";
  static override description = `Fetches the base, snapshots the workspace (HEAD + staged + unstaged + untracked, never .metawsm/) to refs/metawsm/snapshots/..., merges the change (including the agent's own commits) onto the base tip, runs the required checks and writes the commit to the local PR branch. The workspace's files, index and HEAD are never touched (unless --switch).

Outcomes per target: committed, unchanged, no_changes, conflict (exit 3), foreign_commits (exit 3), checks_failed (exit 6), error.`;
  static override examples = [
    '<%= config.bin %> commit --run-id run-20261121-101500-a1b2c3',
    '<%= config.bin %> commit --ticket PROJ-12 --repo api --dry-run',
    '<%= config.bin %> commit --run-id R --message "Fix flaky retry" --switch',
  ];
  static override flags = {
    ...selectionFlags,
    repo: Flags.string({ description: 'Only this repo (repeatable).', multiple: true }),
    message: Flags.string({
      char: 'm',
      description: 'Commit message subject/body (trailers are still added).',
    }),
    actor: Flags.string({ description: 'Who is acting (recorded on events).' }),
    'dry-run': Flags.boolean({
      description:
        'Compute and print everything; write no refs or rows (only fetches). Allowed on a running run.',
    }),
    force: Flags.boolean({ description: 'Build on top of commits someone else pushed to the PR branch.' }),
    switch: Flags.boolean({
      description:
        'Afterwards check the PR branch out in the workspace (only if it still equals the snapshot).',
    }),
    'allow-running': Flags.boolean({
      description: 'Allow a run that is still running (agents may be writing).',
    }),
  };

  async run() {
    const { ctx, policy, ports } = await this.policyAndPorts({ git: true });
    const progress = progressReporter(!this.jsonEnabled());
    const result = await commitRun({ ...ports, checks: ctx.checks }, policy, {
      selection: { runId: this.flags['run-id'], ticket: this.flags.ticket, repos: this.flags.repo },
      message: this.flags.message,
      actor: this.flags.actor,
      dryRun: this.flags['dry-run'],
      force: this.flags.force,
      switch: this.flags.switch,
      allowRunning: this.flags['allow-running'],
      onProgress: progress.onProgress,
    }).finally(progress.stop);
    this.say(renderCommit(result, this.style));
    this.exitWith(result.exitCode);
    return result;
  }
}
