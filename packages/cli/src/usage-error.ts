import { MetawsmError, nearestName } from '@metawsm/core';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** `--dryrun` → `--dry-run`: the nearest flag of the command for each unknown one oclif reports. */
function flagSuggestions(e: unknown, flagNames: readonly string[]): Record<string, string> {
  const unknown = (e as { flags?: unknown }).flags;
  if (!Array.isArray(unknown)) return {};
  const out: Record<string, string> = {};
  for (const given of unknown) {
    if (typeof given !== 'string') continue;
    const name = nearestName(given.replace(/^-+/, '').split('=')[0] ?? '', flagNames);
    if (name) out[given] = `--${name}`;
  }
  return out;
}

/**
 * Anything oclif's parser throws (a flag without its value, a missing argument or required flag,
 * a value outside the options, an unknown flag) as USAGE (exit 2), with oclif's whole message on
 * one line: every line but its "See more help" footer, which the hint replaces. An unknown flag
 * close to one of `flagNames` gets a "did you mean".
 */
export function usageError(
  e: unknown,
  commandId: string | undefined,
  flagNames: readonly string[] = [],
): MetawsmError {
  const raw = e instanceof Error ? e.message : String(e);
  // One line (errors print as `Error [CODE]: message` + `Hint:`), but every line of oclif's text.
  const lines = raw
    .replace(ANSI, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && l !== 'See more help with --help');
  const command = ['metawsm', ...(commandId ? [commandId.replace(/:/g, ' ')] : [])].join(' ');
  const suggestions = flagSuggestions(e, flagNames);
  const meant = Object.values(suggestions);
  return new MetawsmError('USAGE', lines.join(' ') || 'invalid usage', {
    hint: `${meant.length ? `Did you mean ${meant.join(', ')}? ` : ''}See \`${command} --help\`.`,
    ...(meant.length ? { data: { suggestions } } : {}),
    cause: e,
  });
}
