import { Args } from '@oclif/core';
import { setRunStatus } from '@metawsm/core';
import { BaseCommand } from '../../base-command.js';

export default class RunComplete extends BaseCommand<typeof RunComplete> {
  static override summary = 'Mark a run completed: its agents have stopped writing, so it can be committed.';
  static override examples = ['<%= config.bin %> run complete run-20261121-101500-a1b2c3'];
  static override args = { id: Args.string({ description: 'Run id.', required: true }) };

  async run() {
    const run = await setRunStatus(await this.ports(), { runId: this.args.id, status: 'completed' });
    this.say(`Run ${run.id} is completed. Next: metawsm commit --run-id ${run.id}`);
    return run;
  }
}
