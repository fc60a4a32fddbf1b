import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gitAsync } from '../git-fixtures.js';
import type { StandInBranchResolver } from './types.js';

const SAFE = /^[A-Za-z0-9._-]+$/;

/**
 * A {@link StandInBranchResolver} backed by bare repositories served by the git HTTP stand-in:
 * `<root>/<owner>/<repo>.git` (as GitHub lays them out), else `<root>/<repo>.git`. A branch exists
 * when `refs/heads/<branch>` resolves, and the PR gets its real tip sha. Runs git asynchronously,
 * so it is safe while servers run in the same process.
 */
export function branchesFromBareRepos(root: string, env?: NodeJS.ProcessEnv): StandInBranchResolver {
  return async (owner, repo, branch) => {
    if (!SAFE.test(repo) || repo.startsWith('.') || !SAFE.test(owner) || owner.startsWith('.')) return false;
    const nested = join(root, owner, `${repo}.git`);
    const dir = existsSync(nested) ? nested : join(root, `${repo}.git`);
    try {
      const opts = env === undefined ? {} : { env };
      return await gitAsync(dir, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`], opts);
    } catch {
      return false;
    }
  };
}
