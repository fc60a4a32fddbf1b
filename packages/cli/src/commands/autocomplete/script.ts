import { FromPlugin, shellArg, type PluginCommandName } from './plugin.js';

export default class AutocompleteScript extends FromPlugin {
  static override implementation: PluginCommandName = 'Script';
  static override description = 'outputs autocomplete config script for shells';
  static override hidden = true;
  static override args = { shell: shellArg };
}
