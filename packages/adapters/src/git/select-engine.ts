import { MetawsmError, type GitEngineName, type GitPort } from '@metawsm/core';
import { MIN_NATIVE_GIT, probeGitVersion, supportsNative } from './native/git-version.js';

/** The environment variable that picks the git engine. */
export const GIT_ENGINE_VARIABLE = 'METAWSM_GIT_ENGINE';

/** What `METAWSM_GIT_ENGINE` may say. */
export type GitEngineChoice = 'auto' | GitEngineName;

/** The engine chosen for this process. */
export interface SelectedGitEngine {
  name: GitEngineName;
  /** Version of the git on PATH (null: none found). */
  gitVersion: string | null;
  git: GitPort;
}

/** Parse the variable's value (empty or unset: `auto`); INVALID_INPUT naming the variable otherwise. */
export function parseEngineChoice(value: string | undefined): GitEngineChoice {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '') return 'auto';
  if (v === 'auto' || v === 'native' || v === 'js') return v;
  throw new MetawsmError('INVALID_INPUT', `${GIT_ENGINE_VARIABLE}="${value ?? ''}" is not a git engine`, {
    hint: `Set ${GIT_ENGINE_VARIABLE} to auto, native or js (or unset it).`,
    data: { variable: GIT_ENGINE_VARIABLE, value: value ?? '' },
  });
}

/**
 * Pick the git engine from `METAWSM_GIT_ENGINE` (Kysely-dialect style: one factory, nothing above
 * the port knows which one runs): `auto` (default) is the native engine when `git` >= 2.38 is on
 * PATH, else the pure-JS one; `native` without such a git is an error with a hint. Each engine's
 * module is imported only when chosen, so the pure-JS engine's code is never loaded
 * when git runs.
 */
export async function selectGitEngine(options: { env?: NodeJS.ProcessEnv } = {}): Promise<SelectedGitEngine> {
  const env = options.env ?? process.env;
  const choice = parseEngineChoice(env[GIT_ENGINE_VARIABLE]);
  const gitVersion = await probeGitVersion(env);
  const usable = gitVersion !== null && supportsNative(gitVersion);
  if (choice === 'native' && !usable)
    throw new MetawsmError(
      'INVALID_INPUT',
      `${GIT_ENGINE_VARIABLE}=native needs git >= ${MIN_NATIVE_GIT} on PATH; ${gitVersion ? `found git ${gitVersion}` : 'no git found'}`,
      {
        hint: `Install git >= ${MIN_NATIVE_GIT} (first on PATH), or set ${GIT_ENGINE_VARIABLE}=js.`,
        data: { variable: GIT_ENGINE_VARIABLE, gitVersion },
      },
    );
  if (choice === 'js' || !usable) {
    // One after the other: jest's ESM loader fails on concurrent dynamic imports sharing modules.
    const { IsomorphicGitAdapter } = await import('./js/isomorphic-git.adapter.js');
    return { name: 'js', gitVersion, git: new IsomorphicGitAdapter({ env, gitVersion }) };
  }
  const { NativeGitAdapter } = await import('./native/native-git.adapter.js');
  return { name: 'native', gitVersion, git: new NativeGitAdapter({ env, gitVersion }) };
}
