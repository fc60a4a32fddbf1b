import { MetawsmError } from '@metawsm/core';

/** GIT_FAILED: repository data we could not read, or a repository feature we do not support. */
export function gitFailed(message: string, hint: string, cause?: unknown): MetawsmError {
  return new MetawsmError('GIT_FAILED', message, cause === undefined ? { hint } : { hint, cause });
}

/** NOT_A_GIT_REPO for `path`, saying why and what to pass instead. */
export function notAGitRepo(path: string, why: string, hint: string): MetawsmError {
  return new MetawsmError('NOT_A_GIT_REPO', `${path} is not a git working tree: ${why}`, {
    hint,
    data: { path },
  });
}

/** The errno code of a Node.js system error, if any. */
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

/**
 * Normalise what an operation threw: MetawsmErrors pass through; system and library errors (which
 * carry a string `code`, e.g. EACCES or an isomorphic-git error) become GIT_FAILED with the
 * original as cause; anything else (a TypeError...) is a bug and is rethrown untouched.
 */
export function asGitFailure(e: unknown, what: string, path: string): unknown {
  if (e instanceof MetawsmError || errnoCode(e) === undefined) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return gitFailed(
    `${what} failed in ${path}: ${detail}`,
    'Check the repository and its file permissions (`git status` should work there).',
    e,
  );
}
