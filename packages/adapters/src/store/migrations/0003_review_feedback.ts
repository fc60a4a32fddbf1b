import type { Kysely, Migration } from 'kysely';

/*
 * Review feedback beyond the first version: threads with replies and diff hunks, outdated flags,
 * ignore reasons, checks (name + head sha), GitHub posting time, replies on address; and when a
 * target's PR was last synced. One ADD COLUMN per statement (SQLite allows no more); plain types
 * and constant defaults that PostgreSQL accepts too.
 */
const FEEDBACK_COLUMNS: [string, 'text' | 'integer', string | number | null][] = [
  ['thread_id', 'text', null],
  ['replies', 'text', '[]'],
  ['diff_hunk', 'text', null],
  ['outdated', 'integer', 0],
  ['check_name', 'text', null],
  ['check_sha', 'text', null],
  ['posted_at', 'text', null],
  ['ignore_reason', 'text', null],
  ['reply_state', 'text', 'none'],
  ['reply_id', 'integer', null],
];

/** Columns for review sync, dispatch and replies (SPEC §7). */
export const reviewFeedbackMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const [name, type, fallback] of FEEDBACK_COLUMNS) {
      await db.schema
        .alterTable('review_feedback')
        .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
        .execute();
    }
    await db.schema.alterTable('pull_requests').addColumn('review_synced_at', 'text').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('pull_requests').dropColumn('review_synced_at').execute();
    for (const [name] of [...FEEDBACK_COLUMNS].reverse())
      await db.schema.alterTable('review_feedback').dropColumn(name).execute();
  },
};
