/** What completion needs to know about one command. */
export interface CompletionCommand {
  /** oclif id, `run:create`. */
  id: string;
  summary: string;
  flags: {
    name: string;
    char?: string | undefined;
    summary: string;
    takesValue: boolean;
    options?: readonly string[] | undefined;
  }[];
}

const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
/** The first sentence of a summary, without its full stop: fish shows it next to the candidate. */
const short = (s: string) => (s.split(/(?<=\.)\s/)[0] ?? '').replace(/\.$/, '');

/**
 * A fish completion script for `bin`: subcommands word by word (`metawsm run <TAB>` offers
 * `create`, `list`, …), then each command's flags with their descriptions and allowed values.
 */
export function fishCompletion(
  bin: string,
  commands: readonly CompletionCommand[],
  topics: Record<string, string>,
): string {
  const fn = `__${bin.replace(/[^a-z0-9]/gi, '_')}`;
  const lines = [
    `# ${bin} completion for fish. Install: ${bin} autocomplete fish > ~/.config/fish/completions/${bin}.fish`,
    `# The words typed after ${bin}, without options.`,
    `function ${fn}_words`,
    '  for w in (commandline -opc)[2..-1]',
    "    string match -q -- '-*' $w; or echo $w",
    '  end',
    'end',
    `# True when the words typed so far are exactly the arguments (offer the next word).`,
    `function ${fn}_at`,
    `  set -l words (${fn}_words)`,
    '  test "$words" = "$argv"',
    'end',
    `# True when the words typed so far start with the arguments (offer that command's flags).`,
    `function ${fn}_in`,
    `  set -l words (${fn}_words)`,
    '  set -l n (count $argv)',
    '  test (count $words) -ge $n; and test "$words[1..$n]" = "$argv"',
    'end',
    `complete -c ${bin} -f`,
  ];
  const words = new Map<string, string>();
  for (const c of commands) {
    const parts = c.id.split(':');
    parts.forEach((part, i) => {
      const parent = parts.slice(0, i).join(' ');
      const key = `${parent}\u0000${part}`;
      const description =
        i === parts.length - 1 ? short(c.summary) : short(topics[parts.slice(0, i + 1).join(':')] ?? '');
      if (!words.has(key) || i === parts.length - 1) words.set(key, description);
    });
  }
  for (const [key, description] of [...words.entries()].sort()) {
    const [parent, word] = key.split('\u0000') as [string, string];
    lines.push(
      `complete -c ${bin} -n ${quote(`${fn}_at ${parent}`.trim())} -a ${quote(word)} -d ${quote(description)}`,
    );
  }
  for (const c of [...commands].sort((a, b) => a.id.localeCompare(b.id))) {
    const when = quote(`${fn}_in ${c.id.split(':').join(' ')}`);
    for (const f of c.flags) {
      // -x: one of the listed values, no file names; -r: any value (a path, so files are offered).
      const value = f.takesValue ? (f.options ? ` -x -a ${quote(f.options.join(' '))}` : ' -r') : '';
      const char = f.char ? ` -s ${f.char}` : '';
      lines.push(`complete -c ${bin} -n ${when} -l ${f.name}${char}${value} -d ${quote(short(f.summary))}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
