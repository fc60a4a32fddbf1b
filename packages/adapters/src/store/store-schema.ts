import type { Generated } from 'kysely';

/*
 * Row types of the store's tables. They never leave the store adapter: row-mapping.ts turns them
 * into domain types. Times are ISO-8601 TEXT; JSON-ish fields are TEXT holding JSON.
 */

export interface RunsTable {
  id: string;
  title: string | null;
  status: string;
  /** JSON array of ticket ids. */
  tickets: string;
  base_branch: string;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  closed_at: string | null;
}

export interface TargetsTable {
  run_id: string;
  ticket: string;
  repo: string;
  /** Index of the target in the run's list, to keep its order. */
  position: number;
  path: string;
  remote: string;
  base_branch: string;
}

export interface PullRequestsTable {
  run_id: string;
  ticket: string;
  repo: string;
  branch: string;
  base_ref: string;
  base_sha: string | null;
  snapshot_sha: string | null;
  commit_sha: string | null;
  lease_sha: string | null;
  last_pushed_sha: string | null;
  pr_number: number | null;
  pr_url: string | null;
  pr_state: string | null;
  pr_title: string | null;
  pr_body_digest: string | null;
  actor: string | null;
  actor_source: string | null;
  credential_mode: string | null;
  /** JSON ChecksReport. */
  checks: string | null;
  /** JSON RecordedError. */
  last_error: string | null;
  policy_digest: string | null;
  committed_at: string | null;
  pushed_at: string | null;
  review_synced_at: string | null;
  commit_signature: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReviewFeedbackTable {
  run_id: string;
  ticket: string;
  repo: string;
  source_type: string;
  github_id: number;
  pr_number: number;
  author: string;
  author_association: string;
  body: string;
  body_digest: string;
  path: string | null;
  line: number | null;
  url: string | null;
  thread_id: string | null;
  /** JSON array of FeedbackReply. */
  replies: string;
  diff_hunk: string | null;
  /** 0 or 1. */
  outdated: number;
  check_name: string | null;
  check_sha: string | null;
  posted_at: string | null;
  status: string;
  ignore_reason: string | null;
  reply_state: string;
  reply_id: number | null;
  dispatch_id: string | null;
  dispatched_at: string | null;
  addressed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface EventsTable {
  id: Generated<number>;
  run_id: string | null;
  ticket: string | null;
  repo: string | null;
  type: string;
  phase: string;
  operation_id: string;
  actor: string | null;
  /** JSON object. */
  data: string;
  at: string;
}

export interface RunLocksTable {
  run_id: string;
  owner_id: string;
  operation: string;
  pid: number;
  host: string;
  started_at: string;
  lease_expires_at: string;
}

export interface HttpCacheTable {
  url: string;
  /** One-way digest of the token; never the token. */
  identity: string;
  etag: string;
  /** JSON text of the answer's body. */
  body: string;
  link: string | null;
  stored_at: string;
}

/** The store's database as Kysely sees it. */
export interface StoreDatabase {
  runs: RunsTable;
  targets: TargetsTable;
  pull_requests: PullRequestsTable;
  review_feedback: ReviewFeedbackTable;
  events: EventsTable;
  run_locks: RunLocksTable;
  http_cache: HttpCacheTable;
}
