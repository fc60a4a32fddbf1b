import { Flags } from '@oclif/core';
import { initPolicy, policySchemaUrl } from '@metawsm/core';
import { BaseCommand } from '../../base-command.js';

export default class PolicyInit extends BaseCommand<typeof PolicyInit> {
  static override summary = 'Write the default policy to .metawsm/policy.json.';
  static override description =
    'Creates .metawsm/ under the home directory and writes every git_pr setting with its default value, so you can edit it, plus a "$schema" key that lets editors complete and check the file. Refuses to overwrite an existing file unless --force. Every key: docs/policy.md.';
  static override examples = [
    '<%= config.bin %> policy init',
    '<%= config.bin %> policy init --force --home ~/agents',
  ];
  static override flags = { force: Flags.boolean({ description: 'Overwrite an existing policy file.' }) };

  async run() {
    const ctx = await this.context();
    const r = await initPolicy(ctx.ports.files, {
      policyFile: ctx.paths.policyFile,
      force: this.flags.force,
      schemaUrl: policySchemaUrl(this.config.version),
    });
    this.say(`${r.overwritten ? 'Overwrote' : 'Wrote'} ${r.file} (digest ${r.digest.slice(0, 12)}).`);
    return { file: r.file, digest: r.digest, overwritten: r.overwritten, policy: r.policy };
  }
}
