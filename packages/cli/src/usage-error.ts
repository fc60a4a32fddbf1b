import { MetawsmError } from '@metawsm/core';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * Anything oclif's parser throws (a flag without its value, a missing argument or required flag,
 * a value outside the options, an unknown flag) as USAGE (exit 2), with oclif's whole message on
 * one line: every line but its "See more help" footer, which the hint replaces.
 */
export function usageError(e: unknown, commandId: string | undefined): MetawsmError {
  const raw = e instanceof Error ? e.message : String(e);
  // One line (errors print as `Error [CODE]: message` + `Hint:`), but every line of oclif's text.
  const lines = raw
    .replace(ANSI, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && l !== 'See more help with --help');
  const command = ['metawsm', ...(commandId ? [commandId.replace(/:/g, ' ')] : [])].join(' ');
  return new MetawsmError('USAGE', lines.join(' ') || 'invalid usage', {
    hint: `See \`${command} --help\`.`,
    cause: e,
  });
}
