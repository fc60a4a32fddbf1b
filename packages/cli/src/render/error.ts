import { redactText, type MetawsmError, type PolicyProblem } from '@metawsm/core';
import type { Style } from './color.js';

/** The `--json` form of a failure: `{"error":{"code","message","hint"?,"data"?}}`. */
export function errorJson(e: MetawsmError): { error: Record<string, unknown> } {
  return {
    error: {
      code: e.code,
      message: redactText(e.message),
      ...(e.hint ? { hint: e.hint } : {}),
      ...(e.data ? { data: e.data } : {}),
    },
  };
}

/**
 * The human form: `Error [CODE]: message` and `Hint: …`. An invalid policy lists its problems one
 * per line under a short header instead of in one long message.
 */
export function renderError(e: MetawsmError, style: Style): string {
  const problems =
    e.code === 'POLICY_INVALID' ? (e.data?.problems as PolicyProblem[] | undefined) : undefined;
  const file = typeof e.data?.file === 'string' ? e.data.file : 'policy';
  const message = problems
    ? `${file}: ${problems.length} policy problem${problems.length === 1 ? '' : 's'}:`
    : redactText(e.message);
  const lines = [`${style.bad('Error')} [${e.code}]: ${message}`];
  for (const p of problems ?? []) lines.push(`  ${p.path}: ${p.message}`);
  if (e.hint) lines.push(`${style.warn('Hint')}: ${e.hint}`);
  return `${lines.join('\n')}\n`;
}
