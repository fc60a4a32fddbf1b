import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './0001_initial.js';
import { httpCacheMigration } from './0002_http_cache.js';
import { reviewFeedbackMigration } from './0003_review_feedback.js';

/** Every migration, by name; names sort in the order they run. Never rename or edit a shipped one. */
export const STORE_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': initialMigration,
  '0002_http_cache': httpCacheMigration,
  '0003_review_feedback': reviewFeedbackMigration,
};

/** Kysely migration provider over {@link STORE_MIGRATIONS} (in code, so bundling needs no files). */
export const storeMigrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...STORE_MIGRATIONS }),
};
