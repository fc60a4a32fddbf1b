import { Args, Flags } from '@oclif/core';
import { reviewIgnore } from '@metawsm/core';
import { BaseCommand, selectionFlags } from '../../base-command.js';

export default class ReviewIgnore extends BaseCommand<typeof ReviewIgnore> {
  static override summary = 'Mark feedback items ignored: they are never dispatched to the agent.';
  static override description =
    'ITEM is an id from `metawsm review list` (e.g. review_comment:1234), or the bare number when it is unambiguous.';
  static override examples = [
    '<%= config.bin %> review ignore review_comment:1234 review:88 --reason "out of scope"',
    '<%= config.bin %> review ignore 1234 --run-id run-20261121-101500-a1b2c3 --json',
  ];
  static override strict = false;
  static override args = { item: Args.string({ description: 'Item id (one or more).', required: true }) };
  static override flags = {
    ...selectionFlags,
    reason: Flags.string({ description: 'Why (stored with the item).' }),
    actor: Flags.string({ description: 'Who is acting (journalled).' }),
  };

  async run() {
    const result = await reviewIgnore(await this.ports(), {
      selection: { runId: this.flags['run-id'], ticket: this.flags.ticket },
      items: this.positional,
      reason: this.flags.reason,
      actor: this.flags.actor,
    });
    for (const i of result.items)
      this.say(
        `${i.id} (${i.ticket}/${i.repo}): ${i.outcome.replace('_', ' ')}${i.reason ? ` (${i.reason})` : ''}`,
      );
    return result;
  }
}
