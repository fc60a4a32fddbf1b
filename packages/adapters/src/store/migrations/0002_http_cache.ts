import type { Kysely } from 'kysely';
import type { MigrationDialect, StoreMigration } from './dialect.js';

/** The conditional-request cache: one remembered GET answer per (URL, token identity). */
export const httpCacheMigration: StoreMigration = {
  async up(db: Kysely<unknown>, d: MigrationDialect): Promise<void> {
    await db.schema
      .createTable('http_cache')
      .addColumn('url', d.text, (c) => c.notNull())
      .addColumn('identity', d.text, (c) => c.notNull())
      .addColumn('etag', d.text, (c) => c.notNull())
      .addColumn('body', d.text, (c) => c.notNull())
      .addColumn('link', d.text)
      .addColumn('stored_at', d.text, (c) => c.notNull())
      .addPrimaryKeyConstraint('http_cache_pk', ['url', 'identity'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('http_cache').execute();
  },
};
