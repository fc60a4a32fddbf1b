import type { Kysely, Migration } from 'kysely';

/** The conditional-request cache: one remembered GET answer per (URL, token identity). */
export const httpCacheMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('http_cache')
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('identity', 'text', (c) => c.notNull())
      .addColumn('etag', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('link', 'text')
      .addColumn('stored_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('http_cache_pk', ['url', 'identity'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('http_cache').execute();
  },
};
