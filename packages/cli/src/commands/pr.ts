import { Flags } from '@oclif/core';
import { prRun } from '@metawsm/core';
import { BaseCommand, selectionFlags } from '../base-command.js';
import { renderPr } from '../render/pr.js';
import { progressReporter } from '../render/progress.js';

export default class Pr extends BaseCommand<typeof Pr> {
  static override summary = 'Push each committed PR branch and open or update its GitHub pull request.';
  static override description = `Takes targets whose commit is not pushed yet or whose PR is missing. Pushes with an explicit refspec and a lease on the last pushed sha, then creates the PR (after looking it up by head branch; a 422 "already exists" adopts it) or updates it. Re-running never duplicates a PR. Closed and merged PRs are reported, never reopened. A target whose last \`metawsm commit\` failed (checks, conflict, foreign commits) is not pushed: its outcome is commit_failed, with that failure's exit code (6 or 3).

Token: METAWSM_GITHUB_TOKEN, GH_TOKEN, GITHUB_TOKEN, then \`gh auth token\` (policy credential_mode local_user_auth), or only METAWSM_GITHUB_TOKEN (env_token). Check with \`metawsm auth check\`.`;
  static override examples = [
    '<%= config.bin %> pr --run-id run-20261121-101500-a1b2c3',
    '<%= config.bin %> pr --ticket PROJ-12 --draft --dry-run --json',
  ];
  static override flags = {
    ...selectionFlags,
    repo: Flags.string({ description: 'Only this repo (repeatable).', multiple: true }),
    title: Flags.string({ description: 'PR title (default: [TICKET] run title).' }),
    draft: Flags.boolean({
      description: 'Open new PRs as drafts (default: policy git_pr.draft).',
      allowNo: true,
    }),
    actor: Flags.string({ description: 'Who is acting (default: the GitHub login).' }),
    'dry-run': Flags.boolean({
      description: 'Show what would be pushed/created/updated; no remote writes, no rows.',
    }),
    'allow-running': Flags.boolean({ description: 'Allow a run that is still running.' }),
  };

  async run() {
    const { ctx, policy, ports } = await this.policyAndPorts({ git: true });
    const progress = progressReporter(!this.jsonEnabled());
    const result = await prRun({ ...ports, checks: ctx.checks }, policy, {
      selection: { runId: this.flags['run-id'], ticket: this.flags.ticket, repos: this.flags.repo },
      title: this.flags.title,
      draft: this.flags.draft,
      actor: this.flags.actor,
      dryRun: this.flags['dry-run'],
      allowRunning: this.flags['allow-running'],
      onProgress: progress.onProgress,
    }).finally(progress.stop);
    this.say(renderPr(result, this.style));
    this.exitWith(result.exitCode);
    return result;
  }
}
