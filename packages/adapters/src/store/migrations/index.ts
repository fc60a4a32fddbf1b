import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './0001_initial.js';
import { httpCacheMigration } from './0002_http_cache.js';
import { reviewFeedbackMigration } from './0003_review_feedback.js';
import { commitSignatureMigration } from './0004_commit_signature.js';
import { SQLITE_DIALECT, type MigrationDialect, type StoreMigration } from './dialect.js';

/**
 * Every migration, by name; names sort in the order they run. Never rename or edit a shipped one.
 * Each runs on SQLite and on PostgreSQL: write DDL with the {@link MigrationDialect} it receives
 * (`dialect.text` for text columns, `dialect.bigint` for GitHub ids) and add the new table to
 * `COPIED_TABLES` (copy/copied-tables.ts) so `metawsm store copy` carries it.
 */
export const STORE_MIGRATIONS: Readonly<Record<string, StoreMigration>> = {
  '0001_initial': initialMigration,
  '0002_http_cache': httpCacheMigration,
  '0003_review_feedback': reviewFeedbackMigration,
  '0004_commit_signature': commitSignatureMigration,
};

/** Kysely migration provider over {@link STORE_MIGRATIONS} for one dialect (in code, so bundling needs no files). */
export function migrationProviderFor(dialect: MigrationDialect): MigrationProvider {
  const bind = ({ up, down }: StoreMigration): Migration => ({
    up: (db) => up(db, dialect),
    ...(down === undefined ? {} : { down: (db) => down(db, dialect) }),
  });
  return {
    getMigrations: () =>
      Promise.resolve(Object.fromEntries(Object.entries(STORE_MIGRATIONS).map(([k, m]) => [k, bind(m)]))),
  };
}

/** The SQLite migration provider. */
export const storeMigrationProvider: MigrationProvider = migrationProviderFor(SQLITE_DIALECT);

/** True when exactly the known migrations have run (`done`: the names in kysely_migration). */
export function ranExactlyKnownMigrations(done: ReadonlySet<string>): boolean {
  const known = Object.keys(STORE_MIGRATIONS);
  return done.size === known.length && known.every((name) => done.has(name));
}
