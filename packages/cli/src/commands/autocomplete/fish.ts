import type { Command } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { fishCompletion, type CompletionCommand } from '../../completion/fish.js';

type Flag = Command.Flag.Cached;

export default class AutocompleteFish extends BaseCommand<typeof AutocompleteFish> {
  static override summary = 'Print the completion script for the fish shell.';
  static override description =
    'bash, zsh and PowerShell: `metawsm autocomplete` (from @oclif/plugin-autocomplete). fish: save this script where fish looks for completions.';
  static override examples = [
    '<%= config.bin %> autocomplete fish > ~/.config/fish/completions/<%= config.bin %>.fish',
  ];

  run() {
    const commands: CompletionCommand[] = this.config.commands
      .filter((c) => !c.hidden)
      .map((c) => ({
        id: c.id,
        summary: c.summary ?? c.description ?? '',
        flags: Object.entries(c.flags)
          .filter(([, f]) => !f.hidden)
          .flatMap(([name, f]) => flagsOf(name, f)),
      }));
    const topics = Object.fromEntries(this.config.topics.map((t) => [t.name, t.description ?? '']));
    // Summaries may use oclif's `<%= config.bin %>` template (plugin-help's does).
    for (const c of commands) c.summary = c.summary.replace(/<%=\s*config\.bin\s*%>/g, this.config.bin);
    const script = fishCompletion(this.config.bin, commands, topics);
    if (!this.jsonEnabled()) process.stdout.write(script);
    return Promise.resolve({ shell: 'fish', script });
  }
}

/** A flag, plus its `--no-` form when it has one. */
function flagsOf(name: string, f: Flag): CompletionCommand['flags'] {
  const summary = f.summary ?? f.description ?? '';
  if (f.type === 'option') return [{ name, char: f.char, summary, takesValue: true, options: f.options }];
  const flag = { name, char: f.char, summary, takesValue: false };
  return f.allowNo
    ? [flag, { name: `no-${name}`, summary: `Turn off --${name}.`, takesValue: false }]
    : [flag];
}
