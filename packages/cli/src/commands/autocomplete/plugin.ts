import { Args, Command, Flags } from '@oclif/core';

type Name = 'Index' | 'Create' | 'Script';

/**
 * @oclif/plugin-autocomplete's commands (bash, zsh, PowerShell), bundled instead of loaded as a
 * plugin at every start: these classes carry the plugin's arguments and flags (a test compares
 * them with the plugin's manifest) and import its implementation only when they run.
 */
abstract class FromPlugin extends Command {
  /** Which of the plugin's commands does the work. */
  static implementation: Name;

  async run(): Promise<unknown> {
    const plugin = await import('metawsm:plugin-autocomplete');
    return plugin[(this.constructor as typeof FromPlugin).implementation].run(this.argv, this.config);
  }
}

const shell = Args.string({
  description: 'Shell type',
  options: ['zsh', 'bash', 'powershell'],
  required: false,
});

export class AutocompleteIndex extends FromPlugin {
  static override implementation: Name = 'Index';
  static override description = 'Display autocomplete installation instructions.';
  static override args = { shell };
  static override flags = {
    'refresh-cache': Flags.boolean({
      char: 'r',
      description: 'Refresh cache (ignores displaying instructions)',
    }),
  };
  static override examples = [
    '$ <%= config.bin %> autocomplete',
    '$ <%= config.bin %> autocomplete bash',
    '$ <%= config.bin %> autocomplete zsh',
    '$ <%= config.bin %> autocomplete powershell',
    '$ <%= config.bin %> autocomplete --refresh-cache',
  ];
}

export class AutocompleteCreate extends FromPlugin {
  static override implementation: Name = 'Create';
  static override description = 'create autocomplete setup scripts and completion functions';
  static override hidden = true;
}

export class AutocompleteScript extends FromPlugin {
  static override implementation: Name = 'Script';
  static override description = 'outputs autocomplete config script for shells';
  static override hidden = true;
  static override args = { shell };
}
