import { Flags } from '@oclif/core';
import { FromPlugin, shellArg, type PluginCommandName } from './plugin.js';

export default class AutocompleteIndex extends FromPlugin {
  static override implementation: PluginCommandName = 'Index';
  static override description = 'Display autocomplete installation instructions.';
  static override args = { shell: shellArg };
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
