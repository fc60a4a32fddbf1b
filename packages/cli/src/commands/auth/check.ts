import { authCheck } from '@metawsm/core';
import { BaseCommand, selectionFlags } from '../../base-command.js';
import { renderAuth } from '../../render/auth.js';

export default class AuthCheck extends BaseCommand<typeof AuthCheck> {
  static override summary =
    'Check token, GitHub login/scopes, push permission, base branch and git identity per target.';
  static override description =
    'Reports pushReady and prReady separately and exits 5 when not ready, with the remedy for each problem. Never prints the token: only where it came from.';
  static override examples = [
    '<%= config.bin %> auth check',
    '<%= config.bin %> auth check --run-id R --json',
  ];
  static override flags = { ...selectionFlags };

  async run() {
    const ctx = await this.context();
    const result = await authCheck(
      await this.readOnlyPorts(),
      await ctx.policy(),
      { runId: this.flags['run-id'], ticket: this.flags.ticket },
      ctx.cwd,
    );
    this.say(renderAuth(result, this.style));
    this.exitWith(result.exitCode);
    return result;
  }
}
