import type {
  FeedbackKey,
  FeedbackStatus,
  PullRequestRecord,
  ReviewFeedbackItem,
  TargetKey,
} from '@metawsm/core';
import type { Kysely } from 'kysely';
import { fromFeedback, fromPullRequest, toFeedback, toPullRequest } from './record-rows.js';
import { requireRunExists } from './run-queries.js';
import type { StoreDatabase } from './store-schema.js';

/* Pull-request record and review feedback queries (dialect-neutral builder calls). */

type Db = Kysely<StoreDatabase>;

/** The record of one target, or null. */
export async function selectPullRequest(db: Db, key: TargetKey): Promise<PullRequestRecord | null> {
  const row = await db
    .selectFrom('pull_requests')
    .selectAll()
    .where('run_id', '=', key.runId)
    .where('ticket', '=', key.ticket)
    .where('repo', '=', key.repo)
    .executeTakeFirst();
  return row === undefined ? null : toPullRequest(row);
}

/** A run's records, by ticket then repo. */
export async function selectPullRequests(db: Db, runId: string): Promise<PullRequestRecord[]> {
  const rows = await db
    .selectFrom('pull_requests')
    .selectAll()
    .where('run_id', '=', runId)
    .orderBy('ticket')
    .orderBy('repo')
    .execute();
  return rows.map(toPullRequest);
}

/** Insert or replace a record; call inside a transaction. RUN_NOT_FOUND for an unknown run. */
export async function upsertPullRequest(db: Db, record: PullRequestRecord): Promise<void> {
  await requireRunExists(db, record.runId);
  const row = fromPullRequest(record);
  const { run_id: _r, ticket: _t, repo: _p, ...rest } = row;
  await db
    .insertInto('pull_requests')
    .values(row)
    .onConflict((oc) => oc.columns(['run_id', 'ticket', 'repo']).doUpdateSet(rest))
    .execute();
}

/** One feedback item, or null. */
export async function selectFeedback(db: Db, key: FeedbackKey): Promise<ReviewFeedbackItem | null> {
  const row = await db
    .selectFrom('review_feedback')
    .selectAll()
    .where('run_id', '=', key.runId)
    .where('ticket', '=', key.ticket)
    .where('repo', '=', key.repo)
    .where('source_type', '=', key.sourceType)
    .where('github_id', '=', key.githubId)
    .executeTakeFirst();
  return row === undefined ? null : toFeedback(row);
}

/** A run's items, narrowed, by ticket, repo, source type, GitHub id. An empty status list matches nothing. */
export async function selectFeedbackList(
  db: Db,
  filter: { runId: string; ticket?: string; repo?: string; status?: FeedbackStatus[] },
): Promise<ReviewFeedbackItem[]> {
  if (filter.status?.length === 0) return [];
  let query = db.selectFrom('review_feedback').selectAll().where('run_id', '=', filter.runId);
  if (filter.ticket !== undefined) query = query.where('ticket', '=', filter.ticket);
  if (filter.repo !== undefined) query = query.where('repo', '=', filter.repo);
  if (filter.status !== undefined) query = query.where('status', 'in', filter.status);
  const rows = await query
    .orderBy('ticket')
    .orderBy('repo')
    .orderBy('source_type')
    .orderBy('github_id')
    .execute();
  return rows.map(toFeedback);
}

/** Insert or replace items; call inside a transaction. RUN_NOT_FOUND for an unknown run. */
export async function upsertFeedback(db: Db, items: ReviewFeedbackItem[]): Promise<void> {
  for (const runId of new Set(items.map((i) => i.runId))) await requireRunExists(db, runId);
  for (const item of items) {
    const row = fromFeedback(item);
    const { run_id: _r, ticket: _t, repo: _p, source_type: _s, github_id: _g, ...rest } = row;
    await db
      .insertInto('review_feedback')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['run_id', 'ticket', 'repo', 'source_type', 'github_id']).doUpdateSet(rest),
      )
      .execute();
  }
}
