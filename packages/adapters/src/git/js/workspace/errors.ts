import { MetawsmError } from '@metawsm/core';
import { errnoCode, gitFailed } from '../repo/errors.js';

/** NOT_A_GIT_REPO for `path`, saying why and what to pass instead. */
export function notAGitRepo(path: string, why: string, hint: string): MetawsmError {
  return new MetawsmError('NOT_A_GIT_REPO', `${path} is not a git working tree: ${why}`, {
    hint,
    data: { path },
  });
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
