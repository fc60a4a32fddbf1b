import { lastCommitFailure, type PullRequestRecord } from '../../domain/pull-request.js';
import { exitCodeFor, isErrorCode } from '../../errors/codes.js';
import type { TargetPrResult } from './pr-result.js';

/**
 * A target whose last commit failed is not pushed (not even an older commit): `pr` exits with that
 * failure's code and says why, so a script never mistakes it for success. True when that is the case.
 */
export function stopIfCommitFailed(
  runId: string,
  record: PullRequestRecord | null,
  result: TargetPrResult,
): boolean {
  const failure = lastCommitFailure(record);
  if (failure === null) return false;
  const code = isErrorCode(failure.code) ? failure.code : 'INTERNAL';
  Object.assign(result, {
    outcome: 'commit_failed',
    branch: record?.branch ?? null,
    checks: failure.code === 'CHECKS_FAILED' ? (record?.checks ?? null) : null,
    exitCode: exitCodeFor(code),
    error: {
      code,
      message: `the last commit of this target failed: ${failure.message}`,
      hint: `Fix the workspace, run \`metawsm commit --run-id ${runId}\` again, then \`metawsm pr --run-id ${runId}\`.`,
      data: { at: failure.at },
    },
  });
  return true;
}
