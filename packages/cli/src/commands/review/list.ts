import { Flags } from '@oclif/core';
import { FEEDBACK_STATUSES, reviewList } from '@metawsm/core';
import { BaseCommand, selectionFlags } from '../../base-command.js';
import { renderFeedbackList } from '../../render/review.js';

export default class ReviewList extends BaseCommand<typeof ReviewList> {
  static override summary = 'List feedback items: id, target, source, author, status and first line.';
  static override examples = [
    '<%= config.bin %> review list --run-id run-20261121-101500-a1b2c3',
    '<%= config.bin %> review list --status pending --status dispatched --json',
  ];
  static override flags = {
    ...selectionFlags,
    repo: Flags.string({ description: 'Only this repo (repeatable).', multiple: true }),
    status: Flags.string({
      description: 'Only items with this status (repeatable).',
      multiple: true,
      options: [...FEEDBACK_STATUSES],
    }),
  };

  async run() {
    const result = await reviewList(await (await this.context()).readStore(), {
      selection: { runId: this.flags['run-id'], ticket: this.flags.ticket, repos: this.flags.repo },
      status: this.flags.status as (typeof FEEDBACK_STATUSES)[number][] | undefined,
    });
    this.say(renderFeedbackList(result.runId, result.items));
    return result;
  }
}
