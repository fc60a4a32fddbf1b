import type { ChecksReport } from './checks.js';
import type { Oid } from './git.js';
import type { SigningFormat } from './signing.js';

/** GitHub pull-request state as metawsm tracks it. */
export const PR_STATES = ['open', 'draft', 'closed', 'merged'] as const;
/** See {@link PR_STATES}. */
export type PullRequestState = (typeof PR_STATES)[number];

/** How the actor was determined: `--actor`, the GitHub login, the git identity, or unknown. */
export type ActorSource = 'flag' | 'github' | 'git' | 'unknown';

/** Which credential mode produced the token used. */
export type CredentialMode = 'local_user_auth' | 'env_token';

/** Last failure recorded on a target, for `status` and resumption. */
export interface RecordedError {
  code: string;
  message: string;
  at: string;
  /** The command that recorded it (`commit`, `pr`, …); absent on records written before this field. */
  operation?: string;
}

/**
 * The failure of the target's last `commit` (failed checks, conflict, foreign commits), or null
 * when its last commit attempt did not fail. `pr` refuses to push while there is one.
 */
export function lastCommitFailure(record: PullRequestRecord | null): RecordedError | null {
  const error = record?.lastError ?? null;
  return error !== null && error.operation === 'commit' ? error : null;
}

/**
 * Everything metawsm knows about one target's branch, commit and PR. Never holds a token.
 * Created by `commit`, advanced by `pr`, refreshed by `review sync`.
 */
export interface PullRequestRecord {
  runId: string;
  ticket: string;
  repo: string;
  branch: string;
  /** `refs/remotes/<remote>/<base>` style name of the base used, and its tip at commit time. */
  baseRef: string;
  baseSha: Oid | null;
  snapshotSha: Oid | null;
  /** The commit metawsm created on the PR branch (local ref `refs/heads/<branch>`). */
  commitSha: Oid | null;
  /** Remote branch tip the commit was computed against (null: branch absent); the push lease. */
  leaseSha: Oid | null;
  /** The last sha metawsm pushed to the remote branch. */
  lastPushedSha: Oid | null;
  prNumber: number | null;
  prUrl: string | null;
  prState: PullRequestState | null;
  /** Title and body digest metawsm last wrote, to avoid overwriting human edits. */
  prTitle: string | null;
  prBodyDigest: string | null;
  actor: string | null;
  actorSource: ActorSource | null;
  credentialMode: CredentialMode | null;
  checks: ChecksReport | null;
  lastError: RecordedError | null;
  policyDigest: string | null;
  committedAt: string | null;
  pushedAt: string | null;
  /** When `review sync` last read this target's PR (the operator's `review_sync_due`). */
  reviewSyncedAt: string | null;
  /** The signature format of `commitSha` (SPEC 4.1a), null when it is unsigned (or on records from before signing). */
  commitSignature: SigningFormat | 'unknown' | null;
  createdAt: string;
  updatedAt: string;
}

/** The record of a target before anything was done for it. */
export function emptyPullRequestRecord(
  key: { runId: string; ticket: string; repo: string },
  branch: string,
  at: string,
) {
  return {
    ...key,
    branch,
    baseRef: '',
    baseSha: null,
    snapshotSha: null,
    commitSha: null,
    leaseSha: null,
    lastPushedSha: null,
    prNumber: null,
    prUrl: null,
    prState: null,
    prTitle: null,
    prBodyDigest: null,
    actor: null,
    actorSource: null,
    credentialMode: null,
    checks: null,
    lastError: null,
    policyDigest: null,
    committedAt: null,
    pushedAt: null,
    reviewSyncedAt: null,
    commitSignature: null,
    createdAt: at,
    updatedAt: at,
  };
}
