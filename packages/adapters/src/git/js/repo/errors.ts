import { stat } from 'node:fs/promises';
import { MetawsmError } from '@metawsm/core';

/** GIT_FAILED: repository data we could not read, or a repository feature we do not support. */
export function gitFailed(message: string, hint: string, cause?: unknown): MetawsmError {
  return new MetawsmError('GIT_FAILED', message, cause === undefined ? { hint } : { hint, cause });
}

/** The errno code of a Node.js system error (or the string `code` of a library error), if any. */
export function errnoCode(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string') return e.code;
  return undefined;
}

/** True for the errors that mean "nothing there" (missing path, or a file where a directory was expected). */
export function isMissing(e: unknown): boolean {
  const code = errnoCode(e);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Await `p`, turning "nothing there" errors into null (anything else still throws). */
export async function nullIfMissing<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (isMissing(e)) return null;
    throw e;
  }
}

/** True when `path` can be stat'ed (any error, permissions included, counts as absent). */
export function pathExists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
