import { toMetawsmError, type MetawsmError } from '@metawsm/core';
import { styleFor } from './render/color.js';
import { errorJson, renderError } from './render/error.js';

/**
 * Print a failure the metawsm way and set the exit code: `--json` gets the error object on
 * stdout, humans get `Error [CODE]: …` + `Hint: …` on stderr. No stack trace for expected
 * failures unless METAWSM_DEBUG=1; a bug (INTERNAL) always shows its stack.
 */
export function reportError(
  err: unknown,
  opts: { json: boolean; color?: boolean | undefined; printJson?: (value: unknown) => void },
): MetawsmError {
  const e = toMetawsmError(err);
  process.exitCode = e.exitCode;
  if (opts.json) {
    const print = opts.printJson ?? ((v: unknown) => process.stdout.write(`${JSON.stringify(v, null, 2)}\n`));
    print(errorJson(e));
  } else {
    const style = styleFor({ flag: opts.color, env: (n) => process.env[n], isTTY: process.stderr.isTTY });
    process.stderr.write(renderError(e, style));
  }
  const cause = e.code === 'INTERNAL' ? (e.cause as Error | undefined) : e;
  if (process.env.METAWSM_DEBUG === '1' || e.code === 'INTERNAL')
    process.stderr.write(`${cause?.stack ?? ''}\n`);
  return e;
}
