import { Args } from '@oclif/core';
import { setRunStatus } from '@metawsm/core';
import { BaseCommand } from '../../base-command.js';

export default class RunClose extends BaseCommand<typeof RunClose> {
  static override summary = 'Close a run: no further commit, pr or review sync.';
  static override examples = ['<%= config.bin %> run close run-20261121-101500-a1b2c3'];
  static override args = { id: Args.string({ description: 'Run id.', required: true }) };

  async run() {
    const run = await setRunStatus(await this.ports(), { runId: this.args.id, status: 'closed' });
    this.say(`Run ${run.id} is closed.`);
    return run;
  }
}
