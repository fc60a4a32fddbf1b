import { execFile } from 'node:child_process';
import { childEnv } from './git-env.js';

/** The oldest git the native engine drives: `merge-tree --write-tree` appeared in 2.38. */
export const MIN_NATIVE_GIT = '2.38.0';

/** `2.39.5` from `git version 2.39.5` (also `2.39.3 (Apple Git-145)`, `2.41.0.windows.1`); null otherwise. */
export function parseGitVersion(output: string): string | null {
  const m = /git version (\d+)\.(\d+)(?:\.(\d+))?/.exec(output);
  return m ? `${m[1]}.${m[2]}.${m[3] ?? '0'}` : null;
}

/** True when `version` (x.y.z) is at least {@link MIN_NATIVE_GIT}. */
export function supportsNative(version: string): boolean {
  const [a, b, c] = version.split('.').map(Number);
  const [x, y, z] = MIN_NATIVE_GIT.split('.').map(Number);
  return a! !== x! ? a! > x! : b! !== y! ? b! > y! : c! >= z!;
}

/** The version of the `git` on `env`'s PATH, or null when there is none (or it does not answer). */
export function probeGitVersion(env: NodeJS.ProcessEnv): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', ['--version'], { env: childEnv(env), timeout: 10_000 }, (err, stdout) => {
      resolve(err ? null : parseGitVersion(stdout));
    });
  });
}
