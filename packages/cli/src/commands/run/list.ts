import { Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { table } from '../../render/text.js';

export default class RunList extends BaseCommand<typeof RunList> {
  static override summary = 'List runs, newest first.';
  static override examples = [
    '<%= config.bin %> run list',
    '<%= config.bin %> run list --status completed --json',
  ];
  static override flags = {
    status: Flags.string({
      description: 'Only runs in this status.',
      options: ['running', 'completed', 'closed'],
    }),
    ticket: Flags.string({ description: 'Only runs with this ticket.' }),
  };

  async run() {
    const store = await (await this.context()).readStore();
    const filter = {
      ...(this.flags.status ? { status: this.flags.status as 'running' } : {}),
      ...(this.flags.ticket ? { ticket: this.flags.ticket } : {}),
    };
    const runs = await store.listRuns(filter);
    if (runs.length === 0) this.say('No runs. Create one with `metawsm run create`.');
    else
      this.say(
        table([
          ['RUN', 'STATUS', 'TICKETS', 'TARGETS', 'CREATED'],
          ...runs.map((r) => [r.id, r.status, r.tickets.join(','), String(r.targets.length), r.createdAt]),
        ]),
      );
    return { runs };
  }
}
