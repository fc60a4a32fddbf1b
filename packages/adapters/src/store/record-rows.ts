import type {
  ActorSource,
  ChecksReport,
  CredentialMode,
  FeedbackReply,
  FeedbackReplyState,
  FeedbackSourceType,
  FeedbackStatus,
  PullRequestRecord,
  PullRequestState,
  RecordedError,
  ReviewFeedbackItem,
} from '@metawsm/core';
import type { Selectable } from 'kysely';
import type { PullRequestsTable, ReviewFeedbackTable } from './store-schema.js';

// Enum-like TEXT columns are only ever written from the domain types, so reading them back casts.

/** A pull_requests row as a domain record. */
export function toPullRequest(row: Selectable<PullRequestsTable>): PullRequestRecord {
  return {
    runId: row.run_id,
    ticket: row.ticket,
    repo: row.repo,
    branch: row.branch,
    baseRef: row.base_ref,
    baseSha: row.base_sha,
    snapshotSha: row.snapshot_sha,
    commitSha: row.commit_sha,
    leaseSha: row.lease_sha,
    lastPushedSha: row.last_pushed_sha,
    prNumber: row.pr_number,
    prUrl: row.pr_url,
    prState: row.pr_state as PullRequestState | null,
    prTitle: row.pr_title,
    prBodyDigest: row.pr_body_digest,
    actor: row.actor,
    actorSource: row.actor_source as ActorSource | null,
    credentialMode: row.credential_mode as CredentialMode | null,
    checks: parseJson<ChecksReport>(row.checks),
    lastError: parseJson<RecordedError>(row.last_error),
    policyDigest: row.policy_digest,
    committedAt: row.committed_at,
    pushedAt: row.pushed_at,
    reviewSyncedAt: row.review_synced_at,
    commitSignature: row.commit_signature as PullRequestRecord['commitSignature'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A domain record as a pull_requests row. */
export function fromPullRequest(r: PullRequestRecord): PullRequestsTable {
  return {
    run_id: r.runId,
    ticket: r.ticket,
    repo: r.repo,
    branch: r.branch,
    base_ref: r.baseRef,
    base_sha: r.baseSha,
    snapshot_sha: r.snapshotSha,
    commit_sha: r.commitSha,
    lease_sha: r.leaseSha,
    last_pushed_sha: r.lastPushedSha,
    pr_number: r.prNumber,
    pr_url: r.prUrl,
    pr_state: r.prState,
    pr_title: r.prTitle,
    pr_body_digest: r.prBodyDigest,
    actor: r.actor,
    actor_source: r.actorSource,
    credential_mode: r.credentialMode,
    checks: stringifyJson(r.checks),
    last_error: stringifyJson(r.lastError),
    policy_digest: r.policyDigest,
    committed_at: r.committedAt,
    pushed_at: r.pushedAt,
    review_synced_at: r.reviewSyncedAt,
    commit_signature: r.commitSignature,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}

/** A review_feedback row as a domain item. */
export function toFeedback(row: Selectable<ReviewFeedbackTable>): ReviewFeedbackItem {
  return {
    runId: row.run_id,
    ticket: row.ticket,
    repo: row.repo,
    sourceType: row.source_type as FeedbackSourceType,
    githubId: row.github_id,
    prNumber: row.pr_number,
    author: row.author,
    authorAssociation: row.author_association,
    body: row.body,
    bodyDigest: row.body_digest,
    path: row.path,
    line: row.line,
    url: row.url,
    threadId: row.thread_id,
    replies: JSON.parse(row.replies) as FeedbackReply[],
    diffHunk: row.diff_hunk,
    outdated: row.outdated !== 0,
    checkName: row.check_name,
    checkSha: row.check_sha,
    postedAt: row.posted_at,
    status: row.status as FeedbackStatus,
    ignoreReason: row.ignore_reason,
    replyState: row.reply_state as FeedbackReplyState,
    replyId: row.reply_id,
    dispatchId: row.dispatch_id,
    dispatchedAt: row.dispatched_at,
    addressedAt: row.addressed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A domain item as a review_feedback row. */
export function fromFeedback(f: ReviewFeedbackItem): ReviewFeedbackTable {
  return {
    run_id: f.runId,
    ticket: f.ticket,
    repo: f.repo,
    source_type: f.sourceType,
    github_id: f.githubId,
    pr_number: f.prNumber,
    author: f.author,
    author_association: f.authorAssociation,
    body: f.body,
    body_digest: f.bodyDigest,
    path: f.path,
    line: f.line,
    url: f.url,
    thread_id: f.threadId,
    replies: JSON.stringify(f.replies),
    diff_hunk: f.diffHunk,
    outdated: f.outdated ? 1 : 0,
    check_name: f.checkName,
    check_sha: f.checkSha,
    posted_at: f.postedAt,
    status: f.status,
    ignore_reason: f.ignoreReason,
    reply_state: f.replyState,
    reply_id: f.replyId,
    dispatch_id: f.dispatchId,
    dispatched_at: f.dispatchedAt,
    addressed_at: f.addressedAt,
    created_at: f.createdAt,
    updated_at: f.updatedAt,
  };
}

function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

function stringifyJson(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
