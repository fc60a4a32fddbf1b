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
import type { ReviewFeedbackTable, StoreDatabase } from './store-schema.js';

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

/** Rows per INSERT: 29 columns x 100 rows stays far below SQLite's and PostgreSQL's bind limits. */
const FEEDBACK_BATCH = 100;
const FEEDBACK_KEY = ['run_id', 'ticket', 'repo', 'source_type', 'github_id'] as const;

/**
 * Insert or replace items; call inside a transaction. RUN_NOT_FOUND for an unknown run. Rows go in
 * batches (one statement per 100 items, `excluded.*` on conflict: both dialects accept it), so a
 * first sync of thousands of items does not compile and prepare a statement per item.
 */
export async function upsertFeedback(db: Db, items: ReviewFeedbackItem[]): Promise<void> {
  for (const runId of new Set(items.map((i) => i.runId))) await requireRunExists(db, runId);
  // The last of several puts of one key wins, as with one statement per item (PostgreSQL refuses
  // to update one row twice in a statement).
  const byKey = new Map(
    items.map((i) => [JSON.stringify([i.runId, i.ticket, i.repo, i.sourceType, i.githubId]), i]),
  );
  const rows = [...byKey.values()].map(fromFeedback);
  const first = rows[0];
  if (first === undefined) return;
  const updated = Object.keys(first).filter((c) => !(FEEDBACK_KEY as readonly string[]).includes(c));
  for (let i = 0; i < rows.length; i += FEEDBACK_BATCH) {
    await db
      .insertInto('review_feedback')
      .values(rows.slice(i, i + FEEDBACK_BATCH))
      .onConflict((oc) =>
        oc
          .columns([...FEEDBACK_KEY])
          .doUpdateSet((eb) =>
            Object.fromEntries(
              updated.map((c) => [c, eb.ref(`excluded.${c}` as `excluded.${keyof ReviewFeedbackTable}`)]),
            ),
          ),
      )
      .execute();
  }
}
