import { Args, Command } from '@oclif/core';

/** The plugin's command classes, by the name the bundle gives them. */
export type PluginCommandName = 'Index' | 'Create' | 'Script';

/**
 * @oclif/plugin-autocomplete's commands (bash, zsh, PowerShell), bundled instead of loaded as a
 * plugin at every start: the subclasses (index.ts, create.ts, script.ts) carry the plugin's
 * arguments and flags (a test compares them with the plugin's manifest) and import its
 * implementation only when they run. Not a command itself.
 */
export abstract class FromPlugin extends Command {
  /** Which of the plugin's commands does the work. */
  static implementation: PluginCommandName;

  async run(): Promise<unknown> {
    const plugin = await import('metawsm:plugin-autocomplete');
    return plugin[(this.constructor as typeof FromPlugin).implementation].run(this.argv, this.config);
  }
}

/** The `SHELL` argument of `autocomplete` and `autocomplete script`. */
export const shellArg = Args.string({
  description: 'Shell type',
  options: ['zsh', 'bash', 'powershell'],
  required: false,
});
