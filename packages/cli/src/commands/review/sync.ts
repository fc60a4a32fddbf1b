import { Flags } from '@oclif/core';
import { reviewSync } from '@metawsm/core';
import { BaseCommand, selectionFlags } from '../../base-command.js';
import { progressReporter } from '../../render/progress.js';
import { renderReviewSync } from '../../render/review.js';

export default class ReviewSync extends BaseCommand<typeof ReviewSync> {
  static override summary =
    "Bring reviewers' comments and failing CI on each PR back as feedback items; --dispatch hands them to the agent.";
  static override description = `Reads every page of each open PR's inline review threads (with replies, resolved/outdated state via GraphQL), review bodies, conversation comments and failing checks; keeps what passes the trust filter of git_pr.review_feedback. Never writes to GitHub.

--dispatch appends pending items to <workspace>/.metawsm/review-feedback.md of their target (text fenced as untrusted), rewrites review-feedback.json, marks them dispatched, moves the run back to running and runs dispatch_command if set.`;
  static override examples = [
    '<%= config.bin %> review sync --run-id run-20261121-101500-a1b2c3',
    '<%= config.bin %> review sync --dispatch --ticket PROJ-12 --json',
  ];
  static override flags = {
    ...selectionFlags,
    repo: Flags.string({ description: 'Only this repo (repeatable).', multiple: true }),
    dispatch: Flags.boolean({ description: 'Also dispatch pending items to the agents.' }),
    actor: Flags.string({ description: 'Who is acting; their own comments are never feedback.' }),
  };

  async run() {
    const { policy, ports } = await this.policyAndPorts();
    const progress = progressReporter(!this.jsonEnabled());
    const result = await reviewSync(ports, policy, {
      selection: { runId: this.flags['run-id'], ticket: this.flags.ticket, repos: this.flags.repo },
      dispatch: this.flags.dispatch,
      actor: this.flags.actor,
      onProgress: progress.onProgress,
    }).finally(progress.stop);
    this.say(renderReviewSync(result, this.style));
    this.exitWith(result.exitCode);
    return result;
  }
}
