import { Flags } from '@oclif/core';
import { resolve } from 'node:path';
import { validatePolicyFile } from '@metawsm/core';
import { BaseCommand } from '../../base-command.js';

export default class PolicyValidate extends BaseCommand<typeof PolicyValidate> {
  static override summary = 'Check a policy file and list every problem with its JSON path.';
  static override description =
    'Exit 0 when valid; exit 2 with POLICY_PARSE (line:column of the syntax error) or POLICY_INVALID (every problem, e.g. $.git_pr.required_checks[1]: unknown check).';
  static override examples = [
    '<%= config.bin %> policy validate',
    '<%= config.bin %> policy validate --file ./candidate-policy.json --json',
  ];
  static override flags = {
    file: Flags.string({ description: 'Policy file to check (default: .metawsm/policy.json of the home).' }),
  };

  async run() {
    const ctx = await this.context();
    const file = this.flags.file ? resolve(ctx.cwd, this.flags.file) : ctx.paths.policyFile;
    const loaded = await validatePolicyFile(ctx.ports.files, file);
    this.say(`${file}: valid (digest ${loaded.digest.slice(0, 12)}).`);
    return { valid: true, file, digest: loaded.digest };
  }
}
