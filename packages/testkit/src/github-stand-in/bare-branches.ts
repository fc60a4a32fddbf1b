import { join } from 'node:path';
import { gitAsync } from '../git-fixtures.js';
import type { StandInBranchResolver } from './types.js';

/**
 * A {@link StandInBranchResolver} backed by bare repositories `<root>/<repo>.git` (the layout the git HTTP
 * stand-in serves): a branch exists when `refs/heads/<branch>` resolves, and the PR gets its real
 * tip sha. The owner is ignored (one namespace per root). Runs git asynchronously, so it is safe
 * while servers run in the same process.
 */
export function branchesFromBareRepos(root: string, env?: NodeJS.ProcessEnv): StandInBranchResolver {
  return async (_owner, repo, branch) => {
    if (!/^[A-Za-z0-9._-]+$/.test(repo) || repo.startsWith('.')) return false;
    try {
      const opts = env === undefined ? {} : { env };
      return await gitAsync(
        join(root, `${repo}.git`),
        ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`],
        opts,
      );
    } catch {
      return false;
    }
  };
}
