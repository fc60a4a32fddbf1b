import type { ChecksReport } from '../../domain/checks.js';
import { emptyPullRequestRecord, type RecordedError } from '../../domain/pull-request.js';
import type { Promotion } from './promote-target.js';

/** The record's `lastError` for a failed outcome, or null when the outcome is not a failure of commit. */
function failureOf(p: Promotion, at: string): RecordedError | null {
  const r = p.result;
  const base = { at, operation: 'commit' };
  switch (r.outcome) {
    case 'checks_failed': {
      const failed = (r.checks?.results ?? []).filter((c) => c.status === 'failed').map((c) => c.name);
      return { ...base, code: 'CHECKS_FAILED', message: `required checks failed: ${failed.join(', ')}` };
    }
    case 'conflict':
      return {
        ...base,
        code: 'PROMOTION_CONFLICT',
        message: `the change conflicts with the base in ${r.conflicts.map((c) => c.path).join(', ')}`,
      };
    case 'foreign_commits':
      return {
        ...base,
        code: 'FOREIGN_COMMITS',
        message: `${r.foreignCommits.length} commit(s) by someone else on ${p.branch}`,
      };
    case 'error':
      // Of the errors, only a refused workspace is an outcome of the promotion (not a fault).
      return r.error?.code === 'WORKSPACE_UNRESOLVED'
        ? { ...base, code: r.error.code, message: r.error.message }
        : null;
    default:
      return null;
  }
}

/**
 * Leave the outcome of this commit on the target's record, so `pr` and `status` know it: a failure
 * (with the checks report) becomes `lastError`; an outcome that is not a failure clears an earlier
 * commit failure. A successful commit records itself (write-promotion); a dry run records nothing.
 */
export async function recordCommitOutcome(p: Promotion): Promise<void> {
  if (p.options.dryRun || p.result.outcome === 'committed') return;
  const { store, clock } = p.deps;
  const key = { runId: p.run.id, ticket: p.target.ticket, repo: p.target.repo };
  const at = new Date(clock.nowMs()).toISOString();
  const existing = await store.getPullRequest(key);
  const failure = failureOf(p, at);
  // An unexpected error says nothing about the workspace: leave the record as it was.
  if (failure === null && (p.result.outcome === 'error' || existing?.lastError?.operation !== 'commit'))
    return;
  const checks: ChecksReport | null = p.result.checks ?? existing?.checks ?? null;
  await store.putPullRequest({
    ...(existing ?? emptyPullRequestRecord(key, p.branch, at)),
    checks,
    lastError: failure,
    policyDigest: p.policy.digest,
    updatedAt: at,
  });
}
