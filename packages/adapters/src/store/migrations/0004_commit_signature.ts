import type { Kysely } from 'kysely';
import type { MigrationDialect, StoreMigration } from './dialect.js';

/** The signature format of the target's promotion commit (SPEC 4.1a); null: unsigned, or written before signing. */
export const commitSignatureMigration: StoreMigration = {
  async up(db: Kysely<unknown>, d: MigrationDialect): Promise<void> {
    await db.schema.alterTable('pull_requests').addColumn('commit_signature', d.text).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('pull_requests').dropColumn('commit_signature').execute();
  },
};
