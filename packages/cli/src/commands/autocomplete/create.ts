import { FromPlugin, type PluginCommandName } from './plugin.js';

export default class AutocompleteCreate extends FromPlugin {
  static override implementation: PluginCommandName = 'Create';
  static override description = 'create autocomplete setup scripts and completion functions';
  static override hidden = true;
}
