import type { Kysely, Migration } from 'kysely';

/** Runs, targets, pull-request records, review feedback, the event journal and run locks. */
export const initialMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('tickets', 'text', (c) => c.notNull())
      .addColumn('base_branch', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .addColumn('closed_at', 'text')
      .execute();
    await db.schema.createIndex('runs_created_at').on('runs').columns(['created_at', 'id']).execute();

    await db.schema
      .createTable('targets')
      .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
      .addColumn('ticket', 'text', (c) => c.notNull())
      .addColumn('repo', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('remote', 'text', (c) => c.notNull())
      .addColumn('base_branch', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('targets_pk', ['run_id', 'ticket', 'repo'])
      .execute();

    await db.schema
      .createTable('pull_requests')
      .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
      .addColumn('ticket', 'text', (c) => c.notNull())
      .addColumn('repo', 'text', (c) => c.notNull())
      .addColumn('branch', 'text', (c) => c.notNull())
      .addColumn('base_ref', 'text', (c) => c.notNull())
      .addColumn('base_sha', 'text')
      .addColumn('snapshot_sha', 'text')
      .addColumn('commit_sha', 'text')
      .addColumn('lease_sha', 'text')
      .addColumn('last_pushed_sha', 'text')
      .addColumn('pr_number', 'integer')
      .addColumn('pr_url', 'text')
      .addColumn('pr_state', 'text')
      .addColumn('pr_title', 'text')
      .addColumn('pr_body_digest', 'text')
      .addColumn('actor', 'text')
      .addColumn('actor_source', 'text')
      .addColumn('credential_mode', 'text')
      .addColumn('checks', 'text')
      .addColumn('last_error', 'text')
      .addColumn('policy_digest', 'text')
      .addColumn('committed_at', 'text')
      .addColumn('pushed_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('pull_requests_pk', ['run_id', 'ticket', 'repo'])
      .execute();

    await db.schema
      .createTable('review_feedback')
      .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
      .addColumn('ticket', 'text', (c) => c.notNull())
      .addColumn('repo', 'text', (c) => c.notNull())
      .addColumn('source_type', 'text', (c) => c.notNull())
      .addColumn('github_id', 'integer', (c) => c.notNull())
      .addColumn('pr_number', 'integer', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('author_association', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('body_digest', 'text', (c) => c.notNull())
      .addColumn('path', 'text')
      .addColumn('line', 'integer')
      .addColumn('url', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('dispatch_id', 'text')
      .addColumn('dispatched_at', 'text')
      .addColumn('addressed_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
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
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('run_id', 'text')
      .addColumn('ticket', 'text')
      .addColumn('repo', 'text')
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('phase', 'text', (c) => c.notNull())
      .addColumn('operation_id', 'text', (c) => c.notNull())
      .addColumn('actor', 'text')
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('events_run_id').on('events').columns(['run_id', 'id']).execute();
    await db.schema.createIndex('events_operation_id').on('events').columns(['operation_id', 'id']).execute();

    await db.schema
      .createTable('run_locks')
      .addColumn('run_id', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'text', (c) => c.notNull())
      .addColumn('operation', 'text', (c) => c.notNull())
      .addColumn('pid', 'integer', (c) => c.notNull())
      .addColumn('host', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('lease_expires_at', 'text', (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['run_locks', 'events', 'review_feedback', 'pull_requests', 'targets', 'runs']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
