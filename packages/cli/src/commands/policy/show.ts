import { assertHome } from '@metawsm/core';
import { BaseCommand } from '../../base-command.js';

export default class PolicyShow extends BaseCommand<typeof PolicyShow> {
  static override summary = 'Print the effective policy (file values plus defaults).';
  static override description =
    'Reads .metawsm/policy.json (or the defaults when there is none) and prints the complete policy. With --json the output is the policy object itself.';
  static override examples = [
    '<%= config.bin %> policy show',
    '<%= config.bin %> policy show --json | jq .git_pr.required_checks',
  ];

  async run() {
    const ctx = await this.context();
    // Read-only: outside a metawsm home it says so (exit 2) instead of showing another home's defaults.
    await assertHome(ctx.ports.files, ctx.paths);
    const loaded = await ctx.policy();
    this.say(
      `# ${loaded.file ?? `${ctx.paths.policyFile} (absent: defaults)`}  digest ${loaded.digest.slice(0, 12)}`,
    );
    this.say(JSON.stringify(loaded.policy, null, 2));
    return loaded.policy;
  }
}
