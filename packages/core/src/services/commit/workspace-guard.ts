import { MetawsmError } from '../../errors/metawsm-error.js';
import type { Promotion } from './promote-target.js';

/**
 * A merge, rebase, cherry-pick or revert in progress, or unmerged paths: the workspace holds
 * conflict markers or half-applied work. Refused whatever the policy's checks, before anything is
 * written, so no conflict markers are ever committed silently (the workspace is left as it is).
 * Returns true (with `p.result` filled in) when the target is refused.
 */
export function refuseUnresolved(p: Promotion): boolean {
  const problems = p.unresolved;
  if (problems.length === 0) return false;
  const error = new MetawsmError(
    'WORKSPACE_UNRESOLVED',
    `${p.ws.path} is in the middle of an unfinished operation: ${problems.join('; ')}`,
    {
      hint: `Finish or abort it in the workspace (e.g. \`git merge --continue\` / \`git merge --abort\`), then \`metawsm commit --run-id ${p.run.id}\`.`,
      data: { path: p.ws.path, problems },
    },
  );
  Object.assign(p.result, { outcome: 'error', error: error.toJSON(), exitCode: error.exitCode });
  return true;
}
