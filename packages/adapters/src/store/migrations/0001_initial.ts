import type { Kysely } from 'kysely';
import type { MigrationDialect, StoreMigration } from './dialect.js';

/**
 * Runs, targets, pull-request records, review feedback, the event journal and run locks. On SQLite
 * this emits exactly the DDL it always did (test/sqlite-schema.test.ts); `d` adds PostgreSQL's types.
 */
export const initialMigration: StoreMigration = {
  async up(db: Kysely<unknown>, d: MigrationDialect): Promise<void> {
    await db.schema
      .createTable('runs')
      .addColumn('id', d.text, (c) => c.primaryKey())
      .addColumn('title', d.text)
      .addColumn('status', d.text, (c) => c.notNull())
      .addColumn('tickets', d.text, (c) => c.notNull())
      .addColumn('base_branch', d.text, (c) => c.notNull())
      .addColumn('created_at', d.text, (c) => c.notNull())
      .addColumn('updated_at', d.text, (c) => c.notNull())
      .addColumn('completed_at', d.text)
      .addColumn('closed_at', d.text)
      .execute();
    await db.schema.createIndex('runs_created_at').on('runs').columns(['created_at', 'id']).execute();

    await db.schema
      .createTable('targets')
      .addColumn('run_id', d.text, (c) => c.notNull().references('runs.id').onDelete('cascade'))
      .addColumn('ticket', d.text, (c) => c.notNull())
      .addColumn('repo', d.text, (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('path', d.text, (c) => c.notNull())
      .addColumn('remote', d.text, (c) => c.notNull())
      .addColumn('base_branch', d.text, (c) => c.notNull())
      .addPrimaryKeyConstraint('targets_pk', ['run_id', 'ticket', 'repo'])
      .execute();

    await db.schema
      .createTable('pull_requests')
      .addColumn('run_id', d.text, (c) => c.notNull().references('runs.id').onDelete('cascade'))
      .addColumn('ticket', d.text, (c) => c.notNull())
      .addColumn('repo', d.text, (c) => c.notNull())
      .addColumn('branch', d.text, (c) => c.notNull())
      .addColumn('base_ref', d.text, (c) => c.notNull())
      .addColumn('base_sha', d.text)
      .addColumn('snapshot_sha', d.text)
      .addColumn('commit_sha', d.text)
      .addColumn('lease_sha', d.text)
      .addColumn('last_pushed_sha', d.text)
      .addColumn('pr_number', 'integer')
      .addColumn('pr_url', d.text)
      .addColumn('pr_state', d.text)
      .addColumn('pr_title', d.text)
      .addColumn('pr_body_digest', d.text)
      .addColumn('actor', d.text)
      .addColumn('actor_source', d.text)
      .addColumn('credential_mode', d.text)
      .addColumn('checks', d.text)
      .addColumn('last_error', d.text)
      .addColumn('policy_digest', d.text)
      .addColumn('committed_at', d.text)
      .addColumn('pushed_at', d.text)
      .addColumn('created_at', d.text, (c) => c.notNull())
      .addColumn('updated_at', d.text, (c) => c.notNull())
      .addPrimaryKeyConstraint('pull_requests_pk', ['run_id', 'ticket', 'repo'])
      .execute();

    await db.schema
      .createTable('review_feedback')
      .addColumn('run_id', d.text, (c) => c.notNull().references('runs.id').onDelete('cascade'))
      .addColumn('ticket', d.text, (c) => c.notNull())
      .addColumn('repo', d.text, (c) => c.notNull())
      .addColumn('source_type', d.text, (c) => c.notNull())
      .addColumn('github_id', d.bigint, (c) => c.notNull())
      .addColumn('pr_number', 'integer', (c) => c.notNull())
      .addColumn('author', d.text, (c) => c.notNull())
      .addColumn('author_association', d.text, (c) => c.notNull())
      .addColumn('body', d.text, (c) => c.notNull())
      .addColumn('body_digest', d.text, (c) => c.notNull())
      .addColumn('path', d.text)
      .addColumn('line', 'integer')
      .addColumn('url', d.text)
      .addColumn('status', d.text, (c) => c.notNull())
      .addColumn('dispatch_id', d.text)
      .addColumn('dispatched_at', d.text)
      .addColumn('addressed_at', d.text)
      .addColumn('created_at', d.text, (c) => c.notNull())
      .addColumn('updated_at', d.text, (c) => c.notNull())
      .addPrimaryKeyConstraint('review_feedback_pk', ['run_id', 'ticket', 'repo', 'source_type', 'github_id'])
      .execute();
    await db.schema
      .createIndex('review_feedback_status')
      .on('review_feedback')
      .columns(['run_id', 'status'])
      .execute();

    // The journal keeps rows of runs that never got created (a failed run.create), so no FK.
    await db.schema
      .createTable('events')
      .addColumn('id', d.generatedKeyType, (c) => d.generatedKey(c))
      .addColumn('run_id', d.text)
      .addColumn('ticket', d.text)
      .addColumn('repo', d.text)
      .addColumn('type', d.text, (c) => c.notNull())
      .addColumn('phase', d.text, (c) => c.notNull())
      .addColumn('operation_id', d.text, (c) => c.notNull())
      .addColumn('actor', d.text)
      .addColumn('data', d.text, (c) => c.notNull())
      .addColumn('at', d.text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('events_run_id').on('events').columns(['run_id', 'id']).execute();
    await db.schema.createIndex('events_operation_id').on('events').columns(['operation_id', 'id']).execute();

    await db.schema
      .createTable('run_locks')
      .addColumn('run_id', d.text, (c) => c.primaryKey())
      .addColumn('owner_id', d.text, (c) => c.notNull())
      .addColumn('operation', d.text, (c) => c.notNull())
      .addColumn('pid', 'integer', (c) => c.notNull())
      .addColumn('host', d.text, (c) => c.notNull())
      .addColumn('started_at', d.text, (c) => c.notNull())
      .addColumn('lease_expires_at', d.text, (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['run_locks', 'events', 'review_feedback', 'pull_requests', 'targets', 'runs']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
