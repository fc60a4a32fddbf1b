import { toConfiguredId, type Hook } from '@oclif/core';
import { MetawsmError, nearestName } from '@metawsm/core';
import { reportError } from '../report-error.js';

/** The command the user most likely meant: the nearest id, trying shorter prefixes of what was typed. */
export function suggestCommand(id: string, ids: readonly string[]): string | null {
  const parts = id.split(':');
  for (let n = parts.length; n > 0; n--) {
    const found = nearestName(parts.slice(0, n).join(':'), ids);
    if (found) return found;
  }
  return null;
}

/**
 * An unknown command. On an interactive terminal (without --json), @oclif/plugin-not-found asks
 * "Did you mean …?" and runs the answer; everywhere else, and when that is declined, the answer
 * is a USAGE error (exit 2) in metawsm's style, with the nearest command as the hint.
 */
export const commandNotFound: Hook.CommandNotFound = async function (opts) {
  const json = opts.argv?.includes('--json') ?? false;
  const ids = opts.config.commands.filter((c) => !c.hidden).map((c) => c.id);
  const suggestion = suggestCommand(opts.id, ids);
  if (suggestion && !json && process.stdin.isTTY && process.stderr.isTTY) {
    const { default: askAndRun } = await import('@oclif/plugin-not-found');
    try {
      return await askAndRun.call(this, opts);
    } catch {
      // Declined (or no answer within its time limit): fall through to the error.
    }
  }
  const typed = toConfiguredId(opts.id, opts.config);
  const bin = opts.config.bin;
  const meant = suggestion ? `Did you mean \`${bin} ${toConfiguredId(suggestion, opts.config)}\`? ` : '';
  const error = new MetawsmError('USAGE', `"${typed}" is not a ${bin} command`, {
    hint: `${meant}\`${bin} --help\` lists every command.`,
    data: { command: typed, suggestion: suggestion ? toConfiguredId(suggestion, opts.config) : null },
  });
  reportError(error, { json });
  return undefined;
};
