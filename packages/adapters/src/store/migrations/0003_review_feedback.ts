import type { Kysely } from 'kysely';
import type { ColumnType, MigrationDialect, StoreMigration } from './dialect.js';

/*
 * Review feedback beyond the first version: threads with replies and diff hunks, outdated flags,
 * ignore reasons, checks (name + head sha), GitHub posting time, replies on address; and when a
 * target's PR was last synced. One ADD COLUMN per statement (SQLite allows no more), constant
 * defaults, so rows written before this migration read back with sensible values.
 */
function feedbackColumns(d: MigrationDialect): [string, ColumnType, string | number | null][] {
  return [
    ['thread_id', d.text, null],
    ['replies', d.text, '[]'],
    ['diff_hunk', d.text, null],
    ['outdated', 'integer', 0],
    ['check_name', d.text, null],
    ['check_sha', d.text, null],
    ['posted_at', d.text, null],
    ['ignore_reason', d.text, null],
    ['reply_state', d.text, 'none'],
    // A GitHub comment id.
    ['reply_id', d.bigint, null],
  ];
}

/** Columns for review sync, dispatch and replies (docs/review-feedback.md). */
export const reviewFeedbackMigration: StoreMigration = {
  async up(db: Kysely<unknown>, d: MigrationDialect): Promise<void> {
    for (const [name, type, fallback] of feedbackColumns(d)) {
      await db.schema
        .alterTable('review_feedback')
        .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
        .execute();
    }
    await db.schema.alterTable('pull_requests').addColumn('review_synced_at', d.text).execute();
  },

  async down(db: Kysely<unknown>, d: MigrationDialect): Promise<void> {
    await db.schema.alterTable('pull_requests').dropColumn('review_synced_at').execute();
    for (const [name] of feedbackColumns(d).reverse())
      await db.schema.alterTable('review_feedback').dropColumn(name).execute();
  },
};
